/**
 * The arguments of ResponsePlanWithAlarms, as plain data the package schema carries to every
 * language: named enums, `Integer` for whole numbers, JSON documents as `Record<string, any>`,
 * the setup as a {@link SetupReference} and engagements as {@link ContactTarget}s.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ContactTarget, SetupReference } from "../references";
import type { Integer } from "../types";

/**
 * How bad an incident is: the number Incident Manager stores, 1 (critical) to 5 (no impact)
 * (botocore 1.43, ssm-incidents `Impact`: integer 1-5).
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-lifecycle.html
 */
export const Impact = { Critical: 1, High: 2, Medium: 3, Low: 4, None: 5 } as const;
/** How bad an incident is: 1 (critical) to 5 (no impact). */
export type Impact = (typeof Impact)[keyof typeof Impact];

/** A CloudWatch statistic (botocore 1.43, cloudwatch `Statistic`). */
export const Statistic = {
  SampleCount: "SampleCount",
  Average: "Average",
  Sum: "Sum",
  Minimum: "Minimum",
  Maximum: "Maximum",
} as const;
/** A CloudWatch statistic. */
export type Statistic = (typeof Statistic)[keyof typeof Statistic];

/**
 * How a metric alarm compares its statistic with a fixed threshold: the four of cloudwatch
 * `ComparisonOperator` that take a threshold (botocore 1.43; the other three are for anomaly
 * detection bands, which this component does not create).
 */
export const ComparisonOperator = {
  GreaterThanOrEqualToThreshold: "GreaterThanOrEqualToThreshold",
  GreaterThanThreshold: "GreaterThanThreshold",
  LessThanThreshold: "LessThanThreshold",
  LessThanOrEqualToThreshold: "LessThanOrEqualToThreshold",
} as const;
/** How a metric alarm compares its statistic with its threshold. */
export type ComparisonOperator = (typeof ComparisonOperator)[keyof typeof ComparisonOperator];

/**
 * How a metric alarm treats missing data. The cloudwatch model types `TreatMissingData` as a
 * string of 1-255 characters (botocore 1.43); the four values are the CloudWatch user guide's
 * ("Configuring how CloudWatch alarms treat missing data").
 */
export const TreatMissingData = {
  missing: "missing",
  ignore: "ignore",
  breaching: "breaching",
  notBreaching: "notBreaching",
} as const;
/** How a metric alarm treats missing data. */
export type TreatMissingData = (typeof TreatMissingData)[keyof typeof TreatMissingData];

/** The account a runbook runs in (botocore 1.43, ssm-incidents `SsmTargetAccount`). */
export const TargetAccount = {
  RESPONSE_PLAN_OWNER_ACCOUNT: "RESPONSE_PLAN_OWNER_ACCOUNT",
  IMPACTED_ACCOUNT: "IMPACTED_ACCOUNT",
} as const;
/** The account a runbook runs in. */
export type TargetAccount = (typeof TargetAccount)[keyof typeof TargetAccount];

/**
 * A value Incident Manager fills in when an incident opens (botocore 1.43, ssm-incidents
 * `VariableType`).
 */
export const DynamicParameterValue = {
  INCIDENT_RECORD_ARN: "INCIDENT_RECORD_ARN",
  INVOLVED_RESOURCES: "INVOLVED_RESOURCES",
} as const;
/** A value Incident Manager fills in when an incident opens. */
export type DynamicParameterValue =
  (typeof DynamicParameterValue)[keyof typeof DynamicParameterValue];

/** The incident a response plan opens. */
export interface IncidentTemplate {
  /**
   * The incident's title. 1-200 characters.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/response-plans.html
   */
  readonly title: string;
  /**
   * How bad the incident is: 1 (`Impact.Critical`) to 5 (`Impact.None`, no impact).
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-lifecycle.html
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
   * pattern `^[A-Za-z0-9 _=@:.+-/]*$` (ssm-incidents CreateResponsePlan incidentTags); keys may
   * not start with `aws:`.
   * @default none
   */
  readonly tags?: Record<string, string>;
  /**
   * SNS topics notified of incident updates. At most 10 topic ARNs.
   * @default none
   */
  readonly notificationTopicArns?: pulumi.Input<string>[];
}

