/**
 * ResponsePlanWithAlarms with a chat channel it creates (SNS topics, an AWS Chatbot Slack or Teams
 * configuration and its role) and a runbook given as content (an SSM Automation document), under
 * the mocks: exactly what registers, with which inputs, every policy document exactly, and the
 * errors for ids and documents of the wrong shape.
 */
import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Capture, CapturedResource, installCapture, reset, settle, valueOf } from "../../testing";

type Plan = typeof import("../../components/responsePlanWithAlarms");
type Setup = typeof import("../../components/incidentManagerSetup");
type Validation = typeof import("../../components/validation");

const ACCOUNT = "123456789012";
const TARO = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact/taro`;
const SLACK = { workspaceId: "T07EA123LEP", channelId: "C07EZ1ABC23" };
const TEAMS = {
  teamId: "5f0a3c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b",
  channelId: "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2",
  tenantId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
};
const RUNBOOK_FILE = path.join(__dirname, "../../stack/runbooks/post-timeline-then-approve.yaml");
const APPROVER = `arn:aws:iam::${ACCOUNT}:role/incident-commander`;
/** What the seed runbook's steps need besides posting to the chat channel. */
const READ_TIMELINE = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "ReadTheTimeline",
      Effect: "Allow",
      Action: ["ssm-incidents:ListTimelineEvents", "ssm-incidents:GetTimelineEvent"],
      Resource: `arn:aws:ssm-incidents::${ACCOUNT}:incident-record/sev1/*`,
    },
  ],
};

/** The chat role's permissions for response plan `plan` (its documented least privilege). */
function chatPermissions(plan: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ChatCommandsOnThisResponsePlan",
        Effect: "Allow",
        Action: ["ssm-incidents:StartIncident", "ssm-incidents:GetResponsePlan"],
        Resource: `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/${plan}`,
      },
      {
        Sid: "ChatCommandsOnItsIncidents",
        Effect: "Allow",
        Action: [
          "ssm-incidents:GetIncidentRecord",
          "ssm-incidents:UpdateIncidentRecord",
          "ssm-incidents:ListTimelineEvents",
          "ssm-incidents:CreateTimelineEvent",
          "ssm-incidents:GetTimelineEvent",
          "ssm-incidents:UpdateTimelineEvent",
          "ssm-incidents:DeleteTimelineEvent",
          "ssm-incidents:ListRelatedItems",
          "ssm-incidents:UpdateRelatedItems",
        ],
        Resource: `arn:aws:ssm-incidents::${ACCOUNT}:incident-record/${plan}/*`,
      },
      {
        Sid: "ChatListingCommands",
        Effect: "Allow",
        Action: ["ssm-incidents:ListResponsePlans", "ssm-incidents:ListIncidentRecords"],
        Resource: "*",
      },
    ],
  };
}

/** The access policy AWS gives for a chat topic Incident Manager publishes to. */
function topicPolicy(topicArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "IncidentManagerSNSPublishingPermissions",
        Effect: "Allow",
        Principal: { Service: "ssm-incidents.amazonaws.com" },
        Action: "SNS:Publish",
        Resource: topicArn,
        Condition: { StringEqualsIfExists: { "AWS:SourceAccount": ACCOUNT } },
      },
    ],
  };
}

