import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ALARM_ACTIONS,
  checkAutoNamedRole,
  checkIncidentManagerRegion,
  CHATBOT_SNS_TOPICS,
  DIMENSION_NAME,
  DIMENSION_VALUE,
  DIMENSIONS,
  ENGAGEMENTS,
  EVENT_PATTERN,
  IMPACT,
  MAX_AUTO_NAMED_ROLE_RESOURCE_NAME,
  NOTIFICATION_TARGETS,
  PAGER_DUTY_SECRET_ID,
  PAGER_DUTY_SERVICE_ID,
  patternLeafIssues,
  RESPONSE_PLAN_NAME,
  RULE_NAME as RULE_NAME_RULE,
  RUNBOOK_DOCUMENT_NAME,
  RUNBOOK_DYNAMIC_PARAMETER_NAME,
  RUNBOOK_PARAMETER_NAME,
  RUNBOOK_PARAMETER_VALUE,
  RUNBOOK_PARAMETER_VALUES,
  RUNBOOK_PARAMETERS,
  TextRule,
} from "../aws";
import {
  checkContactArn,
  childOptions,
  setupAdoptionIssue,
  validateAdopting,
  Engageable,
  isEngageable,
  setupSchema,
} from "./common";
import {
  automationDefinitionArn,
  PolicyDocument,
  eventsPolicy,
  eventsTrustPolicy,
  runbookPolicy,
  runbookTrustPolicy,
  automationTrustPolicy,
} from "./iamPolicies";
import { IncidentManagerSetup } from "./incidentManagerSetup";
import { ContactReference, isContactReference, adoptedAccountOf } from "./references";
import { incidentTagsSchema, mergedTagsIssues, responsePlanTagsSchema, Tags } from "./tags";
import {
  checkWhenKnown,
  describeValue,
  fail,
  input,
  validateArgs,
  ValidationIssue,
  ValidationContext,
} from "./validation";

/** How bad an incident is: 1 (critical) to 5 (no impact), or its name. */
export type Impact = 1 | 2 | 3 | 4 | 5 | "critical" | "high" | "medium" | "low" | "none";

/** A contact the response plan engages when an incident opens. */
export type Engagement =
  /** An EscalationChain (or anything marked engageable). */
  | Engageable
  /** A member or the on-call schedule of an OnCallTeam: `team.member("taro")`, `team.schedule`. */
  | ContactReference
  /** An SSM Contacts contact ARN. */
  | pulumi.Input<string>;

/** The incident a response plan opens. */
export interface IncidentTemplate {
  /**
   * The incident's title. 1-200 characters.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/response-plans.html
   */
  readonly title: string;
  /**
   * How bad the incident is: 1-5, or `"critical"` (1), `"high"` (2), `"medium"` (3), `"low"` (4),
   * `"none"` (5, no impact). Names are converted to the number AWS stores.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-lifecycle.html#impact
   */
  readonly impact: Impact;
  /**
   * A summary shown on the incident. At most 4000 characters.
   * @default none
   */
  readonly summary?: string;
  /**
   * A string Incident Manager looks for in open incidents when it creates one: a new incident with
   * the same dedupe string is merged into the open one. At most 1000 characters.
   * Without it, Incident Manager deduplicates incidents created by the same CloudWatch alarm or
   * EventBridge event, not by response plan: two alarms on one plan open two incidents (botocore
   * 1.43, ssm-incidents IncidentTemplate.dedupeString). Set one string to merge them.
   * @default none (incidents from the same alarm or event are deduplicated)
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_IncidentTemplate.html
   */
  readonly dedupeString?: string;
  /**
   * Tags Incident Manager puts on each incident record it opens. At most 50, SSM Incidents'
   * pattern `^[A-Za-z0-9 _=@:.+-/]*$` (ssm-incidents CreateResponsePlan incidentTags); keys may not start
   * with `aws:`.
   * @default none
   */
  readonly tags?: Tags;
  /**
   * SNS topics notified of incident updates. At most 10 topic ARNs.
   * @default none
   */
  readonly notificationTopicArns?: readonly pulumi.Input<string>[];
}

/** The SSM Automation runbook Incident Manager starts when an incident opens. */
export interface RunbookAction {
  /**
   * The Automation document: its name (your own or an AWS-owned one such as
   * `AWSIncidents-CriticalIncidentRunbookTemplate`), or the ARN of a document shared with this
   * account.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/runbooks.html
   */
  readonly documentName: string;
  /**
   * The document version: a number, `$DEFAULT` or `$LATEST`. A pinned version also pins the role
   * this component creates to that version.
   * @default the version Incident Manager resolves at run time
   */
  readonly documentVersion?: string;
  /**
   * The role Incident Manager assumes to start the runbook. When absent, a role is created that
   * only `ssm-incidents.amazonaws.com` (for this account) may assume and that may only call
   * `ssm:StartAutomationExecution` on this document's automation definition, plus `iam:PassRole`
   * to Systems Manager for the role given in the `AutomationAssumeRole` parameter, if any.
   * @default a role created by this component
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/runbooks.html
   */
  readonly roleArn?: pulumi.Input<string>;
  /**
   * An existing role the automation assumes to run the runbook's steps: it is passed as the
   * runbook's `AutomationAssumeRole` parameter, and the created runbook role may pass it (only to
   * `ssm.amazonaws.com`). An automation runs in the context of whoever started it, so without an
   * automation role the steps run as the runbook role, which may only start the runbook: a step that
   * calls an AWS API needs this, `automationPolicy` or your own `AutomationAssumeRole` parameter.
   * At most one of the three. With your own `roleArn`, that role needs `iam:PassRole` on it.
   * @default none: the steps run as the runbook role
   * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup.html
   */
  readonly automationRoleArn?: pulumi.Input<string>;
  /**
   * The IAM policy document (`{ Version, Statement: [...] }`) the runbook's steps need. The
   * component creates `<name>-automation`, a role only `ssm.amazonaws.com` (for this account) may
   * assume, with this policy inline, and passes it as the `AutomationAssumeRole` parameter. At most
   * one of this, `automationRoleArn` and an `AutomationAssumeRole` parameter.
   * @default none: the steps run as the runbook role
   * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup.html
   */
  readonly automationPolicy?: Readonly<Record<string, unknown>>;
  /**
   * The account the runbook runs in.
   * @default "RESPONSE_PLAN_OWNER_ACCOUNT" (AWS's default)
   */
  readonly targetAccount?: "IMPACTED_ACCOUNT" | "RESPONSE_PLAN_OWNER_ACCOUNT";
  /**
   * Static runbook parameters: name to values. At most 200; names 1-50 characters, at most 100
   * values each, values at most 512 characters (ssm-incidents CreateResponsePlan
   * actions[].ssmAutomation.parameters).
   * @default none
   */
  readonly parameters?: Readonly<Record<string, readonly pulumi.Input<string>[]>>;
  /**
   * Parameters Incident Manager fills in when the incident opens: name to
   * `"INCIDENT_RECORD_ARN"` or `"INVOLVED_RESOURCES"`.
   * @default none
   */
  readonly dynamicParameters?: Readonly<
    Record<string, "INCIDENT_RECORD_ARN" | "INVOLVED_RESOURCES">
  >;
}

