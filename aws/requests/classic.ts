/**
 * Classic `@pulumi/aws` resources call the AWS API: each mapping turns a resource's inputs, as
 * registered (camelCase, Terraform's nested blocks), into the request its provider sends. Field
 * names are the Terraform provider's, read from `node_modules/@pulumi/aws/<module>/*.d.ts`; member
 * names are the API's, from botocore's service models (aws/models/constraints.json).
 *
 * The provider's own `region` input selects the endpoint and is not sent. A name the provider
 * generates when none is given (`<name>-` and 7 random characters) is filled in the same way, so
 * length limits see what AWS would receive.
 */
import type { ResourceMapping } from "./types";
import {
  compact,
  isObject,
  mapList,
  mapValues,
  nonEmpty,
  pairs,
  read,
  secretLength,
  UNKNOWN,
} from "./values";

/** The name Pulumi gives a resource whose name input is absent: `<name>-` and 7 random characters. */
export function autoName(name: string): string {
  return `${name}-1a2b3c4`;
}

type Mapper = (inputs: Record<string, unknown>, name: string) => ResourceMapping;

const api = (service: string, operation: string, body: Record<string, unknown>) => ({
  service,
  requests: [{ target: { kind: "api" as const, operation: `${service}:${operation}` }, body }],
});

/** A JSON document input (a policy): a string as is, an object as the JSON the provider sends. */
function json(value: unknown): unknown {
  if (value === undefined || value === UNKNOWN || typeof value === "string") return value;
  try {
    return JSON.stringify(value);
  } catch {
    return UNKNOWN;
  }
}

/** `{ hourOfDay, minuteOfHour }` as the API's HandOffTime / CoverageTime. */
const time = (t: unknown) =>
  isObject(t)
    ? compact({ HourOfDay: read(t, "hourOfDay"), MinuteOfHour: read(t, "minuteOfHour") })
    : t;

const dimensions = (d: unknown) => nonEmpty(pairs(d, "Name", "Value"));

/** SSM Contacts takes tags as a `[{ Key, Value }]` list. */
const contactsTags = (tags: unknown) => nonEmpty(pairs(tags, "Key", "Value"));

/** A plan's stages, as UpdateContact's `Plan.Stages`. */
const stages = (value: unknown) =>
  mapList(value, (stage) =>
    compact({
      DurationInMinutes: read(stage, "durationInMinutes"),
      Targets: mapList(read(stage, "targets"), (target) =>
        compact({
          ChannelTargetInfo: ((c) =>
            c === undefined
              ? undefined
              : compact({
                  ContactChannelId: read(c, "contactChannelId"),
                  RetryIntervalInMinutes: read(c, "retryIntervalInMinutes"),
                }))(read(target, "channelTargetInfo")),
          ContactTargetInfo: ((c) =>
            c === undefined
              ? undefined
              : compact({
                  ContactId: read(c, "contactId"),
                  IsEssential: read(c, "isEssential"),
                }))(read(target, "contactTargetInfo")),
        }),
      ),
    }),
  );

