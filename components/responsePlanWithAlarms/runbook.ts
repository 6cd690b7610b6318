/**
 * The data schema of a response plan's SSM Automation runbook: the document, its roles and its
 * parameters, with one source for the automation role.
 */
import { z } from "zod";
import {
  DOCUMENT_NAME,
  RESERVED_DOCUMENT_PREFIX,
  RUNBOOK_DYNAMIC_PARAMETER_NAME,
  RUNBOOK_PARAMETER_NAME,
  RUNBOOK_PARAMETER_VALUE,
  RUNBOOK_PARAMETER_VALUES,
  RUNBOOK_PARAMETERS,
  SSM_DOCUMENT_VERSION,
  TextRule,
} from "../../aws";
import { checked } from "../schemaHelpers";
import { describeValue, input, type FieldPath } from "../validation";
import { DynamicParameterValue, TargetAccount } from "./args";
import { checkDocumentName, checkRoleArn, textRule } from "./fields";
import { documentIssues, parameterIssues, runbookDocumentSchema } from "./runbookDocument";

const DYNAMIC_VARIABLES: readonly unknown[] = Object.values(DynamicParameterValue);

const dynamicVariable = z.any().superRefine((value, ctx) => {
  if (!DYNAMIC_VARIABLES.includes(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be "INCIDENT_RECORD_ARN" or "INVOLVED_RESOURCES" (the values Incident Manager fills in when an incident opens); got ${describeValue(value)}`,
    });
  }
}) as unknown as z.ZodType<DynamicParameterValue>;

export const runbookSchema = z
  .strictObject({
    documentName: checked(checkDocumentName).optional(),
    document: runbookDocumentSchema.optional(),
    documentVersion: checked((v) =>
      SSM_DOCUMENT_VERSION.test(v)
        ? undefined
        : `must be a version number, "$DEFAULT" or "$LATEST"; got ${describeValue(v)}`,
    ).optional(),
    roleArn: input(
      checked((arn) => checkRoleArn(arn, " Leave it out to have a least-privilege role created.")),
    ).optional(),
    automationRoleArn: input(checked((arn) => checkRoleArn(arn))).optional(),
    automationPolicy: z
      .record(z.string(), z.any())
      .superRefine((doc, ctx) => {
        const statements = doc.Statement;
        if (!Array.isArray(statements) || statements.length === 0) {
          ctx.addIssue({
            code: "custom",
            path: ["Statement"],
            message: `must be an IAM policy document with at least one statement; got ${describeValue(statements)}. Write { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: [...], Resource: [...] }] }.`,
          });
        }
      })
      .optional(),
    targetAccount: z.enum(TargetAccount).optional(),
    parameters: z
      .record(
        z.string(),
        z
          .array(input(textRule(RUNBOOK_PARAMETER_VALUE, "a runbook parameter value")))
          .max(RUNBOOK_PARAMETER_VALUES.max, {
            error: (iss) =>
              `holds at most ${RUNBOOK_PARAMETER_VALUES.max} values (${RUNBOOK_PARAMETER_VALUES.source}); got ${(iss.input as unknown[]).length}. Remove ${(iss.input as unknown[]).length - RUNBOOK_PARAMETER_VALUES.max}.`,
          }),
      )
      .optional(),
    dynamicParameters: z.record(z.string(), dynamicVariable).optional(),
    chatTopicParameter: textRule(RUNBOOK_PARAMETER_NAME, "a runbook parameter name").optional(),
  })
  .superRefine((runbook, ctx) => {
    const count = Object.keys(runbook.parameters ?? {}).length;
    if (count > RUNBOOK_PARAMETERS.max) {
      ctx.addIssue({
        code: "custom",
        path: ["parameters"],
        message: `holds at most ${RUNBOOK_PARAMETERS.max} parameters (${RUNBOOK_PARAMETERS.source}); got ${count}. Remove ${count - RUNBOOK_PARAMETERS.max}.`,
      });
    }
    const names: [string, TextRule, Record<string, unknown> | undefined][] = [
      ["parameters", RUNBOOK_PARAMETER_NAME, runbook.parameters],
      ["dynamicParameters", RUNBOOK_DYNAMIC_PARAMETER_NAME, runbook.dynamicParameters],
    ];
    for (const [field, rule, record] of names) {
      for (const key of Object.keys(record ?? {})) {
        if (key.length < rule.min || key.length > rule.max) {
          ctx.addIssue({
            code: "custom",
            path: [field, key],
            message: `is a parameter name of ${key.length} characters; AWS allows ${rule.min}-${rule.max} (${rule.source}). Use the name the document declares.`,
          });
        }
      }
    }
    // A role passed to the automation is named in the runbook role's iam:PassRole statement.
    (runbook.parameters?.AutomationAssumeRole ?? []).forEach((role, i) => {
      const message = typeof role === "string" ? checkRoleArn(role) : undefined;
      if (message !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["parameters", "AutomationAssumeRole", i],
          message,
        });
      }
    });
    // One source for the automation role: a parameter, an existing role, or a created one.
    const sources = [
      runbook.parameters?.AutomationAssumeRole !== undefined
        ? "parameters.AutomationAssumeRole"
        : undefined,
      runbook.automationRoleArn !== undefined ? "automationRoleArn" : undefined,
      runbook.automationPolicy !== undefined ? "automationPolicy" : undefined,
    ].filter((k): k is string => k !== undefined);
    if (sources.length > 1) {
      ctx.addIssue({
        code: "custom",
        path: [sources[1].split(".")[0]],
        message: `names the automation role a second time; got ${sources.map((k) => `\`${k}\``).join(" and ")}. Keep one of them.`,
      });
    }
    for (const key of Object.keys(runbook.dynamicParameters ?? {})) {
      if (runbook.parameters !== undefined && key in runbook.parameters) {
        ctx.addIssue({
          code: "custom",
          path: ["dynamicParameters", key],
          message: `is also set in \`runbook.parameters\`; got ${describeValue(key)} twice. Keep it in one of the two.`,
        });
      }
    }
    const topic = runbook.chatTopicParameter;
    if (
      topic !== undefined &&
      (topic in (runbook.parameters ?? {}) || topic in (runbook.dynamicParameters ?? {}))
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["chatTopicParameter"],
        message: `names a parameter the plan already passes; got ${describeValue(topic)}. Leave it out of \`parameters\` and \`dynamicParameters\`: the component passes the chat topic's ARN.`,
      });
    }
    if (runbook.document === undefined) {
      if (runbook.documentName === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["documentName"],
          message: `is required: name the Automation document to run, or give its content in \`document\`; got nothing.`,
        });
      }
      return;
    }
    documentAndPlanIssues(runbook, ctx);
  });