/** The PagerDuty service an incident is also sent to. */
export interface PagerDutyIntegration {
  /** A name for the integration. 1-200 characters. */
  readonly name: string;
  /** The PagerDuty service's id: 1-200 characters (pagerDutyIncidentConfiguration.serviceId). */
  readonly serviceId: pulumi.Input<string>;
  /**
   * The Secrets Manager secret holding the PagerDuty credentials. The secret must be encrypted with
   * a customer-managed KMS key whose key policy lets Incident Manager (`ssm-incidents.amazonaws.com`)
   * decrypt it; a secret under the AWS-managed `aws/secretsmanager` key cannot be read.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty.html
   */
  readonly secretId: pulumi.Input<string>;
}

/** What metric and composite alarms share: their description, actions and region. */
export interface AlarmSettings {
  /**
   * A description shown with the alarm. At most 1024 characters.
   * @default none
   */
  readonly alarmDescription?: string;
  /**
   * ARNs notified when the alarm returns to OK. At most 5.
   * @default none
   */
  readonly okActions?: readonly pulumi.Input<string>[];
  /**
   * More ARNs notified in ALARM, besides the response plan (which is always added). At most 4:
   * CloudWatch allows 5 actions per state.
   * @default none
   */
  readonly alarmActions?: readonly pulumi.Input<string>[];
  /**
   * The alarm's region. A metric alarm watches metrics of its own region only; a composite alarm
   * names alarms of its own region only.
   * @default the setup's primary region, else the provider's region
   */
  readonly region?: string;
}

/** A new CloudWatch metric alarm whose ALARM state opens an incident through the response plan. */
export interface ResponseAlarm extends AlarmSettings {
  /** The alarm's name, unique in its account and region. 1-255 characters. Names its child. */
  readonly name: string;
  /** The metric's namespace, e.g. `AWS/EC2`. */
  readonly namespace: string;
  /** The metric's name, e.g. `CPUUtilization`. */
  readonly metricName: string;
  /**
   * The metric's dimensions, e.g. `{ InstanceId: instance.id }`. At most 30; names 1-255 and
   * values 1-1024 characters (cloudwatch PutMetricAlarm Dimensions).
   * @default none
   */
  readonly dimensions?: Readonly<Record<string, pulumi.Input<string>>>;
  /** `SampleCount`, `Average`, `Sum`, `Minimum` or `Maximum`. Exactly one of this and `extendedStatistic`. */
  readonly statistic?: "SampleCount" | "Average" | "Sum" | "Minimum" | "Maximum";
  /** A percentile such as `p99`. Exactly one of this and `statistic`. */
  readonly extendedStatistic?: string;
  /** Seconds per datapoint: 10, 20, 30 or a multiple of 60. */
  readonly period: number;
  /** How many periods are compared with the threshold. At least 1. */
  readonly evaluationPeriods: number;
  /** The value the statistic is compared with. */
  readonly threshold: number;
  /** How the statistic is compared with the threshold. */
  readonly comparisonOperator:
    | "GreaterThanOrEqualToThreshold"
    | "GreaterThanThreshold"
    | "LessThanThreshold"
    | "LessThanOrEqualToThreshold";
  /**
   * How missing data is treated: `missing`, `ignore`, `breaching` or `notBreaching`.
   * @default "missing" (AWS's default)
   */
  readonly treatMissingData?: "missing" | "ignore" | "breaching" | "notBreaching";
}

/**
 * A new CloudWatch composite alarm whose ALARM state opens an incident through the response plan:
 * for example `ALARM("cpu-high") AND ALARM("errors-high")` over alarms of this component.
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create_Composite_Alarm.html
 */
export interface ResponseCompositeAlarm extends AlarmSettings {
  /**
   * The alarm's name, unique in its account and region among metric and composite alarms.
   * 1-255 characters. Names its child.
   */
  readonly name: string;
  /**
   * The rule over other alarms' states, e.g. `ALARM("cpu-high") OR ALARM("disk-full")`. At most
   * 10240 characters. The composite alarm is created after this component's metric alarms, so
   * the rule may name them.
   */
  readonly alarmRule: string;
}

/** An EventBridge rule whose matching events open an incident through the response plan. */
export interface ResponseEventRule {
  /** The rule's name, unique on its event bus. 1-64 characters of `A-Z a-z 0-9 . - _`. */
  readonly name: string;
  /**
   * The event pattern, as an object (it is serialized for you). At most 4096 characters as JSON.
   * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns.html
   */
  readonly eventPattern: Readonly<Record<string, unknown>>;
  /**
   * The rule's description. At most 512 characters.
   * @default none
   */
  readonly description?: string;
  /**
   * The region whose events the rule matches.
   * @default the setup's primary region, else the provider's region
   */
  readonly region?: string;
}

/** Arguments of {@link ResponsePlanWithAlarms}. */
export interface ResponsePlanWithAlarmsArgs {
  /**
   * The Incident Manager setup. The response plan, alarms and rules are created in its primary
   * region, after its replication set, and carry its tags.
   * @default none (the provider's region; the replication set must already exist)
   */
  readonly setup?: IncidentManagerSetup;
  /**
   * The response plan's name. 1-200 characters of `a-z A-Z 0-9 _ -`. Changing it replaces the
   * response plan.
   * @default the component's name
   */
  readonly responsePlanName?: string;
  /**
   * The name shown in the console. 1-200 characters.
   * @default none
   */
  readonly displayName?: string;
  /** The incident the plan opens. */
  readonly incident: IncidentTemplate;
  /**
   * Who is engaged when an incident opens: 1-5 EscalationChains, OnCallTeam references or SSM
   * Contacts contact ARNs.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/response-plans.html
   */
  readonly engagements: readonly Engagement[];
  /**
   * SNS topics of the AWS Chatbot channel that receives incident updates. 1-5 topic ARNs.
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
   */
  readonly chatChannelTopicArns?: readonly pulumi.Input<string>[];
  /**
   * The SSM Automation runbook started when an incident opens.
   * @default none
   */
  readonly runbook?: RunbookAction;
  /**
   * Send incidents to a PagerDuty service too.
   * @default none
   */
  readonly pagerDuty?: PagerDutyIntegration;
  /**
   * New CloudWatch metric alarms that open an incident. Each is named after the component and its
   * `name`.
   * @default none
   */
  readonly alarms?: readonly ResponseAlarm[];
  /**
   * New CloudWatch composite alarms that open an incident. Each is named after the component and
   * its `name`; names are unique across `alarms` and `compositeAlarms`.
   * @default none
   */
  readonly compositeAlarms?: readonly ResponseCompositeAlarm[];
  /**
   * EventBridge rules that open an incident. Each is named after the component and its `name`.
   * @default none
   */
  readonly events?: readonly ResponseEventRule[];
  /**
   * Tags for the response plan, alarms, rules and roles, added to the setup's tags. Keys may not
   * start with `aws:`.
   * @default the setup's tags
   */
  readonly tags?: Tags;
  /**
   * Merge the setup's tags under `tags`. Set it to false to describe adopted resources with
   * exactly the tags they have.
   * @default true
   */
  readonly inheritTags?: boolean;
  /**
   * Existing resources to import (Pulumi's `import` option) instead of creating them. Leaving it
   * in after the first `pulumi up` is harmless: Pulumi ignores `import` once the resource is in
   * the state with that ID. Adopted resources must be written as they exist.
   * @default none: every child is created
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/import/
   */
  readonly adopt?: ResponsePlanAdoption;
}