/** The mappings, by type token. */
export const CLASSIC: Readonly<Record<string, Mapper>> = {
  "aws:ssmcontacts/contact:Contact": (i) =>
    api(
      "ssm-contacts",
      "CreateContact",
      compact({
        Alias: i.alias,
        DisplayName: i.displayName,
        Type: i.type,
        // The provider creates the contact with an empty plan (terraform-provider-aws
        // resourceContactCreate); aws:ssmcontacts/plan:Plan fills it.
        Plan: { Stages: [] },
        Tags: contactsTags(i.tags),
      }),
    ),
  "aws:ssmcontacts/contactChannel:ContactChannel": (i, name) =>
    api(
      "ssm-contacts",
      "CreateContactChannel",
      compact({
        ContactId: i.contactId,
        Name: i.name ?? autoName(name),
        Type: i.type,
        DeliveryAddress: isObject(i.deliveryAddress)
          ? compact({ SimpleAddress: read(i.deliveryAddress, "simpleAddress") })
          : i.deliveryAddress,
        // The provider always defers activation (terraform-provider-aws
        // resourceContactChannelCreate): the channel is activated from its owner's device.
        DeferActivation: true,
      }),
    ),
  "aws:ssmcontacts/plan:Plan": (i) =>
    api(
      "ssm-contacts",
      "UpdateContact",
      compact({ ContactId: i.contactId, Plan: compact({ Stages: stages(i.stages) }) }),
    ),
  "aws:ssm/contactsRotation:ContactsRotation": (i, name) => {
    const r = i.recurrence;
    const recurrence = isObject(r)
      ? compact({
          NumberOfOnCalls: read(r, "numberOfOnCalls"),
          RecurrenceMultiplier: read(r, "recurrenceMultiplier"),
          DailySettings: nonEmpty(mapList(read(r, "dailySettings"), time)),
          WeeklySettings: nonEmpty(
            mapList(read(r, "weeklySettings"), (w) =>
              compact({
                DayOfWeek: read(w, "dayOfWeek"),
                HandOffTime: time(read(w, "handOffTime")),
              }),
            ),
          ),
          MonthlySettings: nonEmpty(
            mapList(read(r, "monthlySettings"), (m) =>
              compact({
                DayOfMonth: read(m, "dayOfMonth"),
                HandOffTime: time(read(m, "handOffTime")),
              }),
            ),
          ),
          ShiftCoverages: shiftCoverages(read(r, "shiftCoverages")),
        })
      : r;
    return api(
      "ssm-contacts",
      "CreateRotation",
      compact({
        Name: i.name ?? autoName(name),
        ContactIds: i.contactIds,
        StartTime: i.startTime,
        TimeZoneId: i.timeZoneId,
        Recurrence: recurrence,
        Tags: contactsTags(i.tags),
      }),
    );
  },
  "aws:ssmincidents/replicationSet:ReplicationSet": (i) => {
    // `region` is the deprecated spelling of `regions` on this resource: both are region lists.
    const list = i.regions ?? (Array.isArray(i.region) ? i.region : undefined);
    const regions: Record<string, unknown> = {};
    const given = mapList(list, (r) => r);
    if (Array.isArray(given)) {
      for (const r of given) {
        const regionName = read(r, "name");
        if (typeof regionName !== "string") continue;
        const key = read(r, "kmsKeyArn");
        regions[regionName] = compact({ sseKmsKeyId: key });
      }
    }
    return api(
      "ssm-incidents",
      "CreateReplicationSet",
      compact({ regions: Array.isArray(given) ? regions : given, tags: nonEmpty(i.tags) }),
    );
  },
  "aws:ssmincidents/responsePlan:ResponsePlan": (i, name) => {
    const t = i.incidentTemplate;
    const chat = nonEmpty(i.chatChannels);
    return api(
      "ssm-incidents",
      "CreateResponsePlan",
      compact({
        name: i.name ?? autoName(name),
        displayName: i.displayName,
        incidentTemplate: isObject(t)
          ? compact({
              title: read(t, "title"),
              impact: read(t, "impact"),
              summary: read(t, "summary"),
              dedupeString: read(t, "dedupeString"),
              incidentTags: nonEmpty(read(t, "incidentTags")),
              notificationTargets: nonEmpty(
                mapList(read(t, "notificationTargets"), (n) =>
                  compact({ snsTopicArn: read(n, "snsTopicArn") }),
                ),
              ),
            })
          : t,
        engagements: i.engagements,
        chatChannel: chat === undefined ? undefined : { chatbotSns: chat },
        actions: nonEmpty(
          mapList(read(i.action, "ssmAutomations"), (a) => ({
            ssmAutomation: compact({
              documentName: read(a, "documentName"),
              documentVersion: read(a, "documentVersion"),
              roleArn: read(a, "roleArn"),
              targetAccount: read(a, "targetAccount"),
              parameters: parameters(read(a, "parameters")),
              dynamicParameters: nonEmpty(
                mapValues(read(a, "dynamicParameters"), (v) => ({ variable: v })),
              ),
            }),
          })),
        ),
        integrations: nonEmpty(
          mapList(read(i.integration, "pagerduties"), (p) => ({
            pagerDutyConfiguration: compact({
              name: read(p, "name"),
              secretId: read(p, "secretId"),
              pagerDutyIncidentConfiguration: compact({ serviceId: read(p, "serviceId") }),
            }),
          })),
        ),
        tags: nonEmpty(i.tags),
      }),
    );
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": (i, name) =>
    api(
      "cloudwatch",
      "PutMetricAlarm",
      compact({
        AlarmName: i.name ?? autoName(name),
        AlarmDescription: i.alarmDescription,
        ActionsEnabled: i.actionsEnabled,
        AlarmActions: i.alarmActions,
        OKActions: i.okActions,
        InsufficientDataActions: i.insufficientDataActions,
        ComparisonOperator: i.comparisonOperator,
        DatapointsToAlarm: i.datapointsToAlarm,
        Dimensions: dimensions(i.dimensions),
        EvaluateLowSampleCountPercentile: i.evaluateLowSampleCountPercentiles,
        EvaluationPeriods: i.evaluationPeriods,
        ExtendedStatistic: i.extendedStatistic,
        MetricName: i.metricName,
        Namespace: i.namespace,
        Period: i.period,
        Statistic: i.statistic,
        Threshold: i.threshold,
        ThresholdMetricId: i.thresholdMetricId,
        TreatMissingData: i.treatMissingData,
        Unit: i.unit,
        Metrics: nonEmpty(
          mapList(i.metricQueries, (q) => {
            const m = read(q, "metric");
            return compact({
              Id: read(q, "id"),
              Expression: read(q, "expression"),
              Label: read(q, "label"),
              ReturnData: read(q, "returnData"),
              Period: read(q, "period"),
              AccountId: read(q, "accountId"),
              MetricStat: isObject(m)
                ? compact({
                    Metric: compact({
                      MetricName: read(m, "metricName"),
                      Namespace: read(m, "namespace"),
                      Dimensions: dimensions(read(m, "dimensions")),
                    }),
                    Period: read(m, "period"),
                    Stat: read(m, "stat"),
                    Unit: read(m, "unit"),
                  })
                : m,
            });
          }),
        ),
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    ),
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": (i, name) =>
    api(
      "cloudwatch",
      "PutCompositeAlarm",
      compact({
        AlarmName: i.alarmName ?? autoName(name),
        AlarmDescription: i.alarmDescription,
        AlarmRule: i.alarmRule,
        ActionsEnabled: i.actionsEnabled,
        AlarmActions: i.alarmActions,
        OKActions: i.okActions,
        InsufficientDataActions: i.insufficientDataActions,
        ActionsSuppressor: read(i.actionsSuppressor, "alarm"),
        ActionsSuppressorExtensionPeriod: read(i.actionsSuppressor, "extensionPeriod"),
        ActionsSuppressorWaitPeriod: read(i.actionsSuppressor, "waitPeriod"),
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    ),
  "aws:cloudwatch/eventRule:EventRule": (i, name) =>
    api(
      "events",
      "PutRule",
      compact({
        Name: i.name ?? autoName(name),
        Description: i.description,
        EventBusName: i.eventBusName,
        EventPattern: i.eventPattern,
        RoleArn: i.roleArn,
        ScheduleExpression: i.scheduleExpression,
        State: i.state ?? (i.isEnabled === false ? "DISABLED" : undefined),
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    ),
  "aws:cloudwatch/eventTarget:EventTarget": (i, name) =>
    api(
      "events",
      "PutTargets",
      compact({
        Rule: i.rule,
        EventBusName: i.eventBusName,
        Targets: [
          compact({
            Id: i.targetId ?? autoName(name),
            Arn: i.arn,
            RoleArn: i.roleArn,
            Input: i.input,
            InputPath: i.inputPath,
            InputTransformer: isObject(i.inputTransformer)
              ? compact({
                  InputPathsMap: read(i.inputTransformer, "inputPaths"),
                  InputTemplate: read(i.inputTransformer, "inputTemplate"),
                })
              : i.inputTransformer,
            RetryPolicy: isObject(i.retryPolicy)
              ? compact({
                  MaximumEventAgeInSeconds: read(i.retryPolicy, "maximumEventAgeInSeconds"),
                  MaximumRetryAttempts: read(i.retryPolicy, "maximumRetryAttempts"),
                })
              : i.retryPolicy,
            DeadLetterConfig: isObject(i.deadLetterConfig)
              ? compact({ Arn: read(i.deadLetterConfig, "arn") })
              : i.deadLetterConfig,
          }),
        ],
      }),
    ),
  "aws:iam/role:Role": (i, name) =>
    api(
      "iam",
      "CreateRole",
      compact({
        RoleName: i.name ?? autoName(name),
        AssumeRolePolicyDocument: json(i.assumeRolePolicy),
        Description: i.description,
        MaxSessionDuration: i.maxSessionDuration,
        Path: i.path,
        PermissionsBoundary: i.permissionsBoundary,
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    ),
  "aws:iam/rolePolicy:RolePolicy": (i, name) =>
    api(
      "iam",
      "PutRolePolicy",
      compact({
        RoleName: i.role,
        PolicyName: i.name ?? autoName(name),
        PolicyDocument: json(i.policy),
      }),
    ),
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (i) =>
    api("iam", "AttachRolePolicy", compact({ RoleName: i.role, PolicyArn: i.policyArn })),
  "aws:kms/key:Key": (i) =>
    api(
      "kms",
      "CreateKey",
      compact({
        Description: i.description,
        KeyUsage: i.keyUsage,
        KeySpec: i.customerMasterKeySpec,
        Policy: json(i.policy),
        BypassPolicyLockoutSafetyCheck: i.bypassPolicyLockoutSafetyCheck,
        MultiRegion: i.multiRegion,
        CustomKeyStoreId: i.customKeyStoreId,
        XksKeyId: i.xksKeyId,
        Tags: nonEmpty(pairs(i.tags, "TagKey", "TagValue")),
      }),
    ),
  "aws:kms/alias:Alias": (i, name) =>
    api(
      "kms",
      "CreateAlias",
      compact({ AliasName: i.name ?? `alias/${autoName(name)}`, TargetKeyId: i.targetKeyId }),
    ),
  // Runbook documents and post-incident analysis templates (ssm CreateDocument). The document's
  // `permissions` (ModifyDocumentPermission) are a second call, not mapped.
  "aws:ssm/document:Document": (i, name) =>
    api(
      "ssm",
      "CreateDocument",
      compact({
        Name: i.name ?? autoName(name),
        Content: i.content,
        DocumentType: i.documentType,
        DocumentFormat: i.documentFormat,
        TargetType: i.targetType,
        VersionName: i.versionName,
        Attachments: nonEmpty(
          mapList(i.attachmentsSources, (a) =>
            compact({ Key: read(a, "key"), Name: read(a, "name"), Values: read(a, "values") }),
          ),
        ),
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    ),
  // The PagerDuty secret: CreateSecret, then its `policy` (if given) with PutResourcePolicy
  // (terraform-provider-aws resourceSecretCreate), whose SecretId is the new secret's ARN.
  "aws:secretsmanager/secret:Secret": (i, name) => {
    const created = api(
      "secretsmanager",
      "CreateSecret",
      compact({
        // A `namePrefix` gets a suffix only the provider knows.
        Name: i.name ?? (i.namePrefix === undefined ? autoName(name) : UNKNOWN),
        Description: i.description,
        KmsKeyId: i.kmsKeyId,
        ForceOverwriteReplicaSecret: i.forceOverwriteReplicaSecret,
        AddReplicaRegions: nonEmpty(
          mapList(i.replicas, (r) =>
            compact({ Region: read(r, "region"), KmsKeyId: read(r, "kmsKeyId") }),
          ),
        ),
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    );
    if (i.policy === undefined) return created;
    return {
      service: created.service,
      requests: [
        ...created.requests,
        {
          target: { kind: "api" as const, operation: "secretsmanager:PutResourcePolicy" },
          body: { SecretId: UNKNOWN, ResourcePolicy: json(i.policy) },
        },
      ],
    };
  },
  // The secret's value (PutSecretValue): checked by length only, never shown.
  "aws:secretsmanager/secretVersion:SecretVersion": (i) =>
    api(
      "secretsmanager",
      "PutSecretValue",
      compact({
        SecretId: i.secretId,
        SecretString: secretLength(i.secretString ?? i.secretStringWo),
        SecretBinary: secretLength(i.secretBinary, true),
        VersionStages: i.versionStages,
      }),
    ),
  "aws:secretsmanager/secretPolicy:SecretPolicy": (i) =>
    api(
      "secretsmanager",
      "PutResourcePolicy",
      compact({
        SecretId: i.secretArn,
        ResourcePolicy: json(i.policy),
        BlockPublicPolicy: i.blockPublicPolicy,
      }),
    ),
  // The key's replica in another region (kms ReplicateKey). ReplicaRegion is the provider's
  // region when `region` is not given, which this mapping does not know.
  "aws:kms/replicaKey:ReplicaKey": (i) =>
    api(
      "kms",
      "ReplicateKey",
      compact({
        KeyId: i.primaryKeyArn,
        ReplicaRegion: i.region ?? UNKNOWN,
        Policy: json(i.policy),
        BypassPolicyLockoutSafetyCheck: i.bypassPolicyLockoutSafetyCheck,
        Description: i.description,
        Tags: nonEmpty(pairs(i.tags, "TagKey", "TagValue")),
      }),
    ),
  // The chat channel's topics (sns CreateTopic) and their policies (SetTopicAttributes Policy).
  "aws:sns/topic:Topic": (i, name) =>
    api(
      "sns",
      "CreateTopic",
      compact({
        // A `namePrefix` gets a suffix only the provider knows.
        Name: i.name ?? (i.namePrefix === undefined ? autoName(name) : UNKNOWN),
        Attributes: topicAttributes(i),
        Tags: nonEmpty(pairs(i.tags, "Key", "Value")),
      }),
    ),
  "aws:sns/topicPolicy:TopicPolicy": (i) =>
    api(
      "sns",
      "SetTopicAttributes",
      compact({ TopicArn: i.arn, AttributeName: "Policy", AttributeValue: json(i.policy) }),
    ),
  // The chat channel: AWS Chatbot's Slack and Microsoft Teams channel configurations.
  "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": (i) =>
    api(
      "chatbot",
      "CreateSlackChannelConfiguration",
      compact({
        SlackTeamId: i.slackTeamId,
        SlackChannelId: i.slackChannelId,
        ...chatbotCommon(i),
      }),
    ),
  "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": (i) =>
    api(
      "chatbot",
      "CreateMicrosoftTeamsChannelConfiguration",
      compact({
        ChannelId: i.channelId,
        ChannelName: i.channelName,
        TeamId: i.teamId,
        TeamName: i.teamName,
        TenantId: i.tenantId,
        ...chatbotCommon(i),
      }),
    ),
};

/**
 * An SNS topic's attribute inputs as CreateTopic's `Attributes` map (string values, as the provider
 * sends them). Only the attributes named in botocore's CreateTopic `Attributes` documentation are
 * mapped; `fifoTopic`, `signatureVersion` and the delivery-feedback inputs are left out.
 */
function topicAttributes(i: Record<string, unknown>): unknown {
  const named: Record<string, unknown> = {
    DisplayName: i.displayName,
    Policy: json(i.policy),
    DeliveryPolicy: json(i.deliveryPolicy),
    KmsMasterKeyId: i.kmsMasterKeyId,
    TracingConfig: i.tracingConfig,
    ArchivePolicy: json(i.archivePolicy),
    ContentBasedDeduplication: i.contentBasedDeduplication,
    FifoThroughputScope: i.fifoThroughputScope,
  };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(named)) {
    if (value === undefined) continue;
    out[key] = typeof value === "boolean" || typeof value === "number" ? String(value) : value;
  }
  return nonEmpty(out);
}

/** The members AWS Chatbot's two Create*ChannelConfiguration operations share. */
const chatbotCommon = (i: Record<string, unknown>) => ({
  ConfigurationName: i.configurationName,
  IamRoleArn: i.iamRoleArn,
  SnsTopicArns: nonEmpty(i.snsTopicArns),
  LoggingLevel: i.loggingLevel,
  GuardrailPolicyArns: nonEmpty(i.guardrailPolicyArns),
  UserAuthorizationRequired: i.userAuthorizationRequired,
  // AWS Chatbot takes tags as a `[{ TagKey, TagValue }]` list (botocore chatbot Tags).
  Tags: nonEmpty(pairs(i.tags, "TagKey", "TagValue")),
});

/** A runbook's `[{ name, values }]` parameters as the API's `{ name: values }` map. */
function parameters(value: unknown): unknown {
  const list = mapList(value, (p) => p);
  if (!Array.isArray(list)) return list;
  const out: Record<string, unknown> = {};
  for (const p of list) {
    const key = read(p, "name");
    if (typeof key === "string") out[key] = read(p, "values");
  }
  return nonEmpty(out);
}

/** Shift coverage blocks `[{ mapBlockKey, coverageTimes }]` as the API's `{ DAY: [times] }` map. */
function shiftCoverages(value: unknown): unknown {
  const list = mapList(value, (c) => c);
  if (!Array.isArray(list)) return list;
  const out: Record<string, unknown> = {};
  for (const c of list) {
    const day = read(c, "mapBlockKey");
    if (typeof day !== "string") continue;
    out[day] = mapList(read(c, "coverageTimes"), (t) =>
      compact({ Start: time(read(t, "start")), End: time(read(t, "end")) }),
    );
  }
  return nonEmpty(out);
}
