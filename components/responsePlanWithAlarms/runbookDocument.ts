/**
 * A runbook written as code: an SSM Automation document given as an object or a YAML/JSON file.
 * Loading reads and parses it (the file is read when the args are checked); `documentIssues`
 * checks its shape, and `parameterIssues` checks its parameters against what the response plan
 * passes. Every issue's path leads into the document (`document.content.mainSteps[1].action`).
 */
import { readFileSync } from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { z } from "zod";
import {
  AUTOMATION_ACTIONS,
  AUTOMATION_SCHEMA_VERSION,
  DOCUMENT_CONTENT,
  DYNAMIC_PARAMETER_TYPES,
} from "../../aws";
import { repeatsMessage } from "../schemaHelpers";
import { describeValue, type FieldPath, type ValidationIssue } from "../validation";
import { DocumentFormat } from "./args";

/** A runbook document once loaded: its content, the text stored in SSM, and where it came from. */
export interface LoadedDocument {
  /** The document as data. */
  readonly content: Record<string, unknown>;
  /** The text the SSM document is created with. */
  readonly text: string;
  readonly format: DocumentFormat;
  /** The field the document was given in, under `runbook.document`: `content`, `text` or `file`. */
  readonly field: "content" | "text" | "file";
}

const FORMAT_BY_EXTENSION: Readonly<Record<string, DocumentFormat>> = {
  ".yaml": "YAML",
  ".yml": "YAML",
  ".json": "JSON",
};

/** A parameter reference that is the whole value: `{{ AutomationAssumeRole }}`. */
const PARAMETER_REFERENCE = /^\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The text of a file, or the issue of reading it. */
function readDocumentFile(file: string): { text: string } | { issue: string } {
  try {
    return { text: readFileSync(path.resolve(file), "utf8") };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      issue: `names a file that cannot be read (${code ?? "error"}); got ${describeValue(file)}, resolved to ${describeValue(path.resolve(file))}. A relative path is relative to the program's working directory.`,
    };
  }
}

/** Parses a document's text: JSON is YAML, so one parser reads both. */
function parseText(
  text: string,
  format: DocumentFormat,
  where: string,
): { content: Record<string, unknown> } | { issue: string } {
  let parsed: unknown;
  try {
    // JSON_SCHEMA keeps `0.3` and `yes` as written instead of guessing types.
    parsed = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (err) {
    const reason = err instanceof yaml.YAMLException ? err.reason : String(err);
    const line = err instanceof yaml.YAMLException ? ` at line ${err.mark.line + 1}` : "";
    return { issue: `is not valid ${format}${line} (${reason}); got ${where}` };
  }
  if (!isRecord(parsed)) {
    return {
      issue: `must hold an Automation document (a mapping with \`schemaVersion\` and \`mainSteps\`); got ${describeValue(parsed)} in ${where}`,
    };
  }
  return { content: parsed };
}

/**
 * The schema of `runbook.document`: exactly one of `content`, `text` and `file`, loaded and
 * parsed.
 */
export const runbookDocumentSchema = z
  .strictObject({
    content: z.record(z.string(), z.any()).optional(),
    text: z.string().optional(),
    file: z.string().min(1).optional(),
    format: z.enum(DocumentFormat).optional(),
  })
  .transform((doc, ctx): LoadedDocument => {
    const given = (["content", "text", "file"] as const).filter((k) => doc[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `needs exactly one of \`content\` (the document as an object), \`text\` (its YAML or JSON text) and \`file\` (a YAML or JSON file); got ${given.length === 0 ? "none" : given.map((k) => `\`${k}\``).join(" and ")}.`,
      });
      return z.NEVER;
    }
    if (doc.text !== undefined) {
      const format = doc.format ?? "YAML";
      if (doc.text.length > DOCUMENT_CONTENT.max || doc.text.length < DOCUMENT_CONTENT.min) {
        ctx.addIssue({
          code: "custom",
          path: ["text"],
          message: `holds ${doc.text.length} characters; an SSM document holds ${DOCUMENT_CONTENT.min}-${DOCUMENT_CONTENT.max} (${DOCUMENT_CONTENT.source}).`,
        });
        return z.NEVER;
      }
      const parsed = parseText(doc.text, format, "the text given");
      if ("issue" in parsed) {
        ctx.addIssue({ code: "custom", path: ["text"], message: parsed.issue });
        return z.NEVER;
      }
      return { content: parsed.content, text: doc.text, format, field: "text" };
    }
    if (doc.content !== undefined) {
      const format = doc.format ?? "YAML";
      const text =
        format === "JSON"
          ? JSON.stringify(doc.content, null, 2)
          : yaml.dump(doc.content, { noRefs: true, lineWidth: -1 });
      if (text.length > DOCUMENT_CONTENT.max) {
        ctx.addIssue({
          code: "custom",
          path: ["content"],
          message: `is ${text.length} characters as ${format}; an SSM document holds at most ${DOCUMENT_CONTENT.max} (${DOCUMENT_CONTENT.source}). Move work into fewer steps or into another document run by aws:executeAutomation.`,
        });
        return z.NEVER;
      }
      return { content: doc.content, text, format, field: "content" };
    }
    const file = doc.file!;
    const byExtension = FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
    if (byExtension === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["file"],
        message: `must end in .yaml, .yml or .json (its extension says how it is parsed and stored); got ${describeValue(file)}`,
      });
      return z.NEVER;
    }
    if (doc.format !== undefined && doc.format !== byExtension) {
      ctx.addIssue({
        code: "custom",
        path: ["format"],
        message: `says ${doc.format}, but the file ${describeValue(file)} is ${byExtension} by its extension; got ${describeValue(doc.format)}. Leave \`format\` out, or rename the file.`,
      });
      return z.NEVER;
    }
    const read = readDocumentFile(file);
    if ("issue" in read) {
      ctx.addIssue({ code: "custom", path: ["file"], message: read.issue });
      return z.NEVER;
    }
    if (read.text.length > DOCUMENT_CONTENT.max) {
      ctx.addIssue({
        code: "custom",
        path: ["file"],
        message: `holds ${read.text.length} characters; an SSM document holds at most ${DOCUMENT_CONTENT.max} (${DOCUMENT_CONTENT.source}); got ${describeValue(file)}`,
      });
      return z.NEVER;
    }
    const parsed = parseText(read.text, byExtension, describeValue(file));
    if ("issue" in parsed) {
      ctx.addIssue({ code: "custom", path: ["file"], message: parsed.issue });
      return z.NEVER;
    }
    return { content: parsed.content, text: read.text, format: byExtension, field: "file" };
  });