/** The SSM Automation runbook Incident Manager starts when an incident opens. */
export interface RunbookAction {
  /**
   * The Automation document: its name (your own or an AWS-owned one such as
   * `AWSIncidents-CriticalIncidentRunbookTemplate`), or the ARN of a document shared with this
   * account. With `document`, the name of the document the component creates: 3-128 of
   * `a-zA-Z0-9_-.` (ssm CreateDocument Name), not starting with `aws`, `amazon` or `amzn`.
   * @default with `document`, `<response plan name>-runbook`; otherwise required
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/runbooks.html
   */
  readonly documentName?: string;
  /**
   * The runbook's content, as code: the component creates the SSM Automation document (named
   * `documentName`) and pins the response plan to the version it created. Its shape is checked
   * before anything registers: `schemaVersion` "0.3", uniquely named `mainSteps` whose `action`
   * is one of AWS's Automation actions, and `parameters` that match what the plan passes
   * (`parameters`, `dynamicParameters` and the automation role). At most one of this and
   * `documentVersion`.
   * @default none: `documentName` names an existing document
   * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-documents.html
   */
  readonly document?: RunbookDocument;
  /**
   * The document version: a number, `$DEFAULT` or `$LATEST`. A pinned version also pins the role
   * this component creates to that version. With `document`, the version created is pinned for
   * you and this must be left out.
   * @default the version Incident Manager resolves at run time; with `document`, the created one
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
   * automation role the steps run as the runbook role, which may only start the runbook: a step
   * that calls an AWS API needs this, `automationPolicy` or your own `AutomationAssumeRole`
   * parameter. At most one of the three. With your own `roleArn`, that role needs
   * `iam:PassRole` on it.
   * @default none: the steps run as the runbook role
   * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup.html
   */
  readonly automationRoleArn?: pulumi.Input<string>;
  /**
   * The IAM policy document (`{ Version, Statement: [...] }`) the runbook's steps need. The
   * component creates `<name>-automation`, a role only `ssm.amazonaws.com` (for this account) may
   * assume, with this policy inline, and passes it as the `AutomationAssumeRole` parameter. At
   * most one of this, `automationRoleArn` and an `AutomationAssumeRole` parameter.
   * @default none: the steps run as the runbook role
   * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-setup.html
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document: the schema's Any
  readonly automationPolicy?: Record<string, any>;
  /**
   * The account the runbook runs in.
   * @default "RESPONSE_PLAN_OWNER_ACCOUNT" (AWS's default)
   */
  readonly targetAccount?: TargetAccount;
  /**
   * Static runbook parameters: name to values. At most 200; names 1-50 characters, at most 100
   * values each, values at most 512 characters (ssm-incidents CreateResponsePlan
   * actions[].ssmAutomation.parameters).
   * @default none
   */
  readonly parameters?: Record<string, pulumi.Input<string>[]>;
  /**
   * Parameters Incident Manager fills in when the incident opens: name to
   * `"INCIDENT_RECORD_ARN"` or `"INVOLVED_RESOURCES"`.
   * @default none
   */
  readonly dynamicParameters?: Record<string, DynamicParameterValue>;
  /**
   * The name of a parameter of the runbook that receives the ARN of the SNS topic of `chatChannel`
   * in the primary region, so that its steps can post to the chat channel. The automation role
   * created from `automationPolicy` may then `sns:Publish` to that topic; with
   * `automationRoleArn`, grant it yourself. Needs `chatChannel`.
   * @default none
   */
  readonly chatTopicParameter?: string;
}

/** The format an SSM document's content is stored in (ssm CreateDocument DocumentFormat). */
export const DocumentFormat = { YAML: "YAML", JSON: "JSON" } as const;
/** The format an SSM document's content is stored in. */
export type DocumentFormat = (typeof DocumentFormat)[keyof typeof DocumentFormat];

/**
 * A runbook written as code: an SSM Automation document (`schemaVersion: "0.3"`, `mainSteps`,
 * optional `parameters`, `assumeRole`, ...), given as an object, as YAML or JSON text, or as a file.
 * @see https://docs.aws.amazon.com/systems-manager/latest/userguide/automation-actions.html
 */
export interface RunbookDocument {
  /**
   * The document as an object, exactly as it would be written in YAML or JSON. Exactly one of
   * `content`, `text` and `file`.
   * @default none
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document: the schema's Any
  readonly content?: Record<string, any>;
  /**
   * The document's YAML or JSON text, stored as written (at most 64 KB: ssm CreateDocument
   * Content): from Pulumi YAML `fn::readFile`, or a file a program reads itself. Exactly one of
   * `content`, `text` and `file`.
   * @default none
   */
  readonly text?: string;
  /**
   * A YAML (`.yaml`, `.yml`) or JSON (`.json`) file holding the document, read when the
   * component is checked; a relative path is relative to the program's working directory. Its
   * text is stored as written (at most 64 KB: ssm CreateDocument Content). Exactly one of
   * `content`, `text` and `file`. From another language, prefer `text`: through the component
   * provider a relative path is resolved in the provider's process, whose working directory is
   * not promised to be the program's.
   * @default none
   */
  readonly file?: string;
  /**
   * The format the document is stored in: `YAML` or `JSON`. A file's format follows its
   * extension, and this, if given, must agree.
   * @default "YAML" for `content` and `text`; the file's extension for `file`
   */
  readonly format?: DocumentFormat;
}

