/**
 * Post-incident analysis templates of IncidentManagerSetup: their data schema and the SSM
 * documents they become, one per template and region of the replication set.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ANALYSIS_TEMPLATE_FORMAT,
  ANALYSIS_TEMPLATE_TYPE,
  DOCUMENT_CONTENT_MAX_BYTES,
  DOCUMENT_NAME,
  RESERVED_DOCUMENT_PREFIXES,
} from "../../aws";
import { checked, uniqueBy } from "../schemaHelpers";
import { describeValue } from "../validation";

/** The rule an analysis template's name breaks, if any (completes "`path` ..."). */
export function checkTemplateName(name: string): string | undefined {
  if (!DOCUMENT_NAME.pattern!.test(name)) {
    return `must be 3-128 letters, digits, "_", "-" and "." (${DOCUMENT_NAME.source}: ${DOCUMENT_NAME.patternText}); got ${describeValue(name)}. Rename the template.`;
  }
  const reserved = RESERVED_DOCUMENT_PREFIXES.find((prefix) =>
    name.toLowerCase().startsWith(prefix.toLowerCase()),
  );
  if (reserved !== undefined) {
    return `starts with "${reserved}", a prefix AWS reserves for its own documents (${DOCUMENT_NAME.source}: ${RESERVED_DOCUMENT_PREFIXES.join(", ")}, compared here in any case); got ${describeValue(name)}. Choose a name with another start, such as "team-${name}".`;
  }
  return undefined;
}

/** The rule a template's content breaks, if any: a JSON object within SSM's content size. */
function checkContent(content: unknown): string | undefined {
  if (typeof content !== "object" || content === null || Array.isArray(content)) {
    return `must be the template's JSON document as an object (start from AWS's AWSIncidents-PostIncidentAnalysisTemplate); got ${describeValue(content)}`;
  }
  let json: string | undefined;
  try {
    json = JSON.stringify(content);
  } catch (err) {
    return `must be a JSON document; it could not be serialized (${(err as Error).message}). Give plain objects, lists, strings, numbers and booleans.`;
  }
  const bytes = Buffer.byteLength(json ?? "", "utf8");
  if (bytes > DOCUMENT_CONTENT_MAX_BYTES) {
    return `must be at most ${DOCUMENT_CONTENT_MAX_BYTES} bytes as JSON (ssm CreateDocument Content: "must not exceed 64KB"); got ${bytes} bytes. Remove questions or sections, or split the template in two.`;
  }
  return undefined;
}

/** One template: `{ name, content }`. */
const analysisTemplateSchema = z.strictObject({
  name: checked(checkTemplateName),
  content: z.any().superRefine((content, ctx) => {
    const message = checkContent(content);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  }) as z.ZodType<Record<string, unknown>>,
});

/** `analysisTemplates`: templates with unique names. */
export const analysisTemplatesSchema = z
  .array(analysisTemplateSchema)
  .superRefine((templates, ctx) =>
    uniqueBy(
      templates,
      (t) => t.name,
      ctx,
      "template name",
      ["analysisTemplates"],
      "a document name is unique in its account and region.",
    ),
  );

/** Parsed templates. */
export type AnalysisTemplateData = z.output<typeof analysisTemplatesSchema>[number];

/**
 * Registers each template as an SSM document `ProblemAnalysisTemplate` (format `JSON`, as the
 * user guide's post-incident analysis page requires) in every region, named
 * `<component>-analysis-<template>-<region>`. Classic `aws.ssm.Document`, which takes a `region`
 * (its `documentType` is checked by the provider against the AWS SDK's DocumentType enum, which
 * lists `ProblemAnalysisTemplate`; CloudFormation's AWS::SSM::Document lists it too).
 */
export function createAnalysisTemplates(
  name: string,
  templates: readonly AnalysisTemplateData[],
  regions: readonly string[],
  tags: Record<string, string>,
  parent: pulumi.Resource,
): aws.ssm.Document[] {
  return templates.flatMap((template) =>
    regions.map(
      (region) =>
        new aws.ssm.Document(
          `${name}-analysis-${template.name}-${region}`,
          {
            region,
            name: template.name,
            documentType: ANALYSIS_TEMPLATE_TYPE,
            documentFormat: ANALYSIS_TEMPLATE_FORMAT,
            content: JSON.stringify(template.content),
            ...(Object.keys(tags).length > 0 ? { tags } : {}),
          },
          { parent },
        ),
    ),
  );
}