/** The existing resources a {@link ResponsePlanWithAlarms} imports. */
export interface ResponsePlanAdoption {
  /**
   * Import the response plan named `responsePlanName`; its ID is derived from the name and
   * `setup.replicationSetArn`'s account: `arn:<partition>:ssm-incidents::<account>:response-plan/<name>`.
   * Needs `setup` with `replicationSetArn`.
   * @default false
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_ListResponsePlans.html
   */
  readonly responsePlan?: boolean;
  /**
   * Names of existing metric or composite alarms in `alarms` / `compositeAlarms` (the import ID of
   * a CloudWatch alarm is its name).
   * @default none
   */
  readonly alarms?: readonly string[];
  /**
   * Names of existing EventBridge rules in `events`, on the default event bus (import ID
   * `default/<name>`). Only the rule is imported: its target that starts incidents and the role
   * are created (a rule holds up to 5 targets, so an existing target is left as it is).
   * @default none
   */
  readonly rules?: readonly string[];
}

const COMPONENT = "ResponsePlanWithAlarms";
const PARTITION = "aws(?:-[a-z]+)*";
/** Source: ssm-incidents CreateResponsePlan name. */
const PLAN_NAME = RESPONSE_PLAN_NAME.pattern!;
const SNS_TOPIC_ARN = new RegExp(
  `^arn:${PARTITION}:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?$`,
);
const ACTION_ARN = new RegExp(`^arn:${PARTITION}:[a-z0-9-]+:[a-z0-9-]*:[a-z0-9]*:.+$`);
const ROLE_ARN = new RegExp(`^arn:${PARTITION}:iam::\\d{12}:role/[\\w+=,.@/-]+$`);
const DOCUMENT_NAME = /^[a-zA-Z0-9_.-]{3,128}$/;
const DOCUMENT_ARN = new RegExp(
  `^arn:${PARTITION}:ssm:[a-z0-9-]+:\\d{12}:document/[a-zA-Z0-9_.-]{3,128}$`,
);
const DOCUMENT_VERSION = /^(\$DEFAULT|\$LATEST|[1-9][0-9]*)$/;
/** Source: events PutRule Name. */
const RULE_NAME = RULE_NAME_RULE.pattern!;
/** Source: events PutRule EventPattern. */
const MAX_EVENT_PATTERN = EVENT_PATTERN.max;
const IMPACTS = { critical: 1, high: 2, medium: 3, low: 4, none: 5 } as const;
const DYNAMIC_VARIABLES = ["INCIDENT_RECORD_ARN", "INVOLVED_RESOURCES"] as const;

/** A string field whose rule is `check` (which returns the broken rule, or undefined). */
function checked(check: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = check(value);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  });
}

/** A length rule for free text. */
function textOf(min: number, max: number, what: string) {
  return checked((value) =>
    value.length < min || value.length > max
      ? `must be ${min}-${max} characters (${what}); got ${value.length} characters. ${value.length > max ? "Shorten it." : "Fill it in."}`
      : undefined,
  );
}

function checkPlanName(value: string): string | undefined {
  const { min, max } = RESPONSE_PLAN_NAME;
  if (value.length >= min && value.length <= max && PLAN_NAME.test(value)) return undefined;
  return `must be ${min}-${max} characters of letters, digits, "_" and "-" (an Incident Manager rule for response plan names; it defaults to the component's name); got ${describeValue(value)}. Set \`responsePlanName\` to a name such as "emergency-response-plan".`;
}

function checkSnsTopicArn(value: string): string | undefined {
  if (SNS_TOPIC_ARN.test(value)) return undefined;
  return `must be an SNS topic ARN such as arn:aws:sns:ap-northeast-1:123456789012:incidents; got ${describeValue(value)}`;
}

function checkActionArn(value: string): string | undefined {
  if (ACTION_ARN.test(value)) return undefined;
  return `must be an ARN such as arn:aws:sns:ap-northeast-1:123456789012:oncall (the response plan's ARN is added for you); got ${describeValue(value)}`;
}

function checkRoleArn(value: string, advice = ""): string | undefined {
  if (ROLE_ARN.test(value)) return undefined;
  return `must be an IAM role ARN such as arn:aws:iam::123456789012:role/incident-runbook; got ${describeValue(value)}.${advice}`;
}

function checkDocumentName(value: string): string | undefined {
  if (!RUNBOOK_DOCUMENT_NAME.pattern!.test(value) && value.length > 128) {
    return `must be at most 128 characters, a shared document's ARN included (${RUNBOOK_DOCUMENT_NAME.source}: ${RUNBOOK_DOCUMENT_NAME.patternText}); got ${value.length} characters. Share the document under a shorter name, or run it from this account by name.`;
  }
  if (
    (DOCUMENT_NAME.test(value) || DOCUMENT_ARN.test(value)) &&
    RUNBOOK_DOCUMENT_NAME.pattern!.test(value)
  ) {
    return undefined;
  }
  return `must be an SSM document name of 3-128 characters of letters, digits, "_", "-" and ".", or a shared document's ARN; got ${describeValue(value)}`;
}

function checkEventRuleName(value: string): string | undefined {
  if (value.length <= RULE_NAME_RULE.max && RULE_NAME.test(value)) return undefined;
  return `must be 1-64 characters of letters, digits, ".", "-" and "_" (an EventBridge rule name); got ${describeValue(value)}`;
}

