import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Capture, installCapture, reset, settle } from "../../testing";

const ROOT = path.join(__dirname, "..", "..");

/** The parts of the spec the tests change. */
interface Spec {
  setup?: unknown;
  teams: { members: { channels: { address: string }[] }[] }[];
  escalations: { stages: { targets: { target: string }[] }[] }[];
  responsePlans: { engagements: string[] }[];
}

/** The reference scenario's spec, from Pulumi.dev.yaml. */
function referenceSpec(): Spec {
  const file = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  return structuredClone(file.config["incident-manager:spec"]) as Spec;
}

describe("stack/spec", () => {
  let capture: Capture;
  let spec: typeof import("../../stack/spec");

  before(async () => {
    capture = await installCapture();
    spec = await import("../../stack/spec");
  });
  beforeEach(() => reset(capture));

  it("builds the reference scenario from Pulumi.dev.yaml", async () => {
    const built = spec.buildStack(referenceSpec());
    await settle();
    assert.deepEqual(Object.keys(built.teams), ["emergency"]);
    assert.deepEqual(Object.keys(built.escalations), ["emergency-escalation-plan"]);
    assert.deepEqual(Object.keys(built.responsePlans), ["emergency-response-plan"]);
    const names = capture.resources.map((r) => `${r.type} ${r.name}`).sort();
    assert.deepEqual(names, [
      "aws-native:ssmcontacts:Contact emergency-schedule",
      "aws-native:ssmcontacts:Rotation emergency-weekdays",
      "aws-native:ssmincidents:ReplicationSet incident-manager-replication-set",
      "aws:cloudwatch/metricAlarm:MetricAlarm emergency-response-plan-alarm-emergency-alarm",
      "aws:ssmcontacts/contact:Contact emergency-escalation-plan-contact",
      "aws:ssmcontacts/contact:Contact emergency-jiro",
      "aws:ssmcontacts/contact:Contact emergency-saburo",
      "aws:ssmcontacts/contact:Contact emergency-taro",
      "aws:ssmcontacts/contactChannel:ContactChannel emergency-jiro-sms",
      "aws:ssmcontacts/contactChannel:ContactChannel emergency-saburo-email",
      "aws:ssmcontacts/contactChannel:ContactChannel emergency-taro-voice",
      "aws:ssmcontacts/plan:Plan emergency-escalation-plan-plan",
      "aws:ssmcontacts/plan:Plan emergency-jiro-plan",
      "aws:ssmcontacts/plan:Plan emergency-saburo-plan",
      "aws:ssmcontacts/plan:Plan emergency-taro-plan",
      "aws:ssmincidents/responsePlan:ResponsePlan emergency-response-plan-response-plan",
      "incident-manager:index:EscalationChain emergency-escalation-plan",
      "incident-manager:index:IncidentManagerSetup incident-manager",
      "incident-manager:index:OnCallTeam emergency",
      "incident-manager:index:ResponsePlanWithAlarms emergency-response-plan",
    ]);
    const voice = capture.resources.find((r) => r.name === "emergency-taro-voice");
    assert.deepEqual(voice?.inputs.deliveryAddress, { simpleAddress: "+819012345678" });
    assert.deepEqual(voice?.secretInputs, ["deliveryAddress"]);
    const plan = capture.resources.find((r) => r.name === "emergency-escalation-plan-plan");
    assert.deepEqual(
      (plan?.inputs.stages as { durationInMinutes: number }[]).map((s) => s.durationInMinutes),
      [5, 5, 0],
    );
    const alarm = capture.resources.find((r) => r.type.includes("MetricAlarm"));
    assert.deepEqual(alarm?.inputs.alarmActions, [
      "arn:aws:ssm-incidents::123456789012:response-plan/emergency-response-plan",
    ]);
  });

  it("references are the built components' ARNs, carrying their dependencies", async () => {
    spec.buildStack(referenceSpec());
    await settle();
    const byName = (name: string) => capture.resources.find((r) => r.name === name)!;
    // The escalation plan engages the members' real ARNs, and waits for their contact, channel
    // and engagement plan: the references were made from the prepared team, not stand-ins.
    const plan = byName("emergency-escalation-plan-plan");
    const targets = (
      plan.inputs.stages as { targets: { contactTargetInfo?: { contactId: string } }[] }[]
    ).flatMap((s) => s.targets.map((t) => t.contactTargetInfo?.contactId));
    assert.deepEqual(targets, [
      byName("emergency-taro").state.arn,
      byName("emergency-jiro").state.arn,
      byName("emergency-saburo").state.arn,
    ]);
    for (const child of ["emergency-taro", "emergency-taro-voice", "emergency-taro-plan"]) {
      assert.ok(plan.dependencies.includes(byName(child).urn), `the plan waits for ${child}`);
    }
    // Every child of the stack waits for the replication set, through the setup's ARN.
    const set = byName("incident-manager-replication-set").urn;
    assert.ok(byName("emergency-taro").dependencies.includes(set));
    assert.ok(byName("emergency-response-plan-response-plan").dependencies.includes(set));
  });

  it("checks each entry once: the components are built from the specs prepared for them", async () => {
    /** A team entry whose first member counts the reads of its display name. */
    const counting = () => {
      const reads = { count: 0 };
      const entry = structuredClone(referenceSpec().teams[0]) as unknown as {
        members: Record<string, unknown>[];
      };
      const displayName = entry.members[0].displayName;
      Object.defineProperty(entry.members[0], "displayName", {
        enumerable: true,
        get: () => {
          reads.count++;
          return displayName;
        },
        set: () => undefined, // Validation writes checked values back; this one is unchanged.
      });
      return { entry, reads };
    };
    const inSpec = (entry: unknown) => {
      const whole = referenceSpec() as unknown as { teams: unknown[] };
      whole.teams[0] = entry;
      return whole;
    };
    const validated = counting();
    spec.validateSpec(inSpec(validated.entry));
    const built = counting();
    spec.buildStack(inSpec(built.entry));
    await settle();
    // Validation reads the field; building after it reads it no more: the team is built from the
    // spec prepared for it, not checked a second time.
    assert.ok(validated.reads.count > 0);
    assert.equal(built.reads.count, validated.reads.count);
    assert.ok(
      !fs.readFileSync(path.join(ROOT, "stack", "spec.ts"), "utf8").includes("PLACEHOLDER"),
    );
  });

  it("names the config path of every issue, and registers nothing", async () => {
    const bad = referenceSpec();
    bad.teams[0].members[0].channels[0].address = "+8109012345678";
    bad.escalations[0].stages[1].targets[0].target = "emergency/hanako";
    bad.escalations[0].stages[2].targets[0].target = "ops/saburo";
    bad.responsePlans[0].engagements = ["nope"];
    assert.throws(
      () => spec.buildStack(bad),
      (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message,
          [
            "Stack config 'incident-manager:spec' has 4 invalid inputs:",
            '  - `incident-manager:spec.teams[0].members[0].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+81******678". Drop the trunk 0 after the country code: write +81******678.',
            '  - `incident-manager:spec.escalations[0].stages[1].targets[0].target` names the member "hanako", who is not in team "emergency" (taro, jiro, saburo); got "emergency/hanako". Use a member\'s alias or `emergency/schedule`.',
            '  - `incident-manager:spec.escalations[0].stages[2].targets[0].target` names the team "ops", which is not in `teams` (emergency); got "ops/saburo". Use one of the teams\' names.',
            '  - `incident-manager:spec.responsePlans[0].engagements[0]` must be an escalation\'s name, "<team>/<member alias>", "<team>/schedule" or a contact ARN; got "nope"',
          ].join("\n"),
        );
        return true;
      },
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });

  it("reports a VOICE final stage with its config path before anything registers", async () => {
    const bad = referenceSpec();
    bad.escalations[0].stages[2].targets[0].target = "emergency/taro";
    const message =
      "Stack config 'incident-manager:spec': `incident-manager:spec.escalations[0].stages[2].targets[0].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got taro by VOICE. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.";
    assert.throws(
      () => spec.validateSpec(bad),
      (err: Error) => err.name === "ValidationError" && err.message === message,
    );
    assert.throws(
      () => spec.buildStack(bad),
      (err: Error) => err.name === "ValidationError" && err.message === message,
    );
    await settle();
    assert.equal(capture.resources.length, 0);
    assert.deepEqual(capture.warnings, []);
  });

  it("reports a final stage on a schedule whose members are reached by SMS, and registers nothing", async () => {
    const bad = referenceSpec();
    bad.escalations[0].stages[2].targets[0].target = "emergency/schedule";
    assert.throws(
      () => spec.buildStack(bad),
      (err: Error) =>
        err.message ===
        "Stack config 'incident-manager:spec': `incident-manager:spec.escalations[0].stages[2].targets[0].target` is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got emergency-oncall (on-call schedule) member taro by VOICE; jiro by SMS. Engage a contact whose engagement plan uses only EMAIL, or set `allowInterruptiveFinalStage: true`.",
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });

  it("reports a team whose default schedule alias is a member's, before anything registers", async () => {
    const bad = referenceSpec() as Spec & {
      teams: { members: { alias: string }[]; rotations: { members: string[] }[] }[];
    };
    bad.teams[0].members[2].alias = "emergency-oncall";
    bad.teams[0].rotations[0].members[2] = "emergency-oncall";
    bad.escalations[0].stages[2].targets[0].target = "emergency/emergency-oncall";
    assert.throws(
      () => spec.buildStack(bad),
      (err: Error) =>
        err.name === "ValidationError" &&
        err.message ===
          "Stack config 'incident-manager:spec': `incident-manager:spec.teams[0].schedule.alias` defaults to \"emergency-oncall\", which is also a member's alias. Set `schedule.alias` to another alias.",
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });

  it("builds a VOICE final stage with allowInterruptiveFinalStage, and warns", async () => {
    const spec2 = referenceSpec() as Spec & { escalations: Record<string, unknown>[] };
    spec2.escalations[0].stages[2].targets[0].target = "emergency/taro";
    spec2.escalations[0].allowInterruptiveFinalStage = true;
    spec.buildStack(spec2);
    await settle();
    assert.equal(capture.resources.length, 20);
    const plan = capture.resources.find((r) => r.name === "emergency-escalation-plan-plan");
    assert.equal(
      plan?.parent,
      "urn:pulumi:plan::incident-manager::incident-manager:index:EscalationChain::emergency-escalation-plan",
    );
    assert.deepEqual(capture.warnings, [
      "EscalationChain 'emergency-escalation-plan': the final stage reaches taro by VOICE (`stages[2].targets[0].target`); a late-night call or SMS as the last resort wakes people who are not responsible.",
    ]);
  });

  it("accepts two members of one team in one stage, and reports one engaged twice", async () => {
    const two = referenceSpec();
    two.escalations[0].stages[0].targets.push({ target: "emergency/jiro" });
    assert.doesNotThrow(() => spec.validateSpec(two));
    const twice = referenceSpec();
    twice.escalations[0].stages[0].targets.push({ target: "emergency/taro" });
    assert.throws(
      () => spec.buildStack(twice),
      (err: Error) =>
        err.message ===
        "Stack config 'incident-manager:spec': `incident-manager:spec.escalations[0].stages[0].targets[1].target` repeats the contact \"taro\", already used at `stages[0].targets[0]`; a stage engages each contact once. Remove the duplicate.",
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });

  it("rejects a spec without a setup, and repeated names", async () => {
    const bad = referenceSpec();
    delete bad.setup;
    bad.teams.push(structuredClone(bad.teams[0]));
    assert.throws(
      () => spec.buildStack(bad),
      /^ValidationError: Stack config 'incident-manager:spec': `incident-manager:spec.setup` must be the IncidentManagerSetup args; got nothing$/m,
    );
    const dup = referenceSpec();
    dup.teams.push(structuredClone(dup.teams[0]));
    assert.throws(
      () => spec.validateSpec(dup),
      (err: Error) =>
        err.message.includes(
          '`incident-manager:spec.teams[1].name` repeats the name "emergency", already used at `teams[0]`',
        ),
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });

  it("reports an unknown top-level key with the nearest one, and still checks the entries", async () => {
    const bad = referenceSpec() as unknown as Record<string, unknown> & Spec;
    bad.responsePlan = bad.responsePlans;
    delete (bad as { responsePlans?: unknown }).responsePlans;
    bad.teams[0].members[0].channels[0].address = "+8109012345678";
    assert.throws(
      () => spec.validateSpec(bad),
      (err: Error) =>
        err.message ===
        [
          "Stack config 'incident-manager:spec' has 2 invalid inputs:",
          "  - `incident-manager:spec` has unknown field `responsePlan`; check the spelling (did you mean `responsePlans`?)",
          '  - `incident-manager:spec.teams[0].members[0].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+81******678". Drop the trunk 0 after the country code: write +81******678.',
        ].join("\n"),
    );
    // A broken shape still carries the unknown key.
    assert.throws(
      () => spec.validateSpec({ setup: 5, teem: [] }),
      (err: Error) =>
        err.message ===
        [
          "Stack config 'incident-manager:spec' has 2 invalid inputs:",
          "  - `incident-manager:spec` has unknown field `teem`; check the spelling (did you mean `teams`?)",
          "  - `incident-manager:spec.setup` must be the IncidentManagerSetup args; got 5",
        ].join("\n"),
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });
});