/** The log level of a chat channel configuration (chatbot CreateSlackChannelConfiguration LoggingLevel). */
export const ChatLoggingLevel = { ERROR: "ERROR", INFO: "INFO", NONE: "NONE" } as const;
/** The log level of a chat channel configuration. */
export type ChatLoggingLevel = (typeof ChatLoggingLevel)[keyof typeof ChatLoggingLevel];

/**
 * A Slack channel of a workspace already authorised with AWS Chatbot (Amazon Q Developer in chat
 * applications) in its console: the workspace cannot be authorised from code.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/slack-setup.html
 */
export interface SlackChannel {
  /**
   * The Slack workspace (team) id, e.g. `T07EA123LEP`: 1-255 of `0-9 A-Z` (chatbot
   * CreateSlackChannelConfiguration SlackTeamId, "The ID of the Slack workspace authorized with
   * AWS Chatbot"). Shown in the Chatbot console's configured clients.
   */
  readonly workspaceId: string;
  /**
   * The Slack channel id, e.g. `C07EZ1ABC23`: 1-255 letters and digits (chatbot
   * CreateSlackChannelConfiguration SlackChannelId). Copy the channel's link in Slack: the id is
   * its last part. Invite the app to a private channel (`/invite @Amazon Q`) first.
   */
  readonly channelId: string;
}

/**
 * A Microsoft Teams channel of a team already authorised with AWS Chatbot (Amazon Q Developer in
 * chat applications) in its console.
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/teams-setup.html
 */
export interface TeamsChannel {
  /** The team's id: a UUID of 36 characters (chatbot CreateMicrosoftTeamsChannelConfiguration TeamId). */
  readonly teamId: string;
  /**
   * The channel's id as it appears URL-encoded in the channel's link, e.g.
   * `19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2` (chatbot
   * CreateMicrosoftTeamsChannelConfiguration ChannelId: 1-255 characters with `%3a` and `%40`).
   */
  readonly channelId: string;
  /** The Microsoft 365 tenant's id: a UUID (chatbot CreateMicrosoftTeamsChannelConfiguration TenantId). */
  readonly tenantId: string;
}

/**
 * A chat channel the component creates for the response plan: an SNS topic per replication-set
 * region that Incident Manager may publish to, an AWS Chatbot (Amazon Q Developer in chat
 * applications) channel configuration for Slack or Microsoft Teams subscribed to them, and the
 * configuration's role, allowed only Incident Manager's chat commands on this plan's incidents.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export interface ChatChannel {
  /**
   * The Slack channel. Exactly one of `slack` and `teams`.
   * @default none
   */
  readonly slack?: SlackChannel;
  /**
   * The Microsoft Teams channel. Exactly one of `slack` and `teams`.
   * @default none
   */
  readonly teams?: TeamsChannel;
  /**
   * The channel configuration's name: 1-128 of `A-Za-z0-9-_` (chatbot
   * CreateSlackChannelConfiguration ConfigurationName). Changing it replaces the configuration.
   * @default the response plan's name
   */
  readonly configurationName?: string;
  /**
   * What Chatbot logs to CloudWatch Logs.
   * @default "NONE" (AWS's default)
   */
  readonly loggingLevel?: ChatLoggingLevel;
}