/** "aws:approve" for "aws:Approve" or "approve": the action meant, when it is clear. */
function meantAction(action: string): string | undefined {
  const lower = action.toLowerCase();
  return AUTOMATION_ACTIONS.find(
    (a) => a.toLowerCase() === lower || a.toLowerCase() === `aws:${lower}`,
  );
}

/**
 * The shape issues of an Automation document, with paths inside it: its schema version, a
 * non-empty list of uniquely named steps, each with a known action, and parameters declared as
 * objects.
 */
export function documentIssues(content: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (content.schemaVersion !== AUTOMATION_SCHEMA_VERSION) {
    issues.push({
      path: ["schemaVersion"],
      message: `must be "${AUTOMATION_SCHEMA_VERSION}", the schema of Automation runbooks (Systems Manager user guide, schema features); got ${describeValue(content.schemaVersion)}${typeof content.schemaVersion === "number" ? ` (a number: quote it, schemaVersion: "${AUTOMATION_SCHEMA_VERSION}")` : ""}`,
    });
  }
  const steps = content.mainSteps;
  if (!Array.isArray(steps) || steps.length === 0) {
    issues.push({
      path: ["mainSteps"],
      message: `must be a list of at least one step ({ name, action, inputs }); got ${describeValue(steps)}`,
    });
  } else {
    const seen = new Map<string, number>();
    steps.forEach((step, i) => {
      if (!isRecord(step)) {
        issues.push({
          path: ["mainSteps", i],
          message: `must be a step ({ name, action, inputs }); got ${describeValue(step)}`,
        });
        return;
      }
      const name = step.name;
      if (typeof name !== "string" || name.length === 0) {
        issues.push({
          path: ["mainSteps", i, "name"],
          message: `must be the step's name, unique in the document (Automation actions reference, properties shared by all actions); got ${describeValue(name)}`,
        });
      } else {
        const first = seen.get(name);
        if (first === undefined) seen.set(name, i);
        else {
          issues.push({
            path: ["mainSteps", i, "name"],
            message: repeatsMessage(
              "step name",
              name,
              ["mainSteps", first, "name"],
              "a step's name must be unique across all step names in the document (Automation actions reference).",
            ),
          });
        }
      }
      const action = step.action;
      if (typeof action !== "string" || !AUTOMATION_ACTIONS.includes(action)) {
        const meant = typeof action === "string" ? meantAction(action) : undefined;
        issues.push({
          path: ["mainSteps", i, "action"],
          message: `must be an Automation action such as aws:executeAwsApi, aws:approve or aws:pause (${AUTOMATION_ACTIONS.length} actions in the Systems Manager Automation actions reference); got ${describeValue(action)}${meant === undefined ? "" : `. Write ${meant}.`}`,
        });
      }
    });
  }
  const parameters = content.parameters;
  if (parameters !== undefined) {
    if (!isRecord(parameters)) {
      issues.push({
        path: ["parameters"],
        message: `must map each parameter's name to its declaration ({ type, default?, description? }); got ${describeValue(parameters)}`,
      });
    } else {
      for (const [key, declaration] of Object.entries(parameters)) {
        if (!isRecord(declaration) || typeof declaration.type !== "string") {
          issues.push({
            path: ["parameters", key],
            message: `must declare the parameter's \`type\` ({ type: String, ... }); got ${describeValue(declaration)}`,
          });
        }
      }
    }
  }
  if (content.assumeRole !== undefined && typeof content.assumeRole !== "string") {
    issues.push({
      path: ["assumeRole"],
      message: `must be a role ARN or a parameter reference such as "{{ AutomationAssumeRole }}"; got ${describeValue(content.assumeRole)}`,
    });
  }
  return issues;
}

