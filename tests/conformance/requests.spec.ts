import { strict as assert } from "assert";
import { COVERED_TYPES, mapResource, UNKNOWN } from "../../aws/requests";

const ACCOUNT = "123456789012";
const contact = (alias: string) => `arn:aws:ssm-contacts:us-east-1:${ACCOUNT}:contact/${alias}`;

/** The one request body a resource maps to, and where it goes. */
function only(type: string, name: string, inputs: Record<string, unknown>) {
  const mapping = mapResource(type, name, inputs);
  assert.ok(mapping !== undefined, `${type} is mapped`);
  assert.equal(mapping.requests.length, 1);
  const [request] = mapping.requests;
  const target = request.target.kind === "api" ? request.target.operation : request.target.typeName;
  return { service: mapping.service, target, body: request.body };
}

describe("aws/requests: registered inputs to what AWS receives", () => {
  it("a classic contact is CreateContact with an empty plan and its tags as a Key/Value list, without `region`", () => {
    assert.deepEqual(
      only("aws:ssmcontacts/contact:Contact", "sre-taro", {
        alias: "taro",
        displayName: "Taro Yamada",
        type: "PERSONAL",
        region: "us-east-1",
        tags: { team: "sre", env: "prod" },
      }),
      {
        service: "ssm-contacts",
        target: "ssm-contacts:CreateContact",
        body: {
          Alias: "taro",
          DisplayName: "Taro Yamada",
          Type: "PERSONAL",
          Plan: { Stages: [] },
          Tags: [
            { Key: "team", Value: "sre" },
            { Key: "env", Value: "prod" },
          ],
        },
      },
    );
  });

  it("a classic channel is CreateContactChannel with deferred activation, and an auto-name when none is given", () => {
    assert.deepEqual(
      only("aws:ssmcontacts/contactChannel:ContactChannel", "sre-taro-sms", {
        contactId: contact("taro"),
        type: "SMS",
        deliveryAddress: { simpleAddress: "+12025550101" },
      }).body,
      {
        ContactId: contact("taro"),
        Name: "sre-taro-sms-1a2b3c4",
        Type: "SMS",
        DeliveryAddress: { SimpleAddress: "+12025550101" },
        DeferActivation: true,
      },
    );
  });

  it("a classic plan is UpdateContact's Plan.Stages, channel and contact targets", () => {
    assert.deepEqual(
      only("aws:ssmcontacts/plan:Plan", "esc-plan", {
        contactId: contact("esc"),
        stages: [
          {
            durationInMinutes: 5,
            targets: [
              { channelTargetInfo: { contactChannelId: "arn:c", retryIntervalInMinutes: 10 } },
              { contactTargetInfo: { contactId: contact("jiro"), isEssential: false } },
            ],
          },
        ],
      }),
      {
        service: "ssm-contacts",
        target: "ssm-contacts:UpdateContact",
        body: {
          ContactId: contact("esc"),
          Plan: {
            Stages: [
              {
                DurationInMinutes: 5,
                Targets: [
                  { ChannelTargetInfo: { ContactChannelId: "arn:c", RetryIntervalInMinutes: 10 } },
                  { ContactTargetInfo: { ContactId: contact("jiro"), IsEssential: false } },
                ],
              },
            ],
          },
        },
      },
    );
  });

  it("a classic rotation is CreateRotation: hand-offs as HourOfDay/MinuteOfHour, coverage as a map by day", () => {
    assert.deepEqual(
      only("aws:ssm/contactsRotation:ContactsRotation", "r", {
        name: "weekly",
        contactIds: [contact("a"), contact("b")],
        timeZoneId: "Asia/Tokyo",
        startTime: "2026-01-05T09:00:00+09:00",
        recurrence: {
          numberOfOnCalls: 1,
          recurrenceMultiplier: 2,
          weeklySettings: [{ dayOfWeek: "MON", handOffTime: { hourOfDay: 9, minuteOfHour: 30 } }],
          shiftCoverages: [
            {
              mapBlockKey: "MON",
              coverageTimes: [
                {
                  start: { hourOfDay: 9, minuteOfHour: 0 },
                  end: { hourOfDay: 17, minuteOfHour: 0 },
                },
              ],
            },
          ],
        },
      }).body,
      {
        Name: "weekly",
        ContactIds: [contact("a"), contact("b")],
        StartTime: "2026-01-05T09:00:00+09:00",
        TimeZoneId: "Asia/Tokyo",
        Recurrence: {
          NumberOfOnCalls: 1,
          RecurrenceMultiplier: 2,
          WeeklySettings: [{ DayOfWeek: "MON", HandOffTime: { HourOfDay: 9, MinuteOfHour: 30 } }],
          ShiftCoverages: {
            MON: [
              { Start: { HourOfDay: 9, MinuteOfHour: 0 }, End: { HourOfDay: 17, MinuteOfHour: 0 } },
            ],
          },
        },
      },
    );
  });

  it("a classic response plan is CreateResponsePlan: runbook parameters as a map, dynamic ones as variables, PagerDuty nested", () => {
    assert.deepEqual(
      only("aws:ssmincidents/responsePlan:ResponsePlan", "p", {
        name: "sev1",
        incidentTemplate: {
          title: "Down",
          impact: 1,
          notificationTargets: [{ snsTopicArn: "arn:aws:sns:us-east-1:123456789012:t" }],
        },
        engagements: [contact("esc")],
        chatChannels: ["arn:aws:sns:us-east-1:123456789012:chat"],
        action: {
          ssmAutomations: [
            {
              documentName: "Runbook",
              roleArn: "arn:aws:iam::123456789012:role/r",
              parameters: [{ name: "Env", values: ["prod"] }],
              dynamicParameters: { Incident: "INCIDENT_RECORD_ARN" },
            },
          ],
        },
        integration: { pagerduties: [{ name: "pd", serviceId: "PABC", secretId: "pd-secret" }] },
        tags: {},
      }).body,
      {
        name: "sev1",
        incidentTemplate: {
          title: "Down",
          impact: 1,
          notificationTargets: [{ snsTopicArn: "arn:aws:sns:us-east-1:123456789012:t" }],
        },
        engagements: [contact("esc")],
        chatChannel: { chatbotSns: ["arn:aws:sns:us-east-1:123456789012:chat"] },
        actions: [
          {
            ssmAutomation: {
              documentName: "Runbook",
              roleArn: "arn:aws:iam::123456789012:role/r",
              parameters: { Env: ["prod"] },
              dynamicParameters: { Incident: { variable: "INCIDENT_RECORD_ARN" } },
            },
          },
        ],
        integrations: [
          {
            pagerDutyConfiguration: {
              name: "pd",
              secretId: "pd-secret",
              pagerDutyIncidentConfiguration: { serviceId: "PABC" },
            },
          },
        ],
      },
    );
  });

  it("an alarm's dimensions map is PutMetricAlarm's Name/Value list; a role's policy object is sent as JSON", () => {
    const alarm = only("aws:cloudwatch/metricAlarm:MetricAlarm", "a", {
      name: "cpu",
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: { InstanceId: "i-1" },
      alarmActions: ["arn:x"],
      evaluationPeriods: 1,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 90,
    });
    assert.equal(alarm.target, "cloudwatch:PutMetricAlarm");
    assert.deepEqual(alarm.body.Dimensions, [{ Name: "InstanceId", Value: "i-1" }]);
    const role = only("aws:iam/role:Role", "plan-runbook", {
      assumeRolePolicy: { Version: "2012-10-17", Statement: [] },
    });
    assert.deepEqual(role.body, {
      RoleName: "plan-runbook-1a2b3c4",
      AssumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    });
  });

  it("aws-native inputs become their CloudFormation properties; JSON-typed properties keep their keys", () => {
    assert.deepEqual(
      only("aws-native:ssmcontacts:Rotation", "r", {
        name: "weekly",
        contactIds: ["arn:a"],
        timeZoneId: "Asia/Tokyo",
        startTime: "2026-01-05T09:00:00",
        recurrence: {
          numberOfOnCalls: 1,
          recurrenceMultiplier: 1,
          weeklySettings: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
          shiftCoverages: [
            { dayOfWeek: "MON", coverageTimes: [{ startTime: "09:00", endTime: "17:00" }] },
          ],
        },
        tags: [{ key: "team", value: "sre" }],
      }),
      {
        service: "ssm-contacts",
        target: "AWS::SSMContacts::Rotation",
        body: {
          Name: "weekly",
          ContactIds: ["arn:a"],
          TimeZoneId: "Asia/Tokyo",
          StartTime: "2026-01-05T09:00:00",
          Recurrence: {
            NumberOfOnCalls: 1,
            RecurrenceMultiplier: 1,
            WeeklySettings: [{ DayOfWeek: "MON", HandOffTime: "09:00" }],
            ShiftCoverages: [
              { DayOfWeek: "MON", CoverageTimes: [{ StartTime: "09:00", EndTime: "17:00" }] },
            ],
          },
          Tags: [{ Key: "team", Value: "sre" }],
        },
      },
    );
    const role = only("aws-native:iam:Role", "r", {
      assumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow" }] },
    });
    assert.deepEqual(role.body, {
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: "Allow" }] },
    });
  });

  it("a classic SSM document is CreateDocument, with an auto-name when none is given", () => {
    assert.deepEqual(
      only("aws:ssm/document:Document", "sre-analysis", {
        content: '{"schemaVersion":"1.0"}',
        documentType: "ProblemAnalysisTemplate",
        documentFormat: "JSON",
        region: "ap-northeast-2",
        tags: { team: "sre" },
      }),
      {
        service: "ssm",
        target: "ssm:CreateDocument",
        body: {
          Name: "sre-analysis-1a2b3c4",
          Content: '{"schemaVersion":"1.0"}',
          DocumentType: "ProblemAnalysisTemplate",
          DocumentFormat: "JSON",
          Tags: [{ Key: "team", Value: "sre" }],
        },
      },
    );
  });

  it("a classic secret is CreateSecret with its replicas, then PutResourcePolicy for its policy", () => {
    const mapping = mapResource("aws:secretsmanager/secret:Secret", "pd", {
      name: "pagerduty",
      kmsKeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/mrk-1",
      replicas: [
        { region: "ap-northeast-2", kmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/mrk-1" },
      ],
      policy: { Version: "2012-10-17", Statement: [] },
    })!;
    assert.deepEqual(
      mapping.requests.map((r) => [r.target.kind === "api" && r.target.operation, r.body]),
      [
        [
          "secretsmanager:CreateSecret",
          {
            Name: "pagerduty",
            KmsKeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/mrk-1",
            AddReplicaRegions: [
              {
                Region: "ap-northeast-2",
                KmsKeyId: "arn:aws:kms:ap-northeast-2:123456789012:key/mrk-1",
              },
            ],
          },
        ],
        [
          "secretsmanager:PutResourcePolicy",
          { SecretId: UNKNOWN, ResourcePolicy: '{"Version":"2012-10-17","Statement":[]}' },
        ],
      ],
    );
  });

  it("a secret's value is measured, never carried: PutSecretValue sees as many `*` as it has characters", () => {
    const body = only("aws:secretsmanager/secretVersion:SecretVersion", "pd", {
      secretId: "pagerduty",
      secretString: '{"pagerDutyToken":"y_NbAkKc66ryYEXAMPLE"}',
    }).body;
    assert.deepEqual(body, { SecretId: "pagerduty", SecretString: "*".repeat(41) });
    const native = only("aws-native:secretsmanager:Secret", "pd", { secretString: "héllo" }).body;
    assert.deepEqual(native, { SecretString: "*****" });
  });

  it("SNS topics and their policies, and Chatbot's Slack and Teams configurations", () => {
    assert.deepEqual(
      only("aws:sns/topic:Topic", "chat", {
        displayName: "Incidents",
        kmsMasterKeyId: "alias/aws/sns",
        fifoTopic: false,
        tags: { team: "sre" },
      }).body,
      {
        Name: "chat-1a2b3c4",
        Attributes: { DisplayName: "Incidents", KmsMasterKeyId: "alias/aws/sns" },
        Tags: [{ Key: "team", Value: "sre" }],
      },
    );
    assert.deepEqual(
      only("aws:sns/topicPolicy:TopicPolicy", "chat", {
        arn: "arn:aws:sns:ap-northeast-1:123456789012:chat",
        policy: '{"Version":"2012-10-17"}',
      }),
      {
        service: "sns",
        target: "sns:SetTopicAttributes",
        body: {
          TopicArn: "arn:aws:sns:ap-northeast-1:123456789012:chat",
          AttributeName: "Policy",
          AttributeValue: '{"Version":"2012-10-17"}',
        },
      },
    );
    const common = {
      configurationName: "api-errors",
      iamRoleArn: "arn:aws:iam::123456789012:role/chat",
      snsTopicArns: ["arn:aws:sns:ap-northeast-1:123456789012:chat"],
      loggingLevel: "ERROR",
      tags: { team: "sre" },
    };
    const shared = {
      ConfigurationName: "api-errors",
      IamRoleArn: "arn:aws:iam::123456789012:role/chat",
      SnsTopicArns: ["arn:aws:sns:ap-northeast-1:123456789012:chat"],
      LoggingLevel: "ERROR",
      Tags: [{ TagKey: "team", TagValue: "sre" }],
    };
    assert.deepEqual(
      only("aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration", "c", {
        ...common,
        slackTeamId: "T07EA123LEP",
        slackChannelId: "C07EZ1ABC23",
      }),
      {
        service: "chatbot",
        target: "chatbot:CreateSlackChannelConfiguration",
        body: { SlackTeamId: "T07EA123LEP", SlackChannelId: "C07EZ1ABC23", ...shared },
      },
    );
    assert.deepEqual(
      only("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration", "c", {
        ...common,
        teamId: "5f0b6a3e-8a1c-4c1e-9d4e-2b7f6c9a1d20",
        tenantId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        channelId: "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2",
      }).body,
      {
        ChannelId: "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2",
        TeamId: "5f0b6a3e-8a1c-4c1e-9d4e-2b7f6c9a1d20",
        TenantId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        ...shared,
      },
    );
  });

  it("a replica key is ReplicateKey; its region is the provider's when not given", () => {
    assert.deepEqual(
      only("aws:kms/replicaKey:ReplicaKey", "k", {
        primaryKeyArn: "arn:aws:kms:ap-northeast-1:123456789012:key/mrk-1",
      }).body,
      { KeyId: "arn:aws:kms:ap-northeast-1:123456789012:key/mrk-1", ReplicaRegion: UNKNOWN },
    );
  });

  it("covers both flavours of every type the package registers, and nothing it cannot map", () => {
    for (const type of [
      "aws:ssmcontacts/contact:Contact",
      "aws:ssmcontacts/contactChannel:ContactChannel",
      "aws:ssmcontacts/plan:Plan",
      "aws:ssm/contactsRotation:ContactsRotation",
      "aws:ssmincidents/replicationSet:ReplicationSet",
      "aws:ssmincidents/responsePlan:ResponsePlan",
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:cloudwatch/compositeAlarm:CompositeAlarm",
      "aws:cloudwatch/eventRule:EventRule",
      "aws:cloudwatch/eventTarget:EventTarget",
      "aws:iam/role:Role",
      "aws:iam/rolePolicy:RolePolicy",
      "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      "aws:kms/key:Key",
      "aws:kms/alias:Alias",
      "aws-native:ssmincidents:ReplicationSet",
      "aws-native:ssmincidents:ResponsePlan",
      "aws-native:ssmcontacts:Contact",
      "aws-native:ssmcontacts:ContactChannel",
      "aws-native:ssmcontacts:Plan",
      "aws-native:ssmcontacts:Rotation",
      "aws-native:cloudwatch:Alarm",
      "aws-native:cloudwatch:CompositeAlarm",
      "aws-native:events:Rule",
      "aws-native:iam:Role",
      "aws-native:iam:RolePolicy",
      "aws-native:kms:Key",
      "aws-native:kms:Alias",
      "aws:ssm/document:Document",
      "aws:secretsmanager/secret:Secret",
      "aws:secretsmanager/secretVersion:SecretVersion",
      "aws:secretsmanager/secretPolicy:SecretPolicy",
      "aws:kms/replicaKey:ReplicaKey",
      "aws:sns/topic:Topic",
      "aws:sns/topicPolicy:TopicPolicy",
      "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
      "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration",
      "aws-native:ssm:Document",
      "aws-native:secretsmanager:Secret",
      "aws-native:sns:Topic",
      "aws-native:chatbot:SlackChannelConfiguration",
      "aws-native:chatbot:MicrosoftTeamsChannelConfiguration",
    ]) {
      assert.ok(COVERED_TYPES.includes(type), type);
      assert.ok(mapResource(type, "x", {}) !== undefined, type);
    }
    assert.equal(COVERED_TYPES.length, 42);
    assert.equal(mapResource("aws:s3/bucket:Bucket", "b", {}), undefined);
  });
});