describe("ResponsePlanWithAlarms: chat channel and runbook as code", () => {
  let capture: Capture;
  let mod: Plan;
  let setupMod: Setup;
  let validation: Validation;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/responsePlanWithAlarms");
    setupMod = await import("../../components/incidentManagerSetup");
    validation = await import("../../components/validation");
  });
  beforeEach(() => reset(capture));

  const named = (type: string, name: string): CapturedResource => {
    const found = capture.resources.filter((r) => r.type === type && r.name === name);
    assert.equal(found.length, 1, `expected one ${type} ${name}, got ${found.length}`);
    return found[0];
  };
  const listed = () => capture.resources.map((r) => `${r.type}::${r.name}`).sort();
  const policyOf = (type: string, name: string, key = "policy") =>
    JSON.parse(named(type, name).inputs[key] as string) as unknown;
  /** The issues of the one ValidationError `build` throws, as "`path` message" lines. */
  const issuesOf = (build: () => unknown): string[] => {
    try {
      build();
    } catch (err) {
      assert.ok(validation.ValidationError.isValidationError(err), String(err));
      return err.issues.map((i) => `\`${validation.formatPath(i.path)}\` ${i.message}`);
    }
    assert.fail("expected a ValidationError");
  };

  describe("a Slack channel, with a setup in two regions", () => {
    let plan: InstanceType<Plan["ResponsePlanWithAlarms"]>;

    beforeEach(async () => {
      const setup = new setupMod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        tags: { team: "sre" },
      });
      plan = new mod.ResponsePlanWithAlarms("sev1", {
        setup,
        incident: { title: "API errors", impact: 2 },
        engagements: [{ arn: TARO }],
        chatChannel: { slack: SLACK, loggingLevel: "ERROR" },
      });
      await settle();
    });

    it("registers a topic and its policy per region, the role and the Slack configuration", () => {
      assert.deepEqual(
        listed(),
        [
          "incident-manager:index:IncidentManagerSetup::im",
          "aws-native:ssmincidents:ReplicationSet::im-replication-set",
          "incident-manager:index:ResponsePlanWithAlarms::sev1",
          "aws:sns/topic:Topic::sev1-chat-ap-northeast-1",
          "aws:sns/topic:Topic::sev1-chat-ap-northeast-2",
          "aws:sns/topicPolicy:TopicPolicy::sev1-chat-ap-northeast-1",
          "aws:sns/topicPolicy:TopicPolicy::sev1-chat-ap-northeast-2",
          "aws:iam/role:Role::sev1-chat",
          "aws:iam/rolePolicy:RolePolicy::sev1-chat",
          "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration::sev1-chat",
          "aws:ssmincidents/responsePlan:ResponsePlan::sev1-response-plan",
        ].sort(),
      );
      const component = named("incident-manager:index:ResponsePlanWithAlarms", "sev1");
      for (const r of capture.resources.filter((r) => r.type.startsWith("aws:"))) {
        assert.equal(r.parent, component.urn, r.name);
      }
    });

    it("puts a topic in each region, with the publishing statement AWS gives", () => {
      for (const region of ["ap-northeast-1", "ap-northeast-2"]) {
        const topic = named("aws:sns/topic:Topic", `sev1-chat-${region}`);
        assert.deepEqual(topic.inputs, { region, tags: { team: "sre" } });
        const policy = named("aws:sns/topicPolicy:TopicPolicy", `sev1-chat-${region}`);
        const arn = `arn:aws:sns:${region}:${ACCOUNT}:sev1-chat-${region}`;
        assert.equal(policy.inputs.region, region);
        assert.equal(policy.inputs.arn, arn);
        assert.deepEqual(
          policyOf("aws:sns/topicPolicy:TopicPolicy", `sev1-chat-${region}`),
          topicPolicy(arn),
        );
      }
    });

    it("gives the channel a role trusted by Chatbot and allowed only the chat commands on this plan", () => {
      const role = named("aws:iam/role:Role", "sev1-chat");
      assert.deepEqual(JSON.parse(role.inputs.assumeRolePolicy as string), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "ChatbotRunsTheChannelsCommands",
            Effect: "Allow",
            Principal: { Service: "chatbot.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      });
      assert.equal(named("aws:iam/rolePolicy:RolePolicy", "sev1-chat").inputs.role, "sev1-chat");
      assert.deepEqual(
        policyOf("aws:iam/rolePolicy:RolePolicy", "sev1-chat"),
        chatPermissions("sev1"),
      );
    });

    it("subscribes the Slack configuration to every topic, guarded by AWSIncidentManagerResolverAccess", async () => {
      const config = named(
        "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
        "sev1-chat",
      );
      assert.deepEqual(config.inputs, {
        configurationName: "sev1",
        iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/sev1-chat`,
        slackTeamId: "T07EA123LEP",
        slackChannelId: "C07EZ1ABC23",
        snsTopicArns: [
          `arn:aws:sns:ap-northeast-1:${ACCOUNT}:sev1-chat-ap-northeast-1`,
          `arn:aws:sns:ap-northeast-2:${ACCOUNT}:sev1-chat-ap-northeast-2`,
        ],
        guardrailPolicyArns: ["arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess"],
        loggingLevel: "ERROR",
        tags: { team: "sre" },
      });
      for (const dep of [
        named("aws:iam/rolePolicy:RolePolicy", "sev1-chat"),
        named("aws:sns/topicPolicy:TopicPolicy", "sev1-chat-ap-northeast-1"),
        named("aws:sns/topicPolicy:TopicPolicy", "sev1-chat-ap-northeast-2"),
      ]) {
        assert.ok(config.dependencies.includes(dep.urn), dep.name);
      }
      assert.equal(
        await valueOf(plan.chatConfigurationArn!),
        `arn:aws:chatbot::${ACCOUNT}:chat-configuration/slack-channel/sev1`,
      );
      assert.equal(await valueOf(plan.chatRoleArn!), `arn:aws:iam::${ACCOUNT}:role/sev1-chat`);
    });

    it("gives the response plan the topics, after their policies", async () => {
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "sev1-response-plan");
      const topics = [
        `arn:aws:sns:ap-northeast-1:${ACCOUNT}:sev1-chat-ap-northeast-1`,
        `arn:aws:sns:ap-northeast-2:${ACCOUNT}:sev1-chat-ap-northeast-2`,
      ];
      assert.deepEqual(rp.inputs.chatChannels, topics);
      assert.ok(
        rp.dependencies.includes(
          named("aws:sns/topicPolicy:TopicPolicy", "sev1-chat-ap-northeast-1").urn,
        ),
      );
      assert.deepEqual(await valueOf(plan.chatTopicArns!), topics);
      assert.equal(plan.runbookDocumentArn, undefined);
    });
  });

  it("creates a Teams configuration, with one topic in the provider's region without a setup", async () => {
    const plan = new mod.ResponsePlanWithAlarms("sev2", {
      responsePlanName: "api-errors",
      incident: { title: "API errors", impact: 3 },
      engagements: [{ arn: TARO }],
      chatChannel: { teams: TEAMS, configurationName: "api-errors-teams" },
    });
    await settle();
    assert.deepEqual(
      listed(),
      [
        "incident-manager:index:ResponsePlanWithAlarms::sev2",
        "aws:sns/topic:Topic::sev2-chat",
        "aws:sns/topicPolicy:TopicPolicy::sev2-chat",
        "aws:iam/role:Role::sev2-chat",
        "aws:iam/rolePolicy:RolePolicy::sev2-chat",
        "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration::sev2-chat",
        "aws:ssmincidents/responsePlan:ResponsePlan::sev2-response-plan",
      ].sort(),
    );
    const topic = `arn:aws:sns:ap-northeast-1:${ACCOUNT}:sev2-chat`;
    assert.deepEqual(named("aws:sns/topic:Topic", "sev2-chat").inputs, {});
    assert.deepEqual(policyOf("aws:sns/topicPolicy:TopicPolicy", "sev2-chat"), topicPolicy(topic));
    assert.deepEqual(
      named("aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration", "sev2-chat").inputs,
      {
        configurationName: "api-errors-teams",
        iamRoleArn: `arn:aws:iam::${ACCOUNT}:role/sev2-chat`,
        teamId: TEAMS.teamId,
        channelId: TEAMS.channelId,
        tenantId: TEAMS.tenantId,
        snsTopicArns: [topic],
        guardrailPolicyArns: ["arn:aws:iam::aws:policy/AWSIncidentManagerResolverAccess"],
      },
    );
    assert.deepEqual(
      policyOf("aws:iam/rolePolicy:RolePolicy", "sev2-chat"),
      chatPermissions("api-errors"),
    );
    assert.deepEqual(await valueOf(plan.chatTopicArns!), [topic]);
  });

  describe("chat ids of the wrong shape", () => {
    const build =
      (chatChannel: unknown, extra: Record<string, unknown> = {}) =>
      () =>
        new mod.ResponsePlanWithAlarms("p", {
          incident: { title: "t", impact: 2 },
          engagements: [{ arn: TARO }],
          chatChannel: chatChannel as never,
          ...extra,
        });

    it("names each Slack id that breaks Chatbot's pattern, before anything registers", () => {
      assert.deepEqual(
        issuesOf(build({ slack: { workspaceId: "t07ea123lep", channelId: "#incidents" } })),
        [
          '`chatChannel.slack.workspaceId` must be a Slack workspace id such as T07EA123LEP: 1-255 characters matching [0-9A-Z]{1,255} (chatbot CreateSlackChannelConfiguration SlackTeamId); got "t07ea123lep". Copy the workspace id from the Chatbot console\'s configured Slack client (the workspace must be authorised there first).',
          "`chatChannel.slack.channelId` must be a Slack channel id such as C07EZ1ABC23: 1-255 characters matching [A-Za-z0-9]+ (chatbot CreateSlackChannelConfiguration SlackChannelId); got \"#incidents\". Copy the channel's link in Slack: the id is its last part (not the channel's name).",
        ],
      );
      assert.equal(capture.resources.length, 0);
    });

    it("names a Teams channel id that is not URL-encoded", () => {
      assert.deepEqual(
        issuesOf(build({ teams: { ...TEAMS, channelId: "19:b6ef35dc@thread.tacv2" } })),
        [
          "`chatChannel.teams.channelId` must be a Microsoft Teams channel id as URL-encoded in the channel's link, such as 19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2: 1-255 characters matching ([a-zA-Z0-9-_=+\\/.,])*%3[aA]([a-zA-Z0-9-_=+\\/.,])*%40([a-zA-Z0-9-_=+\\/.,])* (chatbot CreateMicrosoftTeamsChannelConfiguration ChannelId); got \"19:b6ef35dc@thread.tacv2\". Copy it from the channel's link, still URL-encoded.",
        ],
      );
    });

    it("wants exactly one of slack and teams, and one chat channel per plan", () => {
      assert.deepEqual(issuesOf(build({ slack: SLACK, teams: TEAMS })), [
        "`chatChannel` needs exactly one of `slack` ({ workspaceId, channelId }) and `teams` ({ teamId, channelId, tenantId }); got both.",
      ]);
      assert.deepEqual(
        issuesOf(
          build(
            { slack: SLACK },
            { chatChannelTopicArns: [`arn:aws:sns:ap-northeast-1:${ACCOUNT}:oncall`] },
          ),
        ),
        [
          "`chatChannel` is given with `chatChannelTopicArns`, but a response plan has one chat channel; got both. Keep `chatChannel` to have it created, or `chatChannelTopicArns` for an existing one.",
        ],
      );
    });

    it("refuses a default configuration name longer than Chatbot's 128", () => {
      const long = "p".repeat(129);
      assert.deepEqual(issuesOf(build({ slack: SLACK }, { responsePlanName: long })), [
        `\`chatChannel.configurationName\` is not set, so the channel configuration is named after the response plan, "${"p".repeat(80)}…" (129 characters), which is not 1-128 of [A-Za-z0-9-_]+ (chatbot CreateSlackChannelConfiguration ConfigurationName). Set \`chatChannel.configurationName\`.`,
      ]);
    });
  });

  describe("the seed runbook from its YAML file", () => {
    let plan: InstanceType<Plan["ResponsePlanWithAlarms"]>;

    beforeEach(async () => {
      const setup = new setupMod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
      });
      plan = new mod.ResponsePlanWithAlarms("sev1", {
        setup,
        incident: { title: "API errors", impact: 2 },
        engagements: [{ arn: TARO }],
        chatChannel: { slack: SLACK },
        runbook: {
          document: { file: RUNBOOK_FILE },
          automationPolicy: READ_TIMELINE,
          chatTopicParameter: "ChatTopicArn",
          dynamicParameters: { IncidentRecordArn: "INCIDENT_RECORD_ARN" },
          parameters: { Approvers: [APPROVER] },
        },
      });
      await settle();
    });

    it("creates the Automation document from the file's text, in the primary region", async () => {
      const doc = named("aws:ssm/document:Document", "sev1-runbook");
      assert.deepEqual(doc.inputs, {
        region: "ap-northeast-1",
        name: "sev1-runbook",
        documentType: "Automation",
        documentFormat: "YAML",
        content: readFileSync(RUNBOOK_FILE, "utf8"),
      });
      assert.equal(
        await valueOf(plan.runbookDocumentArn!),
        `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:document/sev1-runbook`,
      );
    });

    it("pins the plan to the version created and passes the role, the chat topic and the incident", () => {
      const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "sev1-response-plan");
      assert.deepEqual(rp.inputs.action, {
        ssmAutomations: [
          {
            documentName: "sev1-runbook",
            documentVersion: "1",
            roleArn: `arn:aws:iam::${ACCOUNT}:role/sev1-runbook`,
            parameters: [
              { name: "Approvers", values: [APPROVER] },
              {
                name: "AutomationAssumeRole",
                values: [`arn:aws:iam::${ACCOUNT}:role/sev1-automation`],
              },
              {
                name: "ChatTopicArn",
                values: [`arn:aws:sns:ap-northeast-1:${ACCOUNT}:sev1-chat-ap-northeast-1`],
              },
            ],
            dynamicParameters: { IncidentRecordArn: "INCIDENT_RECORD_ARN" },
          },
        ],
      });
    });

    it("lets the runbook role start only that version and pass only the automation role", () => {
      assert.deepEqual(policyOf("aws:iam/rolePolicy:RolePolicy", "sev1-runbook"), {
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "StartTheRunbook",
            Effect: "Allow",
            Action: "ssm:StartAutomationExecution",
            Resource: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:automation-definition/sev1-runbook:1`,
          },
          {
            Sid: "PassTheAutomationAssumeRole",
            Effect: "Allow",
            Action: "iam:PassRole",
            Resource: `arn:aws:iam::${ACCOUNT}:role/sev1-automation`,
            Condition: { StringEquals: { "iam:PassedToService": "ssm.amazonaws.com" } },
          },
        ],
      });
    });

    it("lets the automation role read the timeline and publish to the chat topic only", () => {
      assert.deepEqual(policyOf("aws:iam/rolePolicy:RolePolicy", "sev1-automation"), {
        ...READ_TIMELINE,
        Statement: [
          ...READ_TIMELINE.Statement,
          {
            Sid: "PostToTheChatChannel",
            Effect: "Allow",
            Action: "sns:Publish",
            Resource: `arn:aws:sns:ap-northeast-1:${ACCOUNT}:sev1-chat-ap-northeast-1`,
          },
        ],
      });
    });
  });

  it("stores a document given as an object as JSON when asked, under its own name", async () => {
    const content = {
      schemaVersion: "0.3",
      mainSteps: [{ name: "Wait", action: "aws:pause", inputs: {} }],
    };
    new mod.ResponsePlanWithAlarms("p", {
      incident: { title: "t", impact: 4 },
      engagements: [{ arn: TARO }],
      runbook: { documentName: "Triage-Api", document: { content, format: "JSON" } },
    });
    await settle();
    assert.deepEqual(named("aws:ssm/document:Document", "p-runbook").inputs, {
      name: "Triage-Api",
      documentType: "Automation",
      documentFormat: "JSON",
      content: JSON.stringify(content, null, 2),
    });
    const rp = named("aws:ssmincidents/responsePlan:ResponsePlan", "p-response-plan");
    assert.deepEqual(rp.inputs.action, {
      ssmAutomations: [
        {
          documentName: "Triage-Api",
          documentVersion: "1",
          roleArn: `arn:aws:iam::${ACCOUNT}:role/p-runbook`,
        },
      ],
    });
    // No assumeRole: the automation runs as the runbook role, which passes nothing.
    assert.deepEqual(policyOf("aws:iam/rolePolicy:RolePolicy", "p-runbook"), {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "StartTheRunbook",
          Effect: "Allow",
          Action: "ssm:StartAutomationExecution",
          Resource: `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:automation-definition/Triage-Api:1`,
        },
      ],
    });
  });

  it("stores a document given as text exactly as written", async () => {
    const text = readFileSync(RUNBOOK_FILE, "utf8");
    new mod.ResponsePlanWithAlarms("p", {
      incident: { title: "t", impact: 4 },
      engagements: [{ arn: TARO }],
      chatChannel: { slack: SLACK },
      runbook: {
        document: { text },
        automationRoleArn: APPROVER,
        chatTopicParameter: "ChatTopicArn",
        dynamicParameters: { IncidentRecordArn: "INCIDENT_RECORD_ARN" },
        parameters: { Approvers: [APPROVER] },
      },
    });
    await settle();
    const doc = named("aws:ssm/document:Document", "p-runbook");
    assert.equal(doc.inputs.content, text);
    assert.equal(doc.inputs.documentFormat, "YAML");
    // An existing automation role: no role is created for it, and the runbook role may pass it.
    assert.ok(!capture.resources.some((r) => r.name === "p-automation"));
    const statements = (
      policyOf("aws:iam/rolePolicy:RolePolicy", "p-runbook") as {
        Statement: { Sid: string; Resource: string }[];
      }
    ).Statement;
    assert.deepEqual(
      statements.map((st) => [st.Sid, st.Resource]),
      [
        [
          "StartTheRunbook",
          `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:automation-definition/p-runbook:1`,
        ],
        ["PassTheAutomationAssumeRole", APPROVER],
      ],
    );
  });

  it("names text that is not YAML", () => {
    assert.deepEqual(
      issuesOf(
        () =>
          new mod.ResponsePlanWithAlarms("p", {
            incident: { title: "t", impact: 2 },
            engagements: [{ arn: TARO }],
            runbook: { document: { text: "mainSteps: [" } },
          }),
      ),
      [
        "`runbook.document.text` is not valid YAML at line 2 (unexpected end of the stream within a flow collection); got the text given",
      ],
    );
  });

  describe("documents of the wrong shape", () => {
    const build = (runbook: Record<string, unknown>) => () =>
      new mod.ResponsePlanWithAlarms("p", {
        incident: { title: "t", impact: 2 },
        engagements: [{ arn: TARO }],
        runbook: runbook as never,
      });

    it("lists every broken rule of the document, with its path into the document", () => {
      const content = {
        schemaVersion: 0.3,
        parameters: {
          Incident: { type: "StringList" },
          Owner: { type: "String" },
        },
        mainSteps: [
          { name: "Post", action: "aws:executeAwsApi", inputs: {} },
          { name: "Post", action: "aws:Approve", inputs: {} },
          { name: "Later", action: "aws:waitForHuman", inputs: {} },
        ],
      };
      assert.deepEqual(
        issuesOf(
          build({
            document: { content },
            documentVersion: "2",
            dynamicParameters: { Incident: "INCIDENT_RECORD_ARN" },
            parameters: { Mode: ["fast"] },
          }),
        ),
        [
          '`runbook.documentVersion` cannot be set with `document`: the plan is pinned to the version the component creates; got "2". Leave it out.',
          '`runbook.document.content.schemaVersion` must be "0.3", the schema of Automation runbooks (Systems Manager user guide, schema features); got 0.3 (a number: quote it, schemaVersion: "0.3")',
          '`runbook.document.content.mainSteps[1].name` repeats the step name "Post", already used at `mainSteps[0].name`; a step\'s name must be unique across all step names in the document (Automation actions reference).',
          '`runbook.document.content.mainSteps[1].action` must be an Automation action such as aws:executeAwsApi, aws:approve or aws:pause (23 actions in the Systems Manager Automation actions reference); got "aws:Approve". Write aws:approve.',
          '`runbook.document.content.mainSteps[2].action` must be an Automation action such as aws:executeAwsApi, aws:approve or aws:pause (23 actions in the Systems Manager Automation actions reference); got "aws:waitForHuman"',
          '`runbook.parameters.Mode` passes the parameter "Mode", which the runbook document does not declare (its parameters: Incident, Owner); StartAutomationExecution fails with InvalidAutomationExecutionParametersException when the parameters "may not match the set of parameters permitted" (botocore 1.43, ssm). Declare it under the document\'s `parameters`, or stop passing it.',
          '`runbook.document.content.parameters.Incident.type` receives INCIDENT_RECORD_ARN, which Incident Manager assigns only to a parameter of type String ("If assigned to a parameter of any other type, the runbook fails to run": Incident Manager user guide, runbook parameters); got "StringList". Declare it as type: String.',
          '`runbook.document.content.parameters.Owner` has no `default` and the response plan passes no value for it, so the automation would start without a required parameter (ssm StartAutomationExecution: InvalidAutomationExecutionParametersException); got {"type":"String"}. Give it a default, or pass it in `runbook.parameters` or `runbook.dynamicParameters`.',
        ],
      );
      assert.equal(capture.resources.length, 0);
    });

    it("wants an assumeRole in the document when the component passes an automation role", () => {
      const content = {
        schemaVersion: "0.3",
        parameters: { AutomationAssumeRole: { type: "String" } },
        mainSteps: [{ name: "Wait", action: "aws:pause", inputs: {} }],
      };
      assert.deepEqual(issuesOf(build({ document: { content }, automationRoleArn: APPROVER })), [
        '`runbook.automationRoleArn` gives an automation role, passed as the AutomationAssumeRole parameter, but the runbook document has no `assumeRole`, so its steps would run as the runbook role instead; got a document without assumeRole. Add `assumeRole: "{{ AutomationAssumeRole }}"` to the document.',
      ]);
    });

    it("names a file that is missing, of another kind, or not YAML", () => {
      assert.match(
        issuesOf(build({ document: { file: "no/such/runbook.yaml" } }))[0],
        /^`runbook\.document\.file` names a file that cannot be read \(ENOENT\); got "no\/such\/runbook\.yaml", resolved to ".*no\/such\/runbook\.yaml"\. A relative path is relative to the program's working directory\.$/,
      );
      assert.deepEqual(issuesOf(build({ document: { file: "runbook.txt" } })), [
        '`runbook.document.file` must end in .yaml, .yml or .json (its extension says how it is parsed and stored); got "runbook.txt"',
      ]);
      assert.deepEqual(issuesOf(build({ document: { file: RUNBOOK_FILE, format: "JSON" } })), [
        `\`runbook.document.format\` says JSON, but the file "${RUNBOOK_FILE.length > 80 ? `${RUNBOOK_FILE.slice(0, 80)}…` : RUNBOOK_FILE}"${RUNBOOK_FILE.length > 80 ? ` (${RUNBOOK_FILE.length} characters)` : ""} is YAML by its extension; got "JSON". Leave \`format\` out, or rename the file.`,
      ]);
      assert.deepEqual(issuesOf(build({ document: { content: {}, file: RUNBOOK_FILE } })), [
        "`runbook.document` needs exactly one of `content` (the document as an object), `text` (its YAML or JSON text) and `file` (a YAML or JSON file); got `content` and `file`.",
      ]);
    });

    it("needs a document name without a document, and a chat channel for the chat topic", () => {
      assert.deepEqual(issuesOf(build({})), [
        "`runbook.documentName` is required: name the Automation document to run, or give its content in `document`; got nothing.",
      ]);
      assert.deepEqual(
        issuesOf(build({ documentName: "Restart-Web", chatTopicParameter: "Topic" })),
        [
          "`runbook.chatTopicParameter` passes the chat channel's topic to the runbook, but the component creates no chat channel; got \"Topic\". Add `chatChannel`, or pass an existing topic's ARN in `runbook.parameters`.",
        ],
      );
    });
  });

  it("ships a seed runbook that posts the timeline, then waits for approval", () => {
    const doc = yaml.load(readFileSync(RUNBOOK_FILE, "utf8"), { schema: yaml.JSON_SCHEMA }) as {
      mainSteps: { name: string; action: string; inputs: Record<string, unknown> }[];
    };
    assert.deepEqual(
      doc.mainSteps.map((s) => [s.name, s.action]),
      [
        ["PostTimeline", "aws:executeScript"],
        ["ApproveMitigation", "aws:approve"],
      ],
    );
    assert.equal(doc.mainSteps[1].inputs.NotificationArn, "{{ ChatTopicArn }}");
  });
});