/** The document's parameter declarations, when they are well formed. */
export function declaredParameters(
  content: Record<string, unknown>,
): Record<string, Record<string, unknown>> {
  const parameters = content.parameters;
  if (!isRecord(parameters)) return {};
  return Object.fromEntries(
    Object.entries(parameters).filter((entry): entry is [string, Record<string, unknown>] =>
      isRecord(entry[1]),
    ),
  );
}

/** The parameter the document's `assumeRole` names (`{{ X }}`), or undefined. */
export function assumeRoleParameter(content: Record<string, unknown>): string | undefined {
  const role = content.assumeRole;
  if (typeof role !== "string") return undefined;
  return PARAMETER_REFERENCE.exec(role)?.[1];
}

/** What the response plan passes to the runbook, and the field each value comes from. */
export interface PassedParameters {
  /** Static values: name to the args path that gives them. */
  readonly static: ReadonlyMap<string, FieldPath>;
  /** Dynamic values: name to the variable. */
  readonly dynamic: ReadonlyMap<string, string>;
}

/**
 * The issues between a document's parameters and what the plan passes: a value passed for a
 * parameter the document does not declare, a declared parameter without a default that gets no
 * value, a dynamic value for a parameter of the wrong type, and an `assumeRole` that names an
 * undeclared parameter. Paths: the passing field for the first, `documentPath` + the place in the
 * document for the others.
 */
export function parameterIssues(
  content: Record<string, unknown>,
  passed: PassedParameters,
  documentPath: FieldPath,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const declared = declaredParameters(content);
  const names = Object.keys(declared);
  const list = names.length > 0 ? names.join(", ") : "none";
  const dynamicPaths = new Map<string, FieldPath>(
    [...passed.dynamic.keys()].map((k) => [k, ["dynamicParameters", k]]),
  );
  for (const [key, at] of [...passed.static, ...dynamicPaths]) {
    if (!(key in declared)) {
      issues.push({
        path: at,
        message: `passes the parameter ${describeValue(key)}, which the runbook document does not declare (its parameters: ${list}); StartAutomationExecution fails with InvalidAutomationExecutionParametersException when the parameters "may not match the set of parameters permitted" (botocore 1.43, ssm). Declare it under the document's \`parameters\`, or stop passing it.`,
      });
    }
  }
  for (const [key, declaration] of Object.entries(declared)) {
    const given = passed.static.has(key) || passed.dynamic.has(key);
    if (!given && !("default" in declaration)) {
      issues.push({
        path: [...documentPath, "parameters", key],
        message: `has no \`default\` and the response plan passes no value for it, so the automation would start without a required parameter (ssm StartAutomationExecution: InvalidAutomationExecutionParametersException); got ${describeValue(declaration)}. Give it a default, or pass it in \`runbook.parameters\` or \`runbook.dynamicParameters\`.`,
      });
    }
    const variable = passed.dynamic.get(key);
    const wanted = variable === undefined ? undefined : DYNAMIC_PARAMETER_TYPES[variable];
    if (wanted !== undefined && declaration.type !== wanted) {
      issues.push({
        path: [...documentPath, "parameters", key, "type"],
        message: `receives ${variable}, which Incident Manager assigns only to a parameter of type ${wanted} ("If assigned to a parameter of any other type, the runbook fails to run": Incident Manager user guide, runbook parameters); got ${describeValue(declaration.type)}. Declare it as type: ${wanted}.`,
      });
    }
  }
  const roleParameter = assumeRoleParameter(content);
  if (roleParameter !== undefined && !(roleParameter in declared)) {
    issues.push({
      path: [...documentPath, "assumeRole"],
      message: `names the parameter ${describeValue(roleParameter)}, which the document does not declare (its parameters: ${list}); got ${describeValue(content.assumeRole)}. Declare ${roleParameter} as a String parameter.`,
    });
  }
  return issues;
}