function checkAlarmName(value: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (value.length >= 1 && value.length <= 255 && !/[\u0000-\u001f\u007f]/.test(value)) {
    return undefined;
  }
  return `must be an alarm name of 1-255 characters without control characters; got ${describeValue(value)}`;
}

/** An alarm's or rule's region: one where Incident Manager is offered (botocore endpoint data). */
const regionName = checked(checkIncidentManagerRegion);

/** A text rule of AWS's as a schema: its length, then its pattern. */
function textRule(rule: TextRule, what: string) {
  return checked((value) => {
    if (value.length < rule.min || value.length > rule.max) {
      return `must be ${rule.min}-${rule.max} characters (${what}: ${rule.source}); got ${value.length} characters. ${value.length > rule.max ? "Shorten it." : "Fill it in."}`;
    }
    if (rule.pattern !== undefined && !rule.pattern.test(value)) {
      return `must match ${rule.patternText} (${what}: ${rule.source}); got ${describeValue(value)}`;
    }
    return undefined;
  });
}

const snsTopicArns = z.array(input(checked(checkSnsTopicArn)));
const actionArns = z.array(input(checked(checkActionArn)));
/** The user's own ALARM actions: CloudWatch allows 5 per state, and the plan is one of them. */
const alarmActions = actionArns.superRefine((actions, ctx) => {
  const max = ALARM_ACTIONS.max - 1;
  if (actions.length > max) {
    ctx.addIssue({
      code: "custom",
      message: `holds at most ${max} actions: CloudWatch allows ${ALARM_ACTIONS.max} per alarm state (${ALARM_ACTIONS.source}) and the response plan is one; got ${actions.length}. Remove ${actions.length - max}.`,
    });
  }
});

const impactSchema = z.any().transform((value, ctx): 1 | 2 | 3 | 4 | 5 => {
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= IMPACT.min &&
    value <= IMPACT.max
  ) {
    return value as 1 | 2 | 3 | 4 | 5;
  }
  if (typeof value === "string" && Object.prototype.hasOwnProperty.call(IMPACTS, value)) {
    return IMPACTS[value as keyof typeof IMPACTS];
  }
  ctx.addIssue({
    code: "custom",
    message: `must be 1-5 (1 critical, 2 high, 3 medium, 4 low, 5 no impact) or one of "critical", "high", "medium", "low", "none"; got ${describeValue(value)}`,
  });
  return z.NEVER;
});

/** An engagement, resolved to the contact's ARN and what to wait for. */
interface ResolvedEngagement {
  /** The contact's alias, when known now (for duplicate checks and messages). */
  readonly alias: string | undefined;
  readonly arn: pulumi.Input<string>;
  readonly dependencies: pulumi.Resource[];
  /** A contact ARN given as an Output: checked when it resolves. */
  readonly checkWhenKnown?: true;
}

const engagementSchema = z.any().transform((value, ctx): ResolvedEngagement => {
  if (isContactReference(value) || isEngageable(value)) {
    // A copy: references are frozen, and validation must not touch them.
    return { alias: value.alias, arn: value.arn, dependencies: [...value.dependencies] };
  }
  if (
    pulumi.Output.isInstance(value) ||
    typeof (value as PromiseLike<string>)?.then === "function"
  ) {
    // Checked when it resolves, by the component (which knows the field's path).
    return {
      alias: undefined,
      arn: pulumi.output(value as pulumi.Input<string>),
      dependencies: [],
      checkWhenKnown: true,
    };
  }
  if (typeof value !== "string") {
    ctx.addIssue({
      code: "custom",
      message: `must be an EscalationChain, an OnCallTeam reference (team.member("alias"), team.schedule) or an SSM Contacts contact ARN; got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const message = checkContactArn(value);
  if (message !== undefined) {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  }
  return { alias: value.split("/").pop(), arn: value, dependencies: [] };
});

const dynamicVariable = z.any().superRefine((value, ctx) => {
  if (!(DYNAMIC_VARIABLES as readonly unknown[]).includes(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be "INCIDENT_RECORD_ARN" or "INVOLVED_RESOURCES" (the values Incident Manager fills in when an incident opens); got ${describeValue(value)}`,
    });
  }
}) as unknown as z.ZodType<(typeof DYNAMIC_VARIABLES)[number]>;

const runbookSchema = z
  .strictObject({
    documentName: checked(checkDocumentName),
    documentVersion: checked((v) =>
      DOCUMENT_VERSION.test(v)
        ? undefined
        : `must be a version number, "$DEFAULT" or "$LATEST"; got ${describeValue(v)}`,
    ).optional(),
    roleArn: input(
      checked((arn) => checkRoleArn(arn, " Leave it out to have a least-privilege role created.")),
    ).optional(),
    automationRoleArn: input(checked((arn) => checkRoleArn(arn))).optional(),
    automationPolicy: z
      .record(z.string(), z.unknown())
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
    targetAccount: z.enum(["IMPACTED_ACCOUNT", "RESPONSE_PLAN_OWNER_ACCOUNT"]).optional(),
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
  });

/** The fields of {@link AlarmSettings}. */
const alarmSettings = {
  alarmDescription: textOf(0, 1024, "a CloudWatch limit").optional(),
  okActions: actionArns.max(5).optional(),
  alarmActions: alarmActions.optional(),
  region: regionName.optional(),
};

const alarmSchema = z
  .strictObject({
    name: checked(checkAlarmName),
    namespace: textOf(1, 255, "a CloudWatch namespace"),
    metricName: textOf(1, 255, "a CloudWatch metric name"),
    dimensions: z
      .record(z.string(), input(textRule(DIMENSION_VALUE, "a dimension value")))
      .superRefine((dimensions, ctx) => {
        const names = Object.keys(dimensions);
        if (names.length > DIMENSIONS.max) {
          ctx.addIssue({
            code: "custom",
            message: `holds at most ${DIMENSIONS.max} dimensions (${DIMENSIONS.source}); got ${names.length}. Remove ${names.length - DIMENSIONS.max}.`,
          });
        }
        for (const key of names) {
          if (key.length < DIMENSION_NAME.min || key.length > DIMENSION_NAME.max) {
            ctx.addIssue({
              code: "custom",
              path: [key],
              message: `is a dimension name of ${key.length} characters; CloudWatch allows ${DIMENSION_NAME.min}-${DIMENSION_NAME.max} (${DIMENSION_NAME.source}). Rename it.`,
            });
          }
        }
      })
      .optional(),
    statistic: z.enum(["SampleCount", "Average", "Sum", "Minimum", "Maximum"]).optional(),
    extendedStatistic: checked((v) =>
      /^(p|tm|wm|tc|ts)\d{1,2}(\.\d+)?$|^(TM|WM|TC|TS|PR)\(.+\)$/.test(v)
        ? undefined
        : `must be a percentile statistic such as "p99" or "tm90"; got ${describeValue(v)}`,
    ).optional(),
    period: z.number().superRefine((period, ctx) => {
      if (
        !Number.isInteger(period) ||
        !([10, 20, 30].includes(period) || period % 60 === 0) ||
        period <= 0
      ) {
        ctx.addIssue({
          code: "custom",
          message: `must be 10, 20, 30 or a multiple of 60 seconds (a CloudWatch rule); got ${period}`,
        });
      }
    }),
    evaluationPeriods: z.number().int().min(1),
    threshold: z.number(),
    comparisonOperator: z.enum([
      "GreaterThanOrEqualToThreshold",
      "GreaterThanThreshold",
      "LessThanThreshold",
      "LessThanOrEqualToThreshold",
    ]),
    treatMissingData: z.enum(["missing", "ignore", "breaching", "notBreaching"]).optional(),
    ...alarmSettings,
  })
  .superRefine((alarm, ctx) => {
    if ((alarm.statistic === undefined) === (alarm.extendedStatistic === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["statistic"],
        message: `must be set, or \`extendedStatistic\` instead, but not both; got ${alarm.statistic === undefined ? "neither" : "both"}. Pick one, e.g. statistic: "Average".`,
      });
    }
  });

