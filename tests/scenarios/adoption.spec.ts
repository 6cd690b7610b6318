import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { Capture, installCapture, reset, settle } from "../../testing";

const ACCOUNT = "123456789012";
const SET_ARN = `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/40bd98f0-4110-2dee-b35e-b87006f9e172`;
const CONTACT = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact`;
const CHANNEL = `arn:aws:ssm-contacts:ap-northeast-1:${ACCOUNT}:contact-channel`;
const CHANNEL_IDS = {
  taro: "4f7c1c9e-1a2b-4c3d-8e9f-0a1b2c3d4e5f",
  jiro: "5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d",
  saburo: "6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e",
};
/** A value `pulumi config set --secret` wrote: plan cannot decrypt it. */
const SECURE = { secure: "v1:PaWT1sD0Vd5eUIzM:QK2o3mJQ9vYt2vEs0lrK7g==" };

/**
 * The common CloudFormation recipe, written as the stack spec that adopts it: taro by VOICE, jiro
 * by SMS, saburo by EMAIL, each with one 1-minute stage and no retry; no rotations; the
 * escalation contact `emergency-escalation-plan` (5, 5 and 0 minutes, every target essential);
 * the response plan `emergency-response-plan` (impact 3, "Emergency Occurred") and its alarm.
 */
function adoptedSpec(taroAddress: unknown) {
  const person = (alias: string, type: string, address: unknown) => ({
    alias,
    displayName: alias,
    channels: [{ type, name: `${alias}-${type.toLowerCase()}`, address }],
    engagement: [{ channel: type, afterMinutes: 0, retryIntervalInMinutes: 0 }],
    lastStageMinutes: 1,
  });
  return {
    setup: {
      regions: ["ap-northeast-1", "ap-northeast-2"],
      replicationSetArn: SET_ARN,
      deletionProtected: false,
    },
    teams: [
      {
        name: "emergency",
        members: [
          person("taro", "VOICE", taroAddress),
          person("jiro", "SMS", "+819023456789"),
          person("saburo", "EMAIL", "saburo@example.com"),
        ],
        adopt: {
          contacts: ["taro", "jiro", "saburo"],
          channels: {
            taro: { "taro-voice": `${CHANNEL}/taro/${CHANNEL_IDS.taro}` },
            jiro: { "jiro-sms": `${CHANNEL}/jiro/${CHANNEL_IDS.jiro}` },
            saburo: { "saburo-email": `${CHANNEL}/saburo/${CHANNEL_IDS.saburo}` },
          },
        },
      },
    ],
    escalations: [
      {
        name: "emergency-escalation-plan",
        alias: "emergency-escalation-plan",
        displayName: "emergency-escalation-plan",
        stages: [
          { durationInMinutes: 5, targets: [{ target: "emergency/taro", isEssential: true }] },
          { durationInMinutes: 5, targets: [{ target: "emergency/jiro", isEssential: true }] },
          { durationInMinutes: 0, targets: [{ target: "emergency/saburo", isEssential: true }] },
        ],
        adopt: true,
      },
    ],
    responsePlans: [
      {
        name: "emergency-response-plan",
        incident: { title: "Emergency Occurred", impact: 3 },
        engagements: ["emergency-escalation-plan"],
        alarms: [
          {
            name: "emergency-alarm",
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            statistic: "Average",
            period: 300,
            evaluationPeriods: 1,
            threshold: 80,
            comparisonOperator: "GreaterThanThreshold",
          },
        ],
        adopt: { responsePlan: true, alarms: ["emergency-alarm"] },
      },
    ],
  };
}

describe("scenario: adopting the CloudFormation recipe through the config stack", () => {
  let capture: Capture;
  let stack: typeof import("../../stack/spec");
  let program: typeof import("../../plan/program");
  let saved: Record<string, string>;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-"));

  before(async () => {
    capture = await installCapture();
    stack = await import("../../stack/spec");
    program = await import("../../plan/program");
    saved = { ...pulumi.runtime.allConfig() };
  });
  beforeEach(() => reset(capture));
  after(() => {
    pulumi.runtime.setAllConfig(saved, []);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("gives every adopted child its import ID and creates only what has no AWS twin", async () => {
    stack.buildStack(adoptedSpec("+819012345678"));
    await settle();
    const imported = Object.fromEntries(
      capture.resources.filter((r) => r.importId !== undefined).map((r) => [r.name, r.importId]),
    );
    assert.deepEqual(imported, {
      "incident-manager-replication-set": SET_ARN,
      "emergency-taro": `${CONTACT}/taro`,
      "emergency-taro-taro-voice": `${CHANNEL}/taro/${CHANNEL_IDS.taro}`,
      "emergency-taro-plan": `${CONTACT}/taro`,
      "emergency-jiro": `${CONTACT}/jiro`,
      "emergency-jiro-jiro-sms": `${CHANNEL}/jiro/${CHANNEL_IDS.jiro}`,
      "emergency-jiro-plan": `${CONTACT}/jiro`,
      "emergency-saburo": `${CONTACT}/saburo`,
      "emergency-saburo-saburo-email": `${CHANNEL}/saburo/${CHANNEL_IDS.saburo}`,
      "emergency-saburo-plan": `${CONTACT}/saburo`,
      "emergency-escalation-plan-contact": `${CONTACT}/emergency-escalation-plan`,
      "emergency-escalation-plan-plan": `${CONTACT}/emergency-escalation-plan`,
      "emergency-response-plan-response-plan": `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/emergency-response-plan`,
      "emergency-response-plan-alarm-emergency-alarm": "emergency-alarm",
    });
    // Every custom resource is adopted: nothing new is created in the account.
    assert.deepEqual(
      capture.resources.filter((r) => r.custom && r.importId === undefined).map((r) => r.name),
      [],
    );
    // Described as they exist: one 1-minute stage, no retry; no schedule; no rotations.
    const plan = capture.resources.find((r) => r.name === "emergency-taro-plan")!;
    assert.deepEqual(plan.inputs.stages, [
      {
        durationInMinutes: 1,
        targets: [
          {
            channelTargetInfo: {
              contactChannelId: `${CHANNEL}/taro/${CHANNEL_IDS.taro}`,
              retryIntervalInMinutes: 0,
            },
          },
        ],
      },
    ]);
    const escalation = capture.resources.find((r) => r.name === "emergency-escalation-plan-plan")!;
    assert.deepEqual(
      (escalation.inputs.stages as { durationInMinutes: number }[]).map((s) => s.durationInMinutes),
      [5, 5, 0],
    );
  });

  it("refuses the schedule of a team without rotations, and adoption without replicationSetArn", async () => {
    const spec = adoptedSpec("+819012345678");
    delete (spec.setup as { replicationSetArn?: string }).replicationSetArn;
    spec.escalations[0].stages[0].targets[0].target = "emergency/schedule";
    assert.throws(
      () => stack.buildStack(spec),
      (err: Error) =>
        err.name === "ValidationError" &&
        err.message ===
          "Stack config 'incident-manager:spec' has 4 invalid inputs:\n" +
            "  - `incident-manager:spec.teams[0].adopt.contacts` needs `setup` with `replicationSetArn`, whose account and partition the contacts' import IDs are derived from; got a setup whose replicationSetArn is not known before deploying (a replication set this stack creates, or another resource's output). Pass the setup that adopts the account's replication set.\n" +
            '  - `incident-manager:spec.escalations[0].stages[0].targets[0].target` names the on-call schedule of team "emergency", which has no `rotations` and so no schedule; got "emergency/schedule". Add rotations to the team, or engage its members (`emergency/<member alias>`).\n' +
            "  - `incident-manager:spec.escalations[0].adopt` needs `setup` with `replicationSetArn`, whose account and partition the contact's import ID is derived from; got a setup whose replicationSetArn is not known before deploying (a replication set this stack creates, or another resource's output). Pass the setup that adopts the account's replication set.\n" +
            "  - `incident-manager:spec.responsePlans[0].adopt.responsePlan` needs `setup` with `replicationSetArn`, whose account and partition the response plan's import ID is derived from; got a setup whose replicationSetArn is not known before deploying (a replication set this stack creates, or another resource's output). Pass the setup that adopts the account's replication set.",
    );
    await settle();
    assert.deepEqual(capture.resources, []);
  });

  it("plan reads a secure address from Pulumi.<stack>.yaml as [secret] and keeps it secret", async () => {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: incident-manager\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
    fs.writeFileSync(
      path.join(dir, "Pulumi.adopt.yaml"),
      yaml.dump({ config: { "incident-manager:spec": adoptedSpec(SECURE) } }),
    );
    const loaded = program.loadProject({ projectDir: dir, stack: "adopt" });
    assert.deepEqual(loaded.secretKeys, ["incident-manager:spec"]);
    const read = JSON.parse(loaded.config["incident-manager:spec"]);
    assert.equal(read.teams[0].members[0].channels[0].address, "[secret]");
    assert.equal(read.teams[0].members[1].channels[0].address, "+819023456789");

    pulumi.runtime.setAllConfig(loaded.config, loaded.secretKeys);
    stack.buildStack(stack.readSpec());
    await settle();
    const channels = capture.resources.filter(
      (r) => r.type === "aws:ssmcontacts/contactChannel:ContactChannel",
    );
    assert.deepEqual(
      channels.map((c) => [c.name, c.secretInputs]),
      [
        ["emergency-taro-taro-voice", ["deliveryAddress"]],
        ["emergency-jiro-jiro-sms", ["deliveryAddress"]],
        ["emergency-saburo-saburo-email", ["deliveryAddress"]],
      ],
    );
    // The value plan cannot decrypt stays the [secret] placeholder, unchecked; the others are
    // checked, normalized, and secret all the same.
    assert.deepEqual(channels[0].inputs.deliveryAddress, { simpleAddress: "[secret]" });
    assert.deepEqual(channels[1].inputs.deliveryAddress, { simpleAddress: "+819023456789" });
  });
});
