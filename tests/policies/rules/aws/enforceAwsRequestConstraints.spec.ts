import { strict as assert } from "assert";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { enforceAwsRequestConstraints as rule } from "../../../../policies/rules";
import { classicStack, contactArn, mutate, nativeStack, pick } from "../../fixtures";
import { ResourceFixture, configFor, messages, runResource } from "../../harness";

/** The rule's messages for fixture `name` of `stack` after `edit`. */
async function after(
  stack: readonly ResourceFixture[],
  name: string,
  edit: (props: Record<string, any>) => void, // eslint-disable-line @typescript-eslint/no-explicit-any
  config = configFor(rule),
): Promise<string[]> {
  return messages(await runResource(rule, pick(mutate(stack, name, edit), name), config));
}

/** Botocore 1.43's endpoint data: where both ssm-incidents and ssm-contacts have an endpoint. */
const IM_REGIONS =
  "ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2";
const OFFERED = `must be a region where Incident Manager is offered (ssm-incidents and ssm-contacts both have endpoints): ${IM_REGIONS}`;

describe("enforce-aws-request-constraints", () => {
  for (const [flavour, stack] of [
    ["classic", classicStack],
    ["aws-native", nativeStack],
  ] as const) {
    it(`Compliance: every ${flavour} fixture`, async () => {
      for (const fixture of stack()) {
        assert.deepEqual(messages(await runResource(rule, fixture)), [], fixture.name);
      }
    });
  }

  it("Noncompliance 1: a contact alias with a dot (classic: the API's pattern)", async () => {
    assert.deepEqual(await after(classicStack(), "taro", (p) => (p.alias = "taro.yamada")), [
      'ssm-contacts:CreateContact `Alias` must match AWS\'s pattern ^[a-z0-9_\\-]*$; got "taro.yamada" (AWS: The short name to quickly identify a contact or escalation plan. The contact alias must be unique and identifiable.).',
    ]);
  });

  it("Noncompliance 2: an EMAIL address over 320 characters, shown masked (classic)", async () => {
    const address = `${"t".repeat(320)}@example.com`;
    assert.deepEqual(
      await after(classicStack(), "taro-email", (p) => (p.deliveryAddress.simpleAddress = address)),
      [
        `ssm-contacts:CreateContactChannel \`DeliveryAddress.SimpleAddress\` must be at most 320 characters long (got 332); got "t${"*".repeat(39)}...${"*".repeat(25)}@example.com".`,
      ],
    );
  });

  it("Noncompliance 3: a time zone id AWS's pattern refuses (aws-native rotation)", async () => {
    assert.deepEqual(await after(nativeStack(), "primary", (p) => (p.timeZoneId = "Etc/GMT+9")), [
      'AWS::SSMContacts::Rotation `TimeZoneId` must match AWS\'s pattern ^[:a-zA-Z0-9_\\-\\s\\.\\\\/]*$; got "Etc/GMT+9".',
    ]);
  });

  it("Noncompliance 4: a 31-minute stage, and a target without isEssential (classic plan)", async () => {
    assert.deepEqual(
      await after(classicStack(), "sre-escalation-plan", (p) => {
        p.stages[0].durationInMinutes = 31;
        delete p.stages[0].targets[0].contactTargetInfo.isEssential;
      }),
      [
        "ssm-contacts:UpdateContact `Plan.Stages[0].DurationInMinutes` must be at most 30; got 31 (AWS: The time to wait until beginning the next stage. The duration can only be set to 0 if a target is specified.).",
        "ssm-contacts:UpdateContact `Plan.Stages[0].Targets[0].ContactTargetInfo.IsEssential` is required; got nothing (AWS: A Boolean value determining if the contact's acknowledgement stops the progress of stages in the plan.).",
      ],
    );
  });

  it("Noncompliance 5: an enum (classic channel type) and a type (aws-native alarm period)", async () => {
    assert.deepEqual(await after(classicStack(), "taro-sms", (p) => (p.type = "PAGER")), [
      'ssm-contacts:CreateContactChannel `Type` must be one of SMS, VOICE, EMAIL; got "PAGER" (AWS: Incident Manager supports three types of contact channels: SMS VOICE EMAIL).',
    ]);
    assert.deepEqual(await after(nativeStack(), "errors", (p) => (p.period = "sixty")), [
      'AWS::CloudWatch::Alarm `Period` must be an integer; got "sixty".',
    ]);
  });

  it("Noncompliance 6: Osaka, where Incident Manager is not offered; checkRegions: false", async () => {
    assert.deepEqual(
      await after(
        nativeStack(),
        "replication-set",
        (p) => (p.regions[1].regionName = "ap-northeast-3"),
      ),
      [`ssm-incidents endpoint \`Regions[1].RegionName\` ${OFFERED}; got "ap-northeast-3".`],
    );
    assert.deepEqual(await after(classicStack(), "sev1", (p) => (p.region = "ap-northeast-3")), [
      `ssm-incidents endpoint \`region\` ${OFFERED}; got "ap-northeast-3".`,
    ]);
    assert.deepEqual(
      await after(classicStack(), "sev1", (p) => (p.region = "ap-northeast-3"), {
        checkRegions: false,
      }),
      [],
    );
  });

  it("Noncompliance 7: a list and a map over AWS's sizes (classic rotation, response plan)", async () => {
    assert.deepEqual(
      await after(classicStack(), "primary", (p) => {
        p.contactIds = Array.from({ length: 31 }, (_, i) => contactArn(`m${i}`));
      }),
      [
        'ssm-contacts:CreateRotation `ContactIds` must have at most 30 items (got 31); got ["arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/m0","arn:aws:ssm-c....',
      ],
    );
    assert.deepEqual(
      await after(classicStack(), "sev1", (p) => {
        p.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
      }),
      [
        'ssm-incidents:CreateResponsePlan `tags` must have at most 50 entries (got 51); got {"k0":"v","k1":"v","k2":"v","k3":"v","k4":"v","k5":"v","k6":"v","k7":"v","k8"... (AWS: A list of tags that you are adding to the response plan.).',
      ],
    );
  });

  it("skips a value still unknown during preview, and checks the known ones", async () => {
    assert.deepEqual(
      await after(classicStack(), "taro", (p) => {
        p.displayName = unknownValue;
        p.alias = "Taro";
      }),
      [
        'ssm-contacts:CreateContact `Alias` must match AWS\'s pattern ^[a-z0-9_\\-]*$; got "Taro" (AWS: The short name to quickly identify a contact or escalation plan. The contact alias must be unique and identifiable.).',
      ],
    );
  });

  it("is not applicable to other types", async () => {
    const out = await runResource(rule, { type: "aws:s3/bucket:Bucket", name: "b", props: {} });
    assert.match(
      out.notApplicable ?? "",
      /^Policy only applies to resources of type aws:ssmcontacts\/contact:Contact, /,
    );
    assert.deepEqual(out.violations, []);
  });

  describe("the runbook's targetAccount (ssm-incidents SsmAutomation.targetAccount)", () => {
    const classicRunbook = (targetAccount: unknown) => (p: Record<string, unknown>) =>
      (p.action = {
        ssmAutomations: [
          {
            documentName: "Restart",
            roleArn: "arn:aws:iam::123456789012:role/runbook",
            targetAccount,
          },
        ],
      });
    for (const value of ["RESPONSE_PLAN_OWNER_ACCOUNT", "IMPACTED_ACCOUNT"]) {
      it(`Compliance: ${value} on both flavours`, async () => {
        assert.deepEqual(await after(classicStack(), "sev1", classicRunbook(value)), []);
        assert.deepEqual(
          await after(
            nativeStack(),
            "sev1",
            (p) => (p.actions[0].ssmAutomation.targetAccount = value),
          ),
          [],
        );
      });
    }
    it("Noncompliance: an account id instead of the enum, masked like a number (classic: the API's enum)", async () => {
      assert.deepEqual(await after(classicStack(), "sev1", classicRunbook("123456789012")), [
        'ssm-incidents:CreateResponsePlan `actions[0].ssmAutomation.targetAccount` must be one of RESPONSE_PLAN_OWNER_ACCOUNT, IMPACTED_ACCOUNT; got "123******012" (AWS: The account that the automation document will be run in. This can be in either the management account or an application account.).',
      ]);
    });
    it("Noncompliance: a lower-case value (aws-native: CloudFormation's enum)", async () => {
      assert.deepEqual(
        await after(
          nativeStack(),
          "sev1",
          (p) => (p.actions[0].ssmAutomation.targetAccount = "impacted_account"),
        ),
        [
          'AWS::SSMIncidents::ResponsePlan `Actions[0].SsmAutomation.TargetAccount` must be one of IMPACTED_ACCOUNT, RESPONSE_PLAN_OWNER_ACCOUNT; got "impacted_account".',
        ],
      );
    });
  });
});