const compositeAlarmSchema = z.strictObject({
  name: checked(checkAlarmName),
  alarmRule: textOf(1, 10240, "a CloudWatch limit"),
  ...alarmSettings,
});

/** Deeper than this, a pattern cannot fit in 4096 characters: each level takes at least 2. */
const MAX_PATTERN_DEPTH = MAX_EVENT_PATTERN / 2;
/** An issue deeper than this is reported at the pattern, with its depth, to keep it short. */
const MAX_SHOWN_DEPTH = 8;

/**
 * Checks that an event pattern is JSON data: objects, arrays, strings, numbers, booleans, null,
 * with no cycle, and not nested deeper than a pattern of 4096 characters can be. Iterative, so
 * deeply nested junk cannot overflow the stack.
 */
function checkJson(pattern: unknown, ctx: z.RefinementCtx): boolean {
  interface Step {
    readonly value: unknown;
    readonly key?: PropertyKey;
    readonly up?: Step;
    readonly depth: number;
    /** Set on the marker that leaves a container once its items are checked. */
    readonly leave?: true;
  }
  const pathOf = (step: Step): PropertyKey[] =>
    step.up === undefined ? [] : [...pathOf(step.up), step.key!];
  const report = (step: Step, message: string) =>
    ctx.addIssue({
      code: "custom",
      path: step.depth <= MAX_SHOWN_DEPTH ? pathOf(step) : [],
      message: step.depth <= MAX_SHOWN_DEPTH ? message : `${message} (at depth ${step.depth})`,
    });
  const ancestors = new Set<unknown>();
  const todo: Step[] = [{ value: pattern, depth: 0 }];
  let ok = true;
  while (todo.length > 0) {
    const step = todo.pop()!;
    const { value } = step;
    if (step.leave) {
      ancestors.delete(value);
      continue;
    }
    if (value === null || typeof value === "string" || typeof value === "boolean") continue;
    if (typeof value === "number" && Number.isFinite(value)) continue;
    const container =
      Array.isArray(value) ||
      (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype);
    if (!container || ancestors.has(value)) ok = false;
    if (!container) {
      report(
        step,
        `must be JSON data (an object, array, string, number, boolean or null); got ${describeValue(value)}`,
      );
    } else if (ancestors.has(value)) {
      report(
        step,
        `refers to itself (a cycle), which JSON cannot hold; got ${describeValue(value)}. Remove the cycle.`,
      );
    } else if (step.depth > MAX_PATTERN_DEPTH) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${MAX_EVENT_PATTERN} characters as JSON (an EventBridge limit); got a pattern nested more than ${MAX_PATTERN_DEPTH} levels deep. Simplify the pattern.`,
      });
      return false;
    } else {
      ancestors.add(value);
      todo.push({ ...step, leave: true });
      const entries: [PropertyKey, unknown][] = Array.isArray(value)
        ? value.map((item, i) => [i, item])
        : Object.entries(value as object);
      for (const [key, item] of entries.reverse()) {
        todo.push({ value: item, key, up: step, depth: step.depth + 1 });
      }
    }
  }
  return ok;
}

const eventPatternSchema = z.any().transform((pattern, ctx): string => {
  if (typeof pattern !== "object" || pattern === null || Array.isArray(pattern)) {
    ctx.addIssue({
      code: "custom",
      message: `must be an object such as { source: ["aws.ec2"] } (it is serialized for you); got ${typeof pattern === "string" ? "a string" : describeValue(pattern)}${typeof pattern === "string" ? ` (${describeValue(pattern)}). Pass the pattern as an object, not JSON text.` : ""}`,
    });
    return z.NEVER;
  }
  if (!checkJson(pattern, ctx)) return z.NEVER;
  if (Object.keys(pattern).length === 0) {
    ctx.addIssue({
      code: "custom",
      message: `must match something; got {}, which EventBridge rejects. Add a field such as source.`,
    });
    return z.NEVER;
  }
  const leaves = patternLeafIssues(pattern);
  if (leaves.length > 0) {
    for (const leaf of leaves) {
      ctx.addIssue({
        code: "custom",
        path: [...leaf.path],
        message: `must be a non-empty array of values to match, or an object of fields (EventBridge user guide: the value of each field in an event pattern is an array of one or more values); got ${Array.isArray(leaf.value) ? "an empty array" : describeValue(leaf.value)}.${Array.isArray(leaf.value) ? " Add a value, or remove the field." : ` Write [${JSON.stringify(leaf.value)}].`}`,
      });
    }
    return z.NEVER;
  }
  const json = JSON.stringify(pattern);
  if (json.length > MAX_EVENT_PATTERN) {
    ctx.addIssue({
      code: "custom",
      message: `must be at most ${MAX_EVENT_PATTERN} characters as JSON (an EventBridge limit); got ${json.length}. Simplify the pattern.`,
    });
    return z.NEVER;
  }
  return json;
});

const eventSchema = z.strictObject({
  name: checked(checkEventRuleName),
  eventPattern: eventPatternSchema,
  description: textOf(0, 512, "an EventBridge limit").optional(),
  region: regionName.optional(),
});

/** Reports every value of `key` that repeats an earlier one. */
function uniqueBy<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  ctx: z.RefinementCtx,
  what: (value: string, first: number) => string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = key(item);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else ctx.addIssue({ code: "custom", path: [i], message: what(value, first) });
  });
}

/** A list whose items name their resources by `name`, so each name may appear once. */
function uniquelyNamed<S extends z.ZodType<{ name: string }>>(
  item: S,
  field: string,
  what: string,
) {
  return z
    .array(item)
    .superRefine((items, ctx) =>
      uniqueBy(
        items,
        (i) => i.name,
        ctx,
        (value, first) =>
          `repeats the ${what} name ${describeValue(value)}, already used at \`${field}[${first}]\`; ${what} names name their resources and must be unique.`,
      ),
    )
    .default([]);
}

