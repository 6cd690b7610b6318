import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Capture, CapturedResource, installCapture, reset, settle, valueOf } from "../../testing";
import { assertRejected } from "../support/rejects";

type Components = typeof import("../../components");
type TeamArgs = import("../../components").OnCallTeamArgs;

const ACCOUNT = "123456789012";
const SET_ARN = `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/40bd98f0-4110-2dee-b35e-b87006f9e172`;
const CONTACT = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact`;
const CHANNEL = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact-channel`;
const ROTATION = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:rotation/2f1b5a8e-8d4c-4b0a-9e64-0c2b0a3d7f11`;

/** The seed recipe's three people, each reached one way, each with a one-minute plan. */
function people(): TeamArgs["members"] {
  return [
    {
      alias: "taro",
      displayName: "Taro",
      channels: [{ type: "VOICE", name: "taro voice", address: "+819012345678" }],
      engagement: [{ channel: "taro voice", afterMinutes: 0, retryIntervalInMinutes: 0 }],
    },
    {
      alias: "jiro",
      displayName: "Jiro",
      channels: [{ type: "SMS", name: "jiro sms", address: "+819023456789" }],
      engagement: [{ channel: "jiro sms", afterMinutes: 0, retryIntervalInMinutes: 0 }],
    },
    {
      alias: "saburo",
      displayName: "Saburo",
      channels: [{ type: "EMAIL", name: "saburo email", address: "saburo@example.com" }],
      engagement: [{ channel: "saburo email", afterMinutes: 0, retryIntervalInMinutes: 0 }],
    },
  ];
}

describe("adopting existing resources", () => {
  let capture: Capture;
  let im: Components;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  const imports = () =>
    Object.fromEntries(
      capture.resources.filter((r) => r.importId !== undefined).map((r) => [r.name, r.importId]),
    );
  const named = (name: string): CapturedResource => {
    const found = capture.resources.filter((r) => r.name === name);
    assert.equal(found.length, 1, `expected one resource named ${name}, got ${found.length}`);
    return found[0];
  };
  const adoptingSetup = (extra: Record<string, unknown> = {}) =>
    new im.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
      replicationSetArn: SET_ARN,
      ...extra,
    });

  describe("IncidentManagerSetup", () => {
    it("imports the replication set by its ARN and keeps it protected", async () => {
      const setup = adoptingSetup({ deletionProtected: false });
      await settle();
      const set = named("im-replication-set");
      assert.equal(set.type, "aws-native:ssmincidents:ReplicationSet");
      assert.equal(set.importId, SET_ARN);
      assert.equal(set.protect, true);
      assert.deepEqual(set.inputs, {
        regions: [{ regionName: "ap-northeast-1" }, { regionName: "ap-northeast-2" }],
        deletionProtected: false,
      });
      assert.equal(await valueOf(setup.replicationSetArn), SET_ARN);
      assert.deepEqual(setup.adoptedAccount, { accountId: ACCOUNT, partition: "aws" });
      assert.deepEqual(imports(), { "im-replication-set": SET_ARN });
    });

    it("with manageReplicationSet: false registers no replication set and still serves the others", async () => {
      const setup = adoptingSetup({ manageReplicationSet: false });
      const team = new im.OnCallTeam("sre", { setup, members: people().slice(0, 1) });
      await settle();
      assert.equal(setup.replicationSet, undefined);
      assert.deepEqual(setup.dependency(), []);
      assert.equal(await valueOf(setup.replicationSetArn), SET_ARN);
      assert.equal(
        capture.resources.filter((r) => r.type.includes("ReplicationSet")).length,
        0,
        "no replication set registered",
      );
      // The team's children land in the primary region and wait for nothing.
      const contact = named("sre-taro");
      assert.equal(contact.inputs.region, "ap-northeast-1");
      assert.deepEqual(contact.dependencies, []);
      assert.deepEqual(await valueOf(team.contacts), { taro: `${CONTACT}/taro` });
    });

    it("fails the deployment when the stack runs in another account than the ARN's", async () => {
      const other = SET_ARN.replace(ACCOUNT, "210987654321");
      const setup = new im.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        replicationSetArn: other,
      });
      await assert.rejects(
        valueOf(setup.accountId),
        (err: Error) =>
          err.name === "ValidationError" &&
          err.message ===
            `IncidentManagerSetup 'im': \`replicationSetArn\` names the account 210987654321, but the stack's AWS credentials are for the account ${ACCOUNT}; got ${other}. Run the stack with credentials of 210987654321, or give that account's replication set.`,
      );
    });

    for (const [label, args, message] of [
      [
        "an ARN of another resource",
        { replicationSetArn: "arn:aws:ssm-incidents::123456789012:response-plan/x" },
        "IncidentManagerSetup 'im': `replicationSetArn` must be a replication set ARN such as arn:aws:ssm-incidents::123456789012:replication-set/40bd98f0-4110-2dee-b35e-b87006f9e172; got \"arn:aws:ssm-incidents::123456789012:response-plan/x\". Run `aws ssm-incidents list-replication-sets` to print it.",
      ],
      [
        "manageReplicationSet: false without an ARN",
        { manageReplicationSet: false },
        "IncidentManagerSetup 'im': `manageReplicationSet` is false, which only references an existing replication set, but `replicationSetArn` is not set; got false. Set `replicationSetArn` to the account's replication set ARN, or remove `manageReplicationSet`.",
      ],
      [
        "a created key for a replication set this stack does not manage",
        {
          replicationSetArn: SET_ARN,
          manageReplicationSet: false,
          regions: ["ap-northeast-1", "ap-northeast-2"],
          kms: { "ap-northeast-1": "create", "ap-northeast-2": "create" },
        },
        "IncidentManagerSetup 'im' has 2 invalid inputs:\n" +
          '  - `kms.ap-northeast-1` is "create", but `manageReplicationSet: false` registers no replication set for the key to encrypt; got "create". Give the existing key\'s ARN, as the replication set uses it (or remove `kms` if it uses AWS-owned keys).\n' +
          '  - `kms.ap-northeast-2` is "create", but `manageReplicationSet: false` registers no replication set for the key to encrypt; got "create". Give the existing key\'s ARN, as the replication set uses it (or remove `kms` if it uses AWS-owned keys).',
      ],
    ] as const) {
      it(`rejects ${label}`, () =>
        assertRejected(
          capture,
          () =>
            new im.IncidentManagerSetup("im", {
              regions: ["ap-northeast-1", "ap-northeast-2"],
              ...(args as object),
            }),
          message,
        ));
    }
  });

  describe("OnCallTeam", () => {
    const adoptedTeam = (setup: InstanceType<Components["IncidentManagerSetup"]>) =>
      new im.OnCallTeam("sre", {
        setup,
        members: people(),
        rotations: [
          {
            name: "weekdays",
            members: ["taro", "jiro"],
            startTime: "2026-01-05T09:00:00",
            timeZone: "Asia/Tokyo",
            recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
          },
        ],
        schedule: { alias: "sre-oncall" },
        adopt: {
          contacts: ["taro", "jiro", "sre-oncall"],
          channels: {
            taro: { "taro voice": `${CHANNEL}/taro/4f7c1c9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f` },
            jiro: { "jiro sms": `${CHANNEL}/jiro/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d` },
          },
          rotations: { weekdays: ROTATION },
        },
        inheritTags: false,
      });

    it("sets `import` on exactly the adopted children, with IDs derived from the aliases", async () => {
      const setup = adoptingSetup({ tags: { team: "sre" } });
      adoptedTeam(setup);
      await settle();
      assert.deepEqual(imports(), {
        "im-replication-set": SET_ARN,
        "sre-taro": `${CONTACT}/taro`,
        "sre-taro-taro voice": `${CHANNEL}/taro/4f7c1c9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f`,
        "sre-taro-plan": `${CONTACT}/taro`,
        "sre-jiro": `${CONTACT}/jiro`,
        "sre-jiro-jiro sms": `${CHANNEL}/jiro/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d`,
        "sre-jiro-plan": `${CONTACT}/jiro`,
        "sre-weekdays": ROTATION,
        "sre-schedule": `${CONTACT}/sre-oncall`,
      });
      // saburo is created: his contact, channel and plan carry no import ID.
      for (const child of ["sre-saburo", "sre-saburo-saburo email", "sre-saburo-plan"]) {
        assert.equal(named(child).importId, undefined, child);
      }
      // inheritTags: false describes the contacts with no tags, as they exist.
      assert.equal(named("sre-taro").inputs.tags, undefined);
      assert.equal(named("sre-schedule").inputs.tags, undefined);
      // A channel name with a space, as AWS allows.
      assert.equal(named("sre-taro-taro voice").inputs.name, "taro voice");
    });

    it("computes the IDs a created resource has, so leaving them in after the first up is harmless", async () => {
      // Once imported, the state holds each resource under the ID it was imported with; Pulumi
      // then treats `import` with that same ID like any other resource. The derived IDs must be
      // exactly the IDs the same resources carry when this package creates them.
      const created = new im.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
      });
      new im.OnCallTeam("sre", { setup: created, members: people(), adopt: {} });
      await settle();
      const createdIds = Object.fromEntries(capture.resources.map((r) => [r.name, r.id]));
      reset(capture);
      adoptedTeam(adoptingSetup());
      await settle();
      for (const name of ["sre-taro", "sre-taro-plan", "sre-jiro", "sre-jiro-plan"]) {
        assert.equal(named(name).importId, createdIds[name], name);
        assert.equal(named(name).id, named(name).importId, `${name} keeps its ID`);
      }
      // A second run computes the same IDs.
      const first = imports();
      reset(capture);
      adoptedTeam(adoptingSetup());
      await settle();
      assert.deepEqual(imports(), first);
    });

    it("without rotations registers no rotation and no schedule; members are still targets", async () => {
      const setup = adoptingSetup();
      const team = new im.OnCallTeam("emergency", { setup, members: people() });
      const chain = new im.EscalationChain("emergency-escalation", {
        setup,
        alias: "emergency-escalation-plan",
        displayName: "emergency-escalation-plan",
        stages: [
          { durationInMinutes: 5, targets: [{ target: team.member("taro") }] },
          { durationInMinutes: 5, targets: [{ target: team.member("jiro") }] },
          { durationInMinutes: 0, targets: [{ target: team.member("saburo") }] },
        ],
        allowInterruptiveFinalStage: true,
      });
      await settle();
      assert.equal(team.schedule, undefined);
      assert.equal(team.scheduleArn, undefined);
      assert.deepEqual(await valueOf(team.rotations), {});
      assert.deepEqual(
        capture.resources
          .filter((r) => r.type.includes("Rotation") || r.inputs.type === "ONCALL_SCHEDULE")
          .map((r) => r.name),
        [],
      );
      assert.deepEqual(
        chain
          .timeline(new Date("2026-01-05T00:00:00Z"))
          .map((e) => `${e.offsetMinutes} ${e.contact} ${e.channelType}`),
        ["0 taro VOICE", "5 jiro SMS", "10 saburo EMAIL"],
      );
    });

    it("registers no engagement plan for `engagement: []`", async () => {
      const members = people();
      new im.OnCallTeam("sre", { members: [{ ...members[0], engagement: [] }] });
      await settle();
      assert.deepEqual(
        capture.resources.filter((r) => r.type === "aws:ssmcontacts/plan:Plan").map((r) => r.name),
        [],
      );
      assert.equal(named("sre-taro").type, "aws:ssmcontacts/contact:Contact");
    });

    it("reports every broken rule when a required field is missing", async () => {
      await assertRejected(
        capture,
        () =>
          new im.OnCallTeam("sre", {
            members: [
              { displayName: "No alias", channels: [{ type: "EMAIL", address: "x@example.com" }] },
              {
                alias: "jiro",
                displayName: "Jiro",
                channels: [{ type: "SMS", address: "+8109023456789" }],
              },
            ],
            rotations: [
              {
                name: "a",
                members: ["jiro"],
                startTime: "2026-01-05T09:00:00",
                timeZone: "Asia/Tokyo",
                recurrence: { daily: ["09:00"] },
              },
              {
                name: "a",
                members: ["jiro"],
                startTime: "2026-01-05T09:00:00",
                timeZone: "Asia/Tokyo",
                recurrence: { daily: ["09:00"] },
              },
            ],
          } as unknown as TeamArgs),
        "OnCallTeam 'sre' has 3 invalid inputs:\n" +
          "  - `members[0].alias` is required (string)\n" +
          '  - `members[1].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+81******789". Drop the trunk 0 after the country code: write +81******789.\n' +
          '  - `rotations[1].name` repeats the rotation name "a", already used at `rotations[0].name`; rotation names are unique in a team.',
      );
    });

    it("rejects adoption IDs that name nothing of the team, or need a setup with an ARN", async () => {
      const setup = new im.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
      });
      await settle();
      reset(capture);
      await assertRejected(
        capture,
        () =>
          new im.OnCallTeam("sre", {
            setup,
            members: people().slice(0, 1),
            adopt: {
              contacts: ["taro"],
              channels: {
                taro: { voice: `${CHANNEL}/taro/x` },
                hanako: { sms: `${CHANNEL}/hanako/y` },
              },
              rotations: { nights: ROTATION },
            },
          }),
        "OnCallTeam 'sre' has 4 invalid inputs:\n" +
          '  - `adopt.channels.taro.voice` names no channel of taro; got "voice". Use a channel\'s name (taro voice), written as it exists in AWS.\n' +
          '  - `adopt.channels.hanako` names no member of this team; got "hanako". Use a member\'s alias (taro).\n' +
          '  - `adopt.rotations.nights` names no rotation of this team; got "nights". Use a rotation\'s name (none).\n' +
          "  - `adopt.contacts` needs `setup` with `replicationSetArn`, whose account and partition the contacts' import IDs are derived from; got a setup whose replicationSetArn is not known before deploying (a replication set this stack creates, or another resource's output). Pass the setup that adopts the account's replication set.",
      );
    });
  });

  describe("secret addresses", () => {
    it("checks, normalizes and keeps secret an address given as an Output", async () => {
      const team = new im.OnCallTeam("sre", {
        defaultCountry: "JP",
        members: [
          {
            alias: "taro",
            displayName: "Taro",
            channels: [{ type: "VOICE", address: pulumi.secret("090-1234-5678") }],
          },
        ],
      });
      await settle();
      const channel = named("sre-taro-voice");
      assert.deepEqual(channel.inputs.deliveryAddress, { simpleAddress: "+819012345678" });
      assert.deepEqual(channel.secretInputs, ["deliveryAddress"]);
      assert.deepEqual(channel.additionalSecretOutputs, ["deliveryAddress"]);
      // Until it resolves the address is shown as [secret], masked in the timeline.
      assert.deepEqual(
        team.member("taro").engagement.map((s) => s.address),
        ["[secret]"],
      );
    });

    it("fails with the same message form, the number masked, when the Output resolves to a bad one", async () => {
      const team = new im.OnCallTeam("sre", {
        members: [
          {
            alias: "taro",
            displayName: "Taro",
            channels: [{ type: "SMS", address: pulumi.secret("+8109012345678") }],
          },
        ],
      });
      await assert.rejects(valueOf(team.channels), (err: Error) =>
        err.message.endsWith(
          "OnCallTeam 'sre': `members[0].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got \"+81******678\". Drop the trunk 0 after the country code: write +81******678.",
        ),
      );
      await settle();
    });
  });

  describe("EscalationChain and ResponsePlanWithAlarms", () => {
    it("import the ESCALATION contact, its plan, the response plan, the alarm and the rule", async () => {
      const setup = adoptingSetup({ tags: { team: "emergency" } });
      const team = new im.OnCallTeam("emergency", { setup, members: people(), inheritTags: false });
      const chain = new im.EscalationChain("chain", {
        setup,
        alias: "emergency-escalation-plan",
        displayName: "emergency-escalation-plan",
        stages: [
          { durationInMinutes: 5, targets: [{ target: team.member("taro") }] },
          { durationInMinutes: 0, targets: [{ target: team.member("saburo") }] },
        ],
        adopt: true,
        inheritTags: false,
      });
      new im.ResponsePlanWithAlarms("emergency-response-plan", {
        setup,
        incident: { title: "Emergency Occurred", impact: 3 },
        engagements: [chain],
        alarms: [
          {
            name: "emergency-alarm",
            statistic: "Average",
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            period: 60,
            evaluationPeriods: 1,
            threshold: 90,
            comparisonOperator: "GreaterThanThreshold",
          },
          {
            name: "created-alarm",
            statistic: "Maximum",
            namespace: "AWS/EC2",
            metricName: "StatusCheckFailed",
            period: 60,
            evaluationPeriods: 1,
            threshold: 1,
            comparisonOperator: "GreaterThanOrEqualToThreshold",
          },
        ],
        events: [{ name: "guardduty", eventPattern: { source: ["aws.guardduty"] } }],
        adopt: { responsePlan: true, alarms: ["emergency-alarm"], rules: ["guardduty"] },
        inheritTags: false,
      });
      await settle();
      const ids = imports();
      assert.deepEqual(
        {
          contact: ids["chain-contact"],
          plan: ids["chain-plan"],
          responsePlan: ids["emergency-response-plan-response-plan"],
          alarm: ids["emergency-response-plan-alarm-emergency-alarm"],
          rule: ids["emergency-response-plan-rule-guardduty"],
        },
        {
          contact: `${CONTACT}/emergency-escalation-plan`,
          plan: `${CONTACT}/emergency-escalation-plan`,
          responsePlan: `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/emergency-response-plan`,
          alarm: "emergency-alarm",
          rule: "default/guardduty",
        },
      );
      assert.equal(named("emergency-response-plan-alarm-created-alarm").importId, undefined);
      assert.equal(
        capture.resources.filter(
          (r) => r.type === "aws:cloudwatch/eventTarget:EventTarget" && r.importId !== undefined,
        ).length,
        0,
      );
      for (const child of [
        "chain-contact",
        "emergency-response-plan-response-plan",
        "emergency-response-plan-alarm-emergency-alarm",
      ]) {
        assert.equal(named(child).inputs.tags, undefined, `${child} has no inherited tags`);
      }
    });

    it("reject adoption without a setup that names the account, and names they do not have", async () => {
      await assertRejected(
        capture,
        () =>
          new im.ResponsePlanWithAlarms("plan", {
            incident: { title: "t", impact: 3 },
            engagements: [{ arn: `${CONTACT}/taro` }],
            adopt: { responsePlan: true, alarms: ["nope"], rules: ["none"] },
          }),
        "ResponsePlanWithAlarms 'plan' has 3 invalid inputs:\n" +
          '  - `adopt.alarms[0]` names no alarm of this response plan; got "nope". Describe the existing alarm in `alarms` or `compositeAlarms` (none) as it exists.\n' +
          '  - `adopt.rules[0]` names no rule of this response plan; got "none". Describe the existing rule in `events` (none) as it exists.\n' +
          "  - `adopt.responsePlan` needs `setup` with `replicationSetArn`, whose account and partition the response plan's import ID is derived from; got no setup. Pass the setup that adopts the account's replication set.",
      );
      await assertRejected(
        capture,
        () =>
          new im.EscalationChain("chain", {
            alias: "x",
            displayName: "x",
            stages: [{ durationInMinutes: 0, targets: [{ target: { arn: `${CONTACT}/taro` } }] }],
            adopt: true,
          }),
        "EscalationChain 'chain': `adopt` needs `setup` with `replicationSetArn`, whose account and partition the contact's import ID is derived from; got no setup. Pass the setup that adopts the account's replication set.",
      );
    });
  });
});