describe("enforce-aws-request-constraints: chat channels, runbook documents, analysis templates and the PagerDuty secret", () => {
  const ROLE = "arn:aws:iam::123456789012:role/chat";
  const TOPIC = "arn:aws:sns:ap-northeast-1:123456789012:chat";
  const TEAM = "5f0b6a3e-8a1c-4c1e-9d4e-2b7f6c9a1d20";
  const TENANT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
  const CHANNEL = "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2";
  const SECRET = "arn:aws:secretsmanager:ap-northeast-1:123456789012:secret:pagerduty-AbCdEf";
  const KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab";
  const policy = '{"Version":"2012-10-17","Statement":[]}';

  /** A compliant fixture of each type, as the components register them. */
  const fixtures = (): ResourceFixture[] => [
    {
      type: "aws:ssm/document:Document",
      name: "runbook",
      props: {
        name: "api-errors-runbook",
        content: "description: Post the timeline\nschemaVersion: '0.3'\nmainSteps: []\n",
        documentType: "Automation",
        documentFormat: "YAML",
      },
    },
    {
      type: "aws-native:ssm:Document",
      name: "template",
      props: {
        name: "sre-analysis",
        content: { sections: [] },
        documentType: "ProblemAnalysisTemplate",
        documentFormat: "JSON",
      },
    },
    {
      type: "aws:secretsmanager/secret:Secret",
      name: "pagerduty",
      props: { name: "pagerduty", kmsKeyId: KEY, replicas: [{ region: "ap-northeast-2" }] },
    },
    {
      type: "aws-native:secretsmanager:Secret",
      name: "pagerduty-native",
      props: { name: "pagerduty", kmsKeyId: KEY, secretString: '{"pagerDutyToken":"x"}' },
    },
    {
      type: "aws:secretsmanager/secretVersion:SecretVersion",
      name: "pagerduty-version",
      props: { secretId: SECRET, secretString: '{"pagerDutyToken":"y_NbAkKc66ryYEXAMPLE"}' },
    },
    {
      type: "aws:secretsmanager/secretPolicy:SecretPolicy",
      name: "pagerduty-policy",
      props: { secretArn: SECRET, policy },
    },
    {
      type: "aws:kms/replicaKey:ReplicaKey",
      name: "pagerduty-key-replica",
      props: { primaryKeyArn: KEY, region: "ap-northeast-2", policy },
    },
    { type: "aws:sns/topic:Topic", name: "chat", props: { name: "api-errors-chat" } },
    { type: "aws-native:sns:Topic", name: "chat-native", props: { topicName: "api-errors-chat" } },
    { type: "aws:sns/topicPolicy:TopicPolicy", name: "chat-policy", props: { arn: TOPIC, policy } },
    {
      type: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
      name: "slack",
      props: {
        configurationName: "api-errors",
        iamRoleArn: ROLE,
        slackTeamId: "T07EA123LEP",
        slackChannelId: "C07EZ1ABC23",
        snsTopicArns: [TOPIC],
        loggingLevel: "ERROR",
      },
    },
    {
      type: "aws-native:chatbot:SlackChannelConfiguration",
      name: "slack-native",
      props: {
        configurationName: "api-errors",
        iamRoleArn: ROLE,
        slackWorkspaceId: "T07EA123LEP",
        slackChannelId: "C07EZ1ABC23",
        snsTopicArns: [TOPIC],
      },
    },
    {
      type: "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration",
      name: "teams",
      props: {
        configurationName: "api-errors",
        iamRoleArn: ROLE,
        teamId: TEAM,
        tenantId: TENANT,
        channelId: CHANNEL,
        snsTopicArns: [TOPIC],
      },
    },
    {
      type: "aws-native:chatbot:MicrosoftTeamsChannelConfiguration",
      name: "teams-native",
      props: {
        configurationName: "api-errors",
        iamRoleArn: ROLE,
        teamId: TEAM,
        teamsTenantId: TENANT,
        teamsChannelId: CHANNEL,
        snsTopicArns: [TOPIC],
      },
    },
  ];

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const refused = async (name: string, edit: (p: Record<string, any>) => void) =>
    messages(await runResource(rule, pick(mutate(fixtures(), name, edit), name)));

  it("Compliance: every fixture of both flavours", async () => {
    for (const fixture of fixtures()) {
      assert.deepEqual(messages(await runResource(rule, fixture)), [], fixture.name);
    }
  });

  it("Noncompliance 1: a document name with a space, and an unknown document type (classic: ssm CreateDocument)", async () => {
    assert.deepEqual(
      await refused("runbook", (p) => {
        p.name = "api errors";
        p.documentType = "Runbook";
      }),
      [
        'ssm:CreateDocument `DocumentType` must be one of Command, Policy, Automation, Session, Package, ApplicationConfiguration, ApplicationConfigurationSchema, DeploymentStrategy, ChangeCalendar, Automation.ChangeTemplate, ProblemAnalysis, ProblemAnalysisTemplate, CloudFormation, ConformancePackTemplate, QuickSetup, ManualApprovalPolicy, AutoApprovalPolicy; got "Runbook" (AWS: The type of document to create. The DeploymentStrategy document type is an internal-use-only document type reserved for AppConfig.).',
        'ssm:CreateDocument `Name` must match AWS\'s pattern ^[a-zA-Z0-9_\\-.]{3,128}$; got "api errors".',
      ],
    );
  });

  it("Noncompliance 2: a version name with a space (aws-native: AWS::SSM::Document)", async () => {
    assert.deepEqual(await refused("template", (p) => (p.versionName = "first draft")), [
      'AWS::SSM::Document `VersionName` must match AWS\'s pattern ^[a-zA-Z0-9_\\-.]{1,128}$; got "first draft".',
    ]);
  });

  it("Noncompliance 3: a secret name over 512 characters (classic) and a description over 2048 (aws-native)", async () => {
    assert.deepEqual(await refused("pagerduty", (p) => (p.name = "p".repeat(513))), [
      'secretsmanager:CreateSecret `Name` must be at most 512 characters long (got 513); got "pppppppppppppppppppppppppppppppppppppppp...ppppppppppppppppppppppppppppppppppppp".',
    ]);
    assert.deepEqual(await refused("pagerduty-native", (p) => (p.description = "d".repeat(2049))), [
      'AWS::SecretsManager::Secret `Description` must be at most 2048 characters long (got 2049); got "dddddddddddddddddddddddddddddddddddddddd...ddddddddddddddddddddddddddddddddddddd".',
    ]);
  });

  it("Noncompliance 4: a secret value over 64 KiB, shown only as its length (classic SecretVersion)", async () => {
    const token = `{"pagerDutyToken":"${"y".repeat(65536)}"}`;
    const out = await refused("pagerduty-version", (p) => (p.secretString = token));
    assert.deepEqual(out, [
      'secretsmanager:PutSecretValue `SecretString` must be at most 65536 characters long (got 65557); got "****************************************...*************************************".',
    ]);
    assert.ok(!out.join("").includes("yyyy"), "the value is shown");
  });

  it("Noncompliance 5: a secret policy's and a replica key's required members (classic)", async () => {
    assert.deepEqual(await refused("pagerduty-policy", (p) => delete p.secretArn), [
      "secretsmanager:PutResourcePolicy `SecretId` is required; got nothing.",
    ]);
    assert.deepEqual(await refused("pagerduty-key-replica", (p) => (p.region = "Tokyo")), [
      'kms:ReplicateKey `ReplicaRegion` must match AWS\'s pattern ^([a-z]+-){2,3}\\d+$; got "Tokyo".',
    ]);
  });

  it("Noncompliance 6: a topic tag key over 128 characters (classic) and a topic name over 256 (aws-native)", async () => {
    assert.deepEqual(await refused("chat", (p) => (p.tags = { ["k".repeat(129)]: "v" })), [
      'sns:CreateTopic `Tags[0].Key` must be at most 128 characters long (got 129); got "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk" (AWS: The required key portion of the tag.).',
    ]);
    assert.deepEqual(await refused("chat-native", (p) => (p.topicName = "t".repeat(257))), [
      'AWS::SNS::Topic `TopicName` must be at most 256 characters long (got 257); got "tttttttttttttttttttttttttttttttttttttttt...ttttttttttttttttttttttttttttttttttttt".',
    ]);
    assert.deepEqual(await refused("chat-policy", (p) => (p.arn = 42)), [
      "sns:SetTopicAttributes `TopicArn` must be a string; got 42 (AWS: The ARN of the topic to modify.).",
    ]);
  });

  it("Noncompliance 7: Slack ids of the wrong shape and an unknown logging level (both flavours)", async () => {
    assert.deepEqual(
      await refused("slack", (p) => {
        p.slackTeamId = "t07ea123lep";
        p.loggingLevel = "DEBUG";
      }),
      [
        'chatbot:CreateSlackChannelConfiguration `LoggingLevel` must match AWS\'s pattern (ERROR|INFO|NONE); got "DEBUG" (AWS: Logging levels include ERROR, INFO, or NONE.).',
        'chatbot:CreateSlackChannelConfiguration `SlackTeamId` must match AWS\'s pattern [0-9A-Z]{1,255}; got "t07ea123lep" (AWS: The ID of the Slack workspace authorized with AWS Chatbot.).',
      ],
    );
    assert.deepEqual(await refused("slack-native", (p) => (p.slackChannelId = "#incidents")), [
      'AWS::Chatbot::SlackChannelConfiguration `SlackChannelId` must match AWS\'s pattern ^[A-Za-z0-9]+$; got "#incidents".',
    ]);
  });

  it("Noncompliance 8: a Teams channel id not URL-encoded, and a tenant id that is not a UUID (both flavours)", async () => {
    // An id with an `@` reads as an email address, so the message masks it like one.
    assert.deepEqual(
      await refused(
        "teams",
        (p) => (p.channelId = "19:b6ef35dc342d56ba5654e6fc6d25a071@thread.tacv2"),
      ),
      [
        'chatbot:CreateMicrosoftTeamsChannelConfiguration `ChannelId` must match AWS\'s pattern ([a-zA-Z0-9-_=+\\/.,])*%3[aA]([a-zA-Z0-9-_=+\\/.,])*%40([a-zA-Z0-9-_=+\\/.,])*; got "1**********************************@thread.tacv2" (AWS: The ID of the Microsoft Teams channel.).',
      ],
    );
    assert.deepEqual(await refused("teams-native", (p) => (p.teamsTenantId = "contoso")), [
      'AWS::Chatbot::MicrosoftTeamsChannelConfiguration `TeamsTenantId` must be at least 36 characters long; got "contoso".',
      'AWS::Chatbot::MicrosoftTeamsChannelConfiguration `TeamsTenantId` must match AWS\'s pattern ^[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$; got "contoso".',
    ]);
  });
});