/** The schema of {@link ResponsePlanWithAlarmsArgs}, shared with the config-driven stack. */
export const responsePlanWithAlarmsSchema = z
  .strictObject({
    setup: setupSchema.optional(),
    responsePlanName: checked(checkPlanName).optional(),
    displayName: textOf(1, 200, "an Incident Manager limit").optional(),
    incident: z.strictObject({
      title: textOf(1, 200, "an Incident Manager limit"),
      impact: impactSchema,
      summary: textOf(0, 4000, "an Incident Manager limit").optional(),
      dedupeString: textOf(0, 1000, "an Incident Manager limit").optional(),
      tags: incidentTagsSchema.optional(),
      notificationTopicArns: snsTopicArns
        .max(NOTIFICATION_TARGETS.max, {
          error: (iss) =>
            `holds at most ${NOTIFICATION_TARGETS.max} SNS topics (${NOTIFICATION_TARGETS.source}); got ${(iss.input as unknown[]).length}`,
        })
        .optional(),
    }),
    engagements: z.array(engagementSchema).superRefine((engagements, ctx) => {
      if (engagements.length === 0) {
        ctx.addIssue({
          code: "custom",
          message: `needs 1-5 contacts, on-call schedules or escalation chains, or the response plan pages nobody; got none. Add an EscalationChain or a contact ARN.`,
        });
      } else if (engagements.length > ENGAGEMENTS.max) {
        ctx.addIssue({
          code: "custom",
          message: `holds at most ${ENGAGEMENTS.max} engagements (${ENGAGEMENTS.source}); got ${engagements.length}. Remove ${engagements.length - ENGAGEMENTS.max}, or put them in an EscalationChain and engage the chain.`,
        });
      }
      uniqueBy(
        engagements,
        (e) => e.alias,
        ctx,
        (alias, first) =>
          `engages the contact ${alias} again, already engaged at \`engagements[${first}]\`; engage each contact once.`,
      );
    }),
    chatChannelTopicArns: snsTopicArns
      .superRefine((arns, ctx) => {
        const { min, max } = CHATBOT_SNS_TOPICS;
        if (arns.length < min || arns.length > max) {
          ctx.addIssue({
            code: "custom",
            message: `needs ${min}-${max} SNS topics of an AWS Chatbot channel (${CHATBOT_SNS_TOPICS.source}); got ${arns.length}. ${arns.length === 0 ? "Leave the field out for no chat channel." : `Remove ${arns.length - max}.`}`,
          });
        }
      })
      .optional(),
    runbook: runbookSchema.optional(),
    pagerDuty: z
      .strictObject({
        name: textOf(1, 200, "an Incident Manager limit"),
        serviceId: input(textRule(PAGER_DUTY_SERVICE_ID, "a PagerDuty service id")),
        secretId: input(textRule(PAGER_DUTY_SECRET_ID, "a Secrets Manager secret id")),
      })
      .optional(),
    alarms: uniquelyNamed(alarmSchema, "alarms", "alarm"),
    compositeAlarms: uniquelyNamed(compositeAlarmSchema, "compositeAlarms", "alarm"),
    events: uniquelyNamed(eventSchema, "events", "rule"),
    tags: responsePlanTagsSchema.default({}),
    inheritTags: z.boolean().default(true),
    adopt: z
      .strictObject({
        responsePlan: z.boolean().default(false),
        alarms: z.array(z.string()).default([]),
        rules: z.array(z.string()).default([]),
      })
      .default({ responsePlan: false, alarms: [], rules: [] }),
  })
  .superRefine((args, ctx) => {
    const alarmNames = [...args.alarms, ...args.compositeAlarms].map((a) => a.name);
    args.adopt.alarms.forEach((alarm, i) => {
      if (!alarmNames.includes(alarm)) {
        ctx.addIssue({
          code: "custom",
          path: ["adopt", "alarms", i],
          message: `names no alarm of this response plan; got ${describeValue(alarm)}. Describe the existing alarm in \`alarms\` or \`compositeAlarms\` (${alarmNames.join(", ") || "none"}) as it exists.`,
        });
      }
    });
    const ruleNames = args.events.map((e) => e.name);
    args.adopt.rules.forEach((rule, i) => {
      if (!ruleNames.includes(rule)) {
        ctx.addIssue({
          code: "custom",
          path: ["adopt", "rules", i],
          message: `names no rule of this response plan; got ${describeValue(rule)}. Describe the existing rule in \`events\` (${ruleNames.join(", ") || "none"}) as it exists.`,
        });
      }
    });
    // Metric and composite alarms share one namespace of names in CloudWatch.
    const metric = args.alarms.map((a) => a.name);
    args.compositeAlarms.forEach((composite, i) => {
      const first = metric.indexOf(composite.name);
      if (first >= 0) {
        ctx.addIssue({
          code: "custom",
          path: ["compositeAlarms", i, "name"],
          message: `repeats the alarm name ${describeValue(composite.name)}, already used at \`alarms[${first}]\`; CloudWatch alarm names are unique across metric and composite alarms.`,
        });
      }
    });
  });

/** Validated, defaulted args. */
type PlanSpec = z.output<typeof responsePlanWithAlarmsSchema>;

/** Args with the response plan's name defaulted to the component's name, so that it is checked. */
function withDefaultName(args: unknown, name: string): unknown {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return args;
  const given = (args as { responsePlanName?: unknown }).responsePlanName;
  return given === undefined ? { ...args, responsePlanName: name } : args;
}

/**
 * An Incident Manager response plan and what opens incidents with it: new CloudWatch metric
 * alarms whose ALARM action is the plan, and EventBridge rules whose target is the plan. Optional:
 * a chat channel, an SSM Automation runbook (with a least-privilege role it can create) and a
 * PagerDuty integration.
 */
export class ResponsePlanWithAlarms extends pulumi.ComponentResource {
  /** The response plan's ARN: `arn:<partition>:ssm-incidents::<account>:response-plan/<name>`. */
  public readonly arn: pulumi.Output<string>;
  /** The response plan's name. */
  public readonly responsePlanName: string;
  /** The response plan resource, for `dependsOn`. */
  public readonly responsePlan: aws.ssmincidents.ResponsePlan;
  /** Each new alarm's ARN (metric and composite), by alarm name. */
  public readonly alarmArns: pulumi.Output<Record<string, string>>;
  /** Each EventBridge rule's ARN, by rule name. */
  public readonly ruleArns: pulumi.Output<Record<string, string>>;
  /** The role the runbook runs with (created or given); undefined without a runbook. */
  public readonly runbookRoleArn: pulumi.Output<string> | undefined;

