/**
 * Step 2 of ResponsePlanWithAlarms: the parsed data plus its references (the setup, the engaged
 * contacts) become what the component builds, and the rules that reach beyond the component's
 * own args run: adoption needs the setup's ARN, tags merged with the setup's stay within AWS's
 * limits, auto-named roles fit IAM's names, and engagements that arrive as Outputs are checked
 * when they resolve. Pure: it registers nothing.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  checkAutoNamedRole,
  DOCUMENT_NAME,
  MAX_AUTO_NAMED_ROLE_RESOURCE_NAME,
  RESERVED_DOCUMENT_PREFIX,
} from "../../aws";
import { setupAdoptionIssue } from "../common";
import { adoptedAccountOf, type ContactTarget, type SetupReference } from "../references";
import { repeatsMessage } from "../schemaHelpers";
import { configurationNameIssue } from "./chat";
import { mergedTagsIssues } from "../tags";
import {
  fromZodIssues,
  ValidationError,
  type ValidationContext,
  type ValidationIssue,
} from "../validation";
import {
  COMPONENT,
  ENGAGE_ONCE,
  engagedAlias,
  contactTargetSchema,
  type ResponsePlanWithAlarmsData,
  type StepResult,
} from "./schema";

/** What the component builds, once its args are checked and their references resolved. */
export interface ResponsePlanWithAlarmsSpec {
  /** The component's name. */
  readonly name: string;
  /** The parsed args. */
  readonly data: ResponsePlanWithAlarmsData;
  readonly setup: SetupReference | undefined;
  /** The response plan's name: `responsePlanName`, else the component's name. */
  readonly planName: string;
  /** The tags of every child: the setup's (unless `inheritTags` is false), then the plan's own. */
  readonly tags: Record<string, string>;
  /** The response plan's import ID, when it is adopted. */
  readonly planImportId: string | undefined;
  /** The runbook's document name: `runbook.documentName`, else `<plan name>-runbook` for `document`. */
  readonly runbookDocumentName: string | undefined;
  /** The chat channel configuration's name, with `chatChannel`. */
  readonly chatConfigurationName: string | undefined;
  /**
   * The engaged contacts' ARNs, in order. Their Outputs carry the resources the plan waits for;
   * targets that were Outputs are checked (contact ARN, engaged once) when they resolve.
   */
  readonly engagementArns: pulumi.Input<pulumi.Input<string>[]>;
  /** The PagerDuty integration, its `secretId` defaulted to the setup's `pagerDutySecretArn`. */
  readonly pagerDuty:
    { name: string; serviceId: pulumi.Input<string>; secretId: pulumi.Input<string> } | undefined;
}

/** The issue of a role the component would name `<name><suffix>-<7 characters>`, if too long. */
function autoNamedRoleIssue(
  name: string,
  suffix: string,
  path: PropertyKey[],
  what: (broken: string) => string,
  fix: string,
): ValidationIssue | undefined {
  const broken = checkAutoNamedRole(`${name}${suffix}`);
  if (broken === undefined) return undefined;
  return {
    path,
    message: `${what(broken)}; got a component name of ${name.length} characters. Give the component a name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME - suffix.length} characters${fix}.`,
  };
}

/**
 * The engagements' ARNs. When every target is known now, they were checked by the schema and
 * their ARNs pass as they are. When a target is an Output, or its contact is not known yet (an
 * `arn` Output without `alias`), the list is checked once every target resolves: each target
 * against the schema, then no contact engaged twice, with the messages the schema gives.
 */
function engagementArns(
  context: ValidationContext,
  engagements: readonly pulumi.Input<ContactTarget>[],
): pulumi.Input<pulumi.Input<string>[]> {
  const known = engagements.every(
    (e) => !pulumi.Output.isInstance(e) && engagedAlias(e as ContactTarget) !== undefined,
  );
  if (known) return engagements.map((e) => (e as ContactTarget).arn);
  const resolved = engagements.map((e) => pulumi.output(e) as pulumi.Output<ContactTarget>);
  return pulumi.all(resolved).apply((targets) => {
    const issues: ValidationIssue[] = [];
    const valid: (ContactTarget | undefined)[] = targets.map((target, i) => {
      const result = contactTargetSchema.safeParse(target, { reportInput: true });
      if (result.success) return result.data;
      issues.push(
        ...fromZodIssues(result.error.issues).map((issue) => ({
          ...issue,
          path: ["engagements", i, ...issue.path],
        })),
      );
      return undefined;
    });
    const first = new Map<string, number>();
    valid.forEach((target, i) => {
      const alias = target === undefined ? undefined : engagedAlias(target);
      if (alias === undefined) return;
      const at = first.get(alias);
      if (at === undefined) first.set(alias, i);
      else {
        issues.push({
          path: ["engagements", i],
          message: repeatsMessage("contact", alias, ["engagements", at], ENGAGE_ONCE),
        });
      }
    });
    if (issues.length > 0) throw new ValidationError(context, issues);
    return valid.map((t) => t!.arn as string);
  });
}