/** The PagerDuty service an incident is also sent to. */
export interface PagerDutyIntegration {
  /** A name for the integration. 1-200 characters. */
  readonly name: string;
  /** The PagerDuty service's id: 1-200 characters (pagerDutyIncidentConfiguration.serviceId). */
  readonly serviceId: pulumi.Input<string>;
  /**
   * The Secrets Manager secret holding the PagerDuty credentials: 1-512 characters. The secret
   * must be encrypted with a customer-managed KMS key whose key policy lets Incident Manager
   * (`ssm-incidents.amazonaws.com`) decrypt it; a secret under the AWS-managed
   * `aws/secretsmanager` key cannot be read.
   * @default the setup's `pagerDutySecretArn` (an IncidentManagerSetup with `pagerDutySecret`)
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
   */
  readonly secretId?: pulumi.Input<string>;
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
  readonly okActions?: pulumi.Input<string>[];
  /**
   * More ARNs notified in ALARM, besides the response plan (which is always added). At most 4:
   * CloudWatch allows 5 actions per state.
   * @default none
   */
  readonly alarmActions?: pulumi.Input<string>[];
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
  readonly dimensions?: Record<string, pulumi.Input<string>>;
  /**
   * The statistic compared with the threshold. Exactly one of this and `extendedStatistic`.
   * @default none
   */
  readonly statistic?: Statistic;
  /**
   * A percentile such as `p99`. Exactly one of this and `statistic`.
   * @default none
   */
  readonly extendedStatistic?: string;
  /** Seconds per datapoint: 10, 20, 30 or a multiple of 60. */
  readonly period: Integer;
  /** How many periods are compared with the threshold. At least 1. */
  readonly evaluationPeriods: Integer;
  /** The value the statistic is compared with. */
  readonly threshold: number;
  /** How the statistic is compared with the threshold. */
  readonly comparisonOperator: ComparisonOperator;
  /**
   * How missing data is treated.
   * @default "missing" (AWS's default)
   */
  readonly treatMissingData?: TreatMissingData;
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
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document: the schema's Any
  readonly eventPattern: Record<string, any>;
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

/** The existing resources a ResponsePlanWithAlarms imports. */
export interface ResponsePlanAdoption {
  /**
   * Import the response plan named `responsePlanName`; its ID is derived from the name and
   * `setup.replicationSetArn`'s account:
   * `arn:<partition>:ssm-incidents::<account>:response-plan/<name>`. Needs `setup` with a
   * `replicationSetArn` known before deploying.
   * @default false
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_ListResponsePlans.html
   */
  readonly responsePlan?: boolean;
  /**
   * Names of existing metric or composite alarms in `alarms` / `compositeAlarms` (the import ID
   * of a CloudWatch alarm is its name).
   * @default none
   */
  readonly alarms?: string[];
  /**
   * Names of existing EventBridge rules in `events`, on the default event bus (import ID
   * `default/<name>`). Only the rule is imported: its target that starts incidents and the role
   * are created (a rule holds up to 5 targets, so an existing target is left as it is).
   * @default none
   */
  readonly rules?: string[];
}

/** Arguments of ResponsePlanWithAlarms. */
export interface ResponsePlanWithAlarmsArgs {
  /**
   * The Incident Manager setup: an IncidentManagerSetup, or its outputs of the same names. The
   * response plan, alarms and rules are created in its primary region, after its replication set
   * (through `replicationSetArn`'s dependencies), and carry its tags.
   * @default none (the provider's region; the replication set must already exist)
   */
  readonly setup?: SetupReference;
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
   * Who is engaged when an incident opens: 1-5 contacts (ssm-incidents CreateResponsePlan
   * `engagements`): an EscalationChain, `team.member("taro")`, `team.schedule`, or `{ arn }` of a
   * contact made elsewhere; from another language a chain's `target` or a team's
   * `memberTargets[...]` / `scheduleTarget`. The plan waits for each through its `arn`'s
   * dependencies. A target that is an Output is checked (contact ARN, engaged once) when it
   * resolves.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/response-plans.html
   */
  readonly engagements: pulumi.Input<ContactTarget>[];
  /**
   * SNS topics of the AWS Chatbot channel that receives incident updates. 1-5 topic ARNs.
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
   */
  readonly chatChannelTopicArns?: pulumi.Input<string>[];
  /**
   * A chat channel created for the plan: SNS topics, an AWS Chatbot Slack or Microsoft Teams
   * channel configuration subscribed to them, and its least-privilege role. At most one of this
   * and `chatChannelTopicArns` (a response plan has one chat channel).
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
   */
  readonly chatChannel?: ChatChannel;
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
  readonly alarms?: ResponseAlarm[];
  /**
   * New CloudWatch composite alarms that open an incident. Each is named after the component and
   * its `name`; names are unique across `alarms` and `compositeAlarms`.
   * @default none
   */
  readonly compositeAlarms?: ResponseCompositeAlarm[];
  /**
   * EventBridge rules that open an incident. Each is named after the component and its `name`.
   * @default none
   */
  readonly events?: ResponseEventRule[];
  /**
   * Tags for the response plan, alarms, rules and roles, added to the setup's tags. Keys may not
   * start with `aws:`.
   * @default the setup's tags
   */
  readonly tags?: Record<string, string>;
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