  constructor(
    name: string,
    args: ResponsePlanWithAlarmsArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const context: ValidationContext = { component: COMPONENT, name };
    const raw = args as { adopt?: { responsePlan?: unknown } } | undefined;
    const spec: PlanSpec = validateAdopting(
      context,
      () => validateArgs(responsePlanWithAlarmsSchema, withDefaultName(args, name), context),
      setupAdoptionIssue(
        raw?.adopt?.responsePlan === true,
        args?.setup,
        ["adopt", "responsePlan"],
        "the response plan's import ID is",
      ),
    );
    const lateIssues: ValidationIssue[] = [
      ...mergedTagsIssues(spec.inheritTags ? spec.setup?.tags : undefined, spec.tags),
    ];
    // Roles this component creates are auto-named `<child name>-<7 characters>` by the provider.
    if (spec.runbook !== undefined && spec.runbook.roleArn === undefined) {
      const broken = checkAutoNamedRole(`${name}-runbook`);
      if (broken !== undefined) {
        lateIssues.push({
          path: ["runbook", "roleArn"],
          message: `is not set, so the component creates a role that ${broken}; got a component name of ${name.length} characters. Give the component a name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME - "-runbook".length} characters, or pass \`runbook.roleArn\`.`,
        });
      }
    }
    if (spec.runbook?.automationPolicy !== undefined) {
      const broken = checkAutoNamedRole(`${name}-automation`);
      if (broken !== undefined) {
        lateIssues.push({
          path: ["runbook", "automationPolicy"],
          message: `makes the component create a role that ${broken}; got a component name of ${name.length} characters. Give the component a name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME - "-automation".length} characters, or pass \`runbook.automationRoleArn\`.`,
        });
      }
    }
    if (spec.events.length > 0) {
      const broken = checkAutoNamedRole(`${name}-events`);
      if (broken !== undefined) {
        lateIssues.push({
          path: ["events"],
          message: `need a role for EventBridge that ${broken}; got a component name of ${name.length} characters. Give the component a name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME - "-events".length} characters.`,
        });
      }
    }
    if (lateIssues.length > 0) fail(context, lateIssues);
    super("incident-manager:index:ResponsePlanWithAlarms", name, {}, opts);

    const setup = spec.setup;
    const planName = spec.responsePlanName ?? name;
    this.responsePlanName = planName;
    const tags: Record<string, string> = {
      ...(spec.inheritTags ? (setup?.tags ?? {}) : {}),
      ...spec.tags,
    };
    const { adopt } = spec;
    // Import IDs as @pulumi/aws documents them: a response plan by its ARN (derived from its
    // name), an alarm by its name, an EventBridge rule by `<event bus>/<name>`.
    const planImport: pulumi.CustomResourceOptions =
      adopt.responsePlan && adoptedAccountOf(setup) !== undefined
        ? {
            import: `arn:${adoptedAccountOf(setup)!.partition}:ssm-incidents::${adoptedAccountOf(setup)!.accountId}:response-plan/${planName}`,
          }
        : {};
    const alarmImport = (alarmName: string): pulumi.CustomResourceOptions =>
      adopt.alarms.includes(alarmName) ? { import: alarmName } : {};
    const ruleImport = (ruleName: string): pulumi.CustomResourceOptions =>
      adopt.rules.includes(ruleName) ? { import: `default/${ruleName}` } : {};
    const tagArg = Object.keys(tags).length > 0 ? { tags } : {};
    // Classic resources take a region; without a setup they use the provider's.
    const home = setup?.primaryRegion;
    const at = (region?: string) =>
      region !== undefined ? { region } : home !== undefined ? { region: home } : {};
    const options = (extra?: pulumi.CustomResourceOptions) => childOptions(this, setup, extra);

    // The account and partition the IAM policies name: the setup's (Incident Manager runs in
    // one account), or asked for once when there is no setup.
    let identity: pulumi.Output<{ account: string; partition: string }> | undefined;
    const account = () => {
      identity ??= pulumi
        .all(
          setup?.accountId !== undefined && setup.partition !== undefined
            ? [setup.accountId, setup.partition]
            : [
                aws.getCallerIdentityOutput({}, { parent: this }).accountId,
                aws.getPartitionOutput({}, { parent: this }).partition,
              ],
        )
        .apply(([acct, partition]) => ({ account: acct, partition }));
      return identity;
    };

    // The runbook role, unless one is given.
    let runbookRoleArn: pulumi.Output<string> | undefined;
    const planDependsOn: pulumi.Resource[] = spec.engagements.flatMap((e) => e.dependencies);
    const runbook = spec.runbook;
    // The automation role the runbook's steps run as: a parameter of yours, an existing role, or
    // one created from `automationPolicy`. It goes in the `AutomationAssumeRole` parameter.
    let automationRole: pulumi.Input<string>[] | undefined =
      runbook?.parameters?.AutomationAssumeRole;
    if (runbook?.automationRoleArn !== undefined) automationRole = [runbook.automationRoleArn];
    if (runbook?.automationPolicy !== undefined) {
      const doc = runbook.automationPolicy;
      const { role, policy } = this.serviceRole(
        `${name}-automation`,
        `Runs the steps of the ${runbook.documentName} runbook of response plan ${planName}.`,
        account().apply(({ account: acct }) => automationTrustPolicy(acct)),
        pulumi.output(doc as unknown as PolicyDocument),
        options,
        tagArg,
      );
      planDependsOn.push(policy);
      automationRole = [role.arn];
    }
    const runbookParameters =
      runbook === undefined
        ? undefined
        : automationRole === undefined
          ? runbook.parameters
          : { ...runbook.parameters, AutomationAssumeRole: automationRole };
    if (runbook !== undefined && runbook.roleArn !== undefined) {
      runbookRoleArn = pulumi.output(runbook.roleArn);
    } else if (runbook !== undefined) {
      const region =
        home !== undefined ? pulumi.output(home) : aws.getRegionOutput({}, { parent: this }).region;
      const { role, policy } = this.serviceRole(
        `${name}-runbook`,
        `Lets Incident Manager start the ${runbook.documentName} runbook of response plan ${planName}.`,
        account().apply(({ account: acct }) => runbookTrustPolicy(acct)),
        pulumi
          .all([account(), region, pulumi.output(automationRole ?? [])])
          .apply(([{ account: acct, partition }, reg, passRoles]) =>
            runbookPolicy(
              automationDefinitionArn(
                partition,
                reg,
                acct,
                runbook.documentName,
                runbook.documentVersion,
              ),
              passRoles,
            ),
          ),
        options,
        tagArg,
      );
      planDependsOn.push(policy);
      runbookRoleArn = role.arn;
    }
    this.runbookRoleArn = runbookRoleArn;

    const incident = spec.incident;
    // Classic @pulumi/aws rather than aws-native: it takes `region`, so the plan lands in the
    // setup's primary region whatever the stack's default region is, and it is the provider of
    // the alarms, rules and roles that refer to the plan. Every field needed here exists in both.
    this.responsePlan = new aws.ssmincidents.ResponsePlan(
      `${name}-response-plan`,
      {
        ...at(),
        name: planName,
        displayName: spec.displayName,
        incidentTemplate: {
          title: incident.title,
          impact: incident.impact,
          summary: incident.summary,
          dedupeString: incident.dedupeString,
          incidentTags: incident.tags,
          notificationTargets: incident.notificationTopicArns?.map((snsTopicArn) => ({
            snsTopicArn,
          })),
        },
        engagements: spec.engagements.map((e, i) =>
          e.checkWhenKnown
            ? checkWhenKnown(context, ["engagements", i], e.arn, checkContactArn)
            : e.arn,
        ),
        chatChannels: spec.chatChannelTopicArns,
        action:
          runbook === undefined || runbookRoleArn === undefined
            ? undefined
            : {
                ssmAutomations: [
                  {
                    documentName: runbook.documentName,
                    documentVersion: runbook.documentVersion,
                    roleArn: runbookRoleArn,
                    targetAccount: runbook.targetAccount,
                    parameters:
                      runbookParameters === undefined
                        ? undefined
                        : Object.entries(runbookParameters).map(([key, values]) => ({
                            name: key,
                            values,
                          })),
                    dynamicParameters: runbook.dynamicParameters,
                  },
                ],
              },
        integration: spec.pagerDuty === undefined ? undefined : { pagerduties: [spec.pagerDuty] },
        ...tagArg,
      },
      options({ ...planImport, ...(planDependsOn.length > 0 ? { dependsOn: planDependsOn } : {}) }),
    );
    this.arn = this.responsePlan.arn;

    const alarmArns: Record<string, pulumi.Output<string>> = {};
    const metricAlarms: aws.cloudwatch.MetricAlarm[] = [];
    // The response plan first, then the user's own actions.
    const withPlan = (own: readonly pulumi.Input<string>[] | undefined) => [
      this.arn,
      ...(own ?? []),
    ];
    for (const alarm of spec.alarms) {
      const created = new aws.cloudwatch.MetricAlarm(
        `${name}-alarm-${alarm.name}`,
        {
          ...at(alarm.region),
          name: alarm.name,
          alarmDescription: alarm.alarmDescription,
          namespace: alarm.namespace,
          metricName: alarm.metricName,
          dimensions: alarm.dimensions,
          statistic: alarm.statistic,
          extendedStatistic: alarm.extendedStatistic,
          period: alarm.period,
          evaluationPeriods: alarm.evaluationPeriods,
          threshold: alarm.threshold,
          comparisonOperator: alarm.comparisonOperator,
          treatMissingData: alarm.treatMissingData,
          alarmActions: withPlan(alarm.alarmActions),
          okActions: alarm.okActions,
          ...tagArg,
        },
        options(alarmImport(alarm.name)),
      );
      alarmArns[alarm.name] = created.arn;
      metricAlarms.push(created);
    }
    for (const composite of spec.compositeAlarms) {
      const created = new aws.cloudwatch.CompositeAlarm(
        `${name}-alarm-${composite.name}`,
        {
          ...at(composite.region),
          alarmName: composite.name,
          alarmDescription: composite.alarmDescription,
          alarmRule: composite.alarmRule,
          alarmActions: withPlan(composite.alarmActions),
          okActions: composite.okActions,
          ...tagArg,
        },
        // CloudWatch rejects a rule naming an alarm that does not exist yet.
        options({
          ...alarmImport(composite.name),
          ...(metricAlarms.length > 0 ? { dependsOn: metricAlarms } : {}),
        }),
      );
      alarmArns[composite.name] = created.arn;
    }
    this.alarmArns = pulumi.output(alarmArns);

    const ruleArns: Record<string, pulumi.Output<string>> = {};
    if (spec.events.length > 0) {
      const { role } = this.serviceRole(
        `${name}-events`,
        `Lets EventBridge open incidents with response plan ${planName}.`,
        account().apply(({ account: acct }) => eventsTrustPolicy(acct)),
        this.arn.apply((arn) => eventsPolicy(arn)),
        options,
        tagArg,
      );
      for (const event of spec.events) {
        const rule = new aws.cloudwatch.EventRule(
          `${name}-rule-${event.name}`,
          {
            ...at(event.region),
            name: event.name,
            description: event.description,
            eventPattern: event.eventPattern,
            ...tagArg,
          },
          options(ruleImport(event.name)),
        );
        new aws.cloudwatch.EventTarget(
          `${name}-rule-${event.name}`,
          {
            ...at(event.region),
            rule: rule.name,
            targetId: "response-plan",
            arn: this.arn,
            roleArn: role.arn,
          },
          // No `dependsOn` on the role's policy: PutTargets needs the role's ARN only (EventBridge
          // assumes the role when it delivers an event), so the policy attaches alongside the
          // target instead of one step before it. IAM is eventually consistent, so waiting for
          // the policy never guaranteed it was in effect for the first event either.
          options(),
        );
        ruleArns[event.name] = rule.arn;
      }
    }
    this.ruleArns = pulumi.output(ruleArns);

    this.registerOutputs({
      arn: this.arn,
      responsePlanName: this.responsePlanName,
      alarmArns: this.alarmArns,
      ruleArns: this.ruleArns,
      runbookRoleArn: this.runbookRoleArn,
    });
  }

  /** A role one AWS service may assume, with one inline policy, both named `childName`. */
  private serviceRole(
    childName: string,
    description: string,
    trust: pulumi.Output<PolicyDocument>,
    permissions: pulumi.Output<PolicyDocument>,
    options: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions,
    tagArg: { tags?: Record<string, string> },
  ): { role: aws.iam.Role; policy: aws.iam.RolePolicy } {
    const role = new aws.iam.Role(
      childName,
      { description, assumeRolePolicy: trust.apply((doc) => JSON.stringify(doc)), ...tagArg },
      options(),
    );
    const policy = new aws.iam.RolePolicy(
      childName,
      { role: role.name, policy: permissions.apply((doc) => JSON.stringify(doc)) },
      options(),
    );
    return { role, policy };
  }
}