/**
 * Step 2: resolves the parsed args of the component `name`. Returns every issue of the rules
 * beyond the component's own args, or the spec the component builds. Registers nothing.
 */
export function resolveResponsePlanWithAlarms(
  name: string,
  data: ResponsePlanWithAlarmsData,
): StepResult<ResponsePlanWithAlarmsSpec> {
  const context: ValidationContext = { component: COMPONENT, name };
  const setup = data.setup;
  const issues: ValidationIssue[] = [];
  const adoption = setupAdoptionIssue(
    data.adopt.responsePlan,
    setup,
    ["adopt", "responsePlan"],
    "the response plan's import ID is",
  );
  if (adoption !== undefined) issues.push(adoption);
  issues.push(...mergedTagsIssues(data.inheritTags ? setup?.tags : undefined, data.tags));
  // Roles this component creates are auto-named `<child name>-<7 characters>` by the provider.
  const roles: (ValidationIssue | undefined)[] = [
    data.runbook !== undefined && data.runbook.roleArn === undefined
      ? autoNamedRoleIssue(
          name,
          "-runbook",
          ["runbook", "roleArn"],
          (broken) => `is not set, so the component creates a role that ${broken}`,
          ", or pass `runbook.roleArn`",
        )
      : undefined,
    data.runbook?.automationPolicy !== undefined
      ? autoNamedRoleIssue(
          name,
          "-automation",
          ["runbook", "automationPolicy"],
          (broken) => `makes the component create a role that ${broken}`,
          ", or pass `runbook.automationRoleArn`",
        )
      : undefined,
    data.chatChannel !== undefined
      ? autoNamedRoleIssue(
          name,
          "-chat",
          ["chatChannel"],
          (broken) => `makes the component create a role for AWS Chatbot that ${broken}`,
          "",
        )
      : undefined,
    data.events.length > 0
      ? autoNamedRoleIssue(
          name,
          "-events",
          ["events"],
          (broken) => `need a role for EventBridge that ${broken}`,
          "",
        )
      : undefined,
  ];
  issues.push(...roles.filter((i): i is ValidationIssue => i !== undefined));
  const secretId = data.pagerDuty?.secretId ?? setup?.pagerDutySecretArn;
  if (data.pagerDuty !== undefined && secretId === undefined) {
    issues.push({
      path: ["pagerDuty", "secretId"],
      message:
        "is not set, and the setup has no PagerDuty secret (`pagerDutySecretArn`); got nothing. Give the secret's ARN or name, or set `pagerDutySecret` on the IncidentManagerSetup to have it created.",
    });
  }
  const planName = data.responsePlanName ?? name;
  const chatConfigurationName =
    data.chatChannel === undefined ? undefined : (data.chatChannel.configurationName ?? planName);
  if (data.chatChannel !== undefined && data.chatChannel.configurationName === undefined) {
    const broken = configurationNameIssue(planName);
    if (broken !== undefined)
      issues.push({ path: ["chatChannel", "configurationName"], message: broken });
  }
  if (data.runbook?.document !== undefined && data.runbook.documentName === undefined) {
    const byDefault = `${planName}-runbook`;
    if (!DOCUMENT_NAME.pattern!.test(byDefault) || RESERVED_DOCUMENT_PREFIX.test(byDefault)) {
      issues.push({
        path: ["runbook", "documentName"],
        message: `is not set, so the runbook document is named ${JSON.stringify(byDefault)}, which is not 3-128 of ${DOCUMENT_NAME.patternText} (${DOCUMENT_NAME.source}) or starts with a prefix AWS reserves ("aws", "amazon", "amzn"). Set \`runbook.documentName\`.`,
      });
    }
  }
  if (issues.length > 0) return { ok: false, issues };

  const account = adoptedAccountOf(setup);
  return {
    ok: true,
    value: {
      name,
      data,
      setup,
      planName,
      runbookDocumentName:
        data.runbook === undefined
          ? undefined
          : (data.runbook.documentName ?? `${planName}-runbook`),
      chatConfigurationName,
      tags: { ...(data.inheritTags ? (setup?.tags ?? {}) : {}), ...data.tags },
      // A response plan's import ID is its ARN, derived from its name (@pulumi/aws docs).
      planImportId:
        data.adopt.responsePlan && account !== undefined
          ? `arn:${account.partition}:ssm-incidents::${account.accountId}:response-plan/${planName}`
          : undefined,
      engagementArns: engagementArns(context, data.engagements),
      pagerDuty:
        data.pagerDuty === undefined ? undefined : { ...data.pagerDuty, secretId: secretId! },
    },
  };
}