/** The runbook's own document against the plan's runbook settings, as issues on `ctx`. */
function documentAndPlanIssues(
  runbook: {
    readonly documentName?: string;
    readonly document?: z.output<typeof runbookDocumentSchema>;
    readonly documentVersion?: string;
    readonly automationRoleArn?: unknown;
    readonly automationPolicy?: unknown;
    readonly parameters?: Record<string, unknown>;
    readonly dynamicParameters?: Record<string, DynamicParameterValue>;
    readonly chatTopicParameter?: string;
  },
  ctx: z.RefinementCtx,
): void {
  const document = runbook.document!;
  if (runbook.documentVersion !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["documentVersion"],
      message: `cannot be set with \`document\`: the plan is pinned to the version the component creates; got ${describeValue(runbook.documentVersion)}. Leave it out.`,
    });
  }
  const name = runbook.documentName;
  if (
    name !== undefined &&
    (!DOCUMENT_NAME.pattern!.test(name) || RESERVED_DOCUMENT_PREFIX.test(name))
  ) {
    ctx.addIssue({
      code: "custom",
      path: ["documentName"],
      message: `names the document the component creates, so it must be 3-128 of letters, digits, "_", "-" and "." (${DOCUMENT_NAME.source}) and not start with "aws", "amazon" or "amzn" (prefixes AWS reserves); got ${describeValue(name)}`,
    });
  }
  const documentPath: FieldPath = ["document", document.field];
  const shape = documentIssues(document.content);
  for (const issue of shape) {
    ctx.addIssue({
      code: "custom",
      path: [...documentPath, ...issue.path],
      message: issue.message,
    });
  }
  const passed = new Map<string, FieldPath>(
    Object.keys(runbook.parameters ?? {}).map((k) => [k, ["parameters", k]]),
  );
  if (runbook.automationRoleArn !== undefined)
    passed.set("AutomationAssumeRole", ["automationRoleArn"]);
  if (runbook.automationPolicy !== undefined)
    passed.set("AutomationAssumeRole", ["automationPolicy"]);
  if (runbook.chatTopicParameter !== undefined) {
    passed.set(runbook.chatTopicParameter, ["chatTopicParameter"]);
  }
  const issues = parameterIssues(
    document.content,
    { static: passed, dynamic: new Map(Object.entries(runbook.dynamicParameters ?? {})) },
    documentPath,
  );
  for (const issue of issues) {
    ctx.addIssue({ code: "custom", path: [...issue.path], message: issue.message });
  }
  const roleGiven =
    runbook.automationRoleArn !== undefined || runbook.automationPolicy !== undefined;
  if (roleGiven && document.content.assumeRole === undefined && shape.length === 0) {
    const field =
      runbook.automationRoleArn !== undefined ? "automationRoleArn" : "automationPolicy";
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: `gives an automation role, passed as the AutomationAssumeRole parameter, but the runbook document has no \`assumeRole\`, so its steps would run as the runbook role instead; got a document without assumeRole. Add \`assumeRole: "{{ AutomationAssumeRole }}"\` to the document.`,
    });
  }
}
