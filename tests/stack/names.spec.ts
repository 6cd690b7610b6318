/**
 * Names AWS keeps unique across the whole stack, and child names Pulumi keeps unique, checked
 * across the spec's entries before anything registers: one issue per repeat, at its config path.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Capture, installCapture, reset, settle } from "../../testing";

const ROOT = path.join(__dirname, "..", "..");
const HEAD = "Stack config 'incident-manager:spec'";

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The reference scenario's spec, from Pulumi.dev.yaml. */
function referenceSpec(): Loose {
  const file = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as Loose;
  return structuredClone(file.config["incident-manager:spec"]);
}

/** The reference team under another name, its aliases prefixed. */
function otherTeam(spec: Loose, name: string, prefix: string): Loose {
  const team = structuredClone(spec.teams[0]);
  team.name = name;
  for (const m of team.members) m.alias = `${prefix}${m.alias}`;
  team.rotations[0].members = team.rotations[0].members.map((a: string) => `${prefix}${a}`);
  team.rotations[0].name = `${name.replace(/-/g, "_")}_weekdays`;
  return team;
}

/** The reference response plan under another name, with its own alarm name. */
function otherPlan(spec: Loose, name: string, alarm: string): Loose {
  const plan = structuredClone(spec.responsePlans[0]);
  plan.name = name;
  plan.alarms[0].name = alarm;
  return plan;
}

describe("stack/spec: names unique across the stack", () => {
  let capture: Capture;
  let stack: typeof import("../../stack/spec");

  before(async () => {
    capture = await installCapture();
    stack = await import("../../stack/spec");
  });
  beforeEach(() => reset(capture));

  /** buildStack throws exactly `lines` (one issue each) and registers nothing. */
  async function rejects(spec: unknown, lines: readonly string[]): Promise<void> {
    assert.throws(
      () => stack.buildStack(spec),
      (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message,
          lines.length === 1
            ? `${HEAD}: ${lines[0]}`
            : [`${HEAD} has ${lines.length} invalid inputs:`, ...lines.map((l) => `  - ${l}`)].join(
                "\n",
              ),
        );
        return true;
      },
    );
    await settle();
    assert.deepEqual(capture.resources, []);
  }

  it("builds two teams, chains and plans whose names differ", async () => {
    const spec = referenceSpec();
    spec.teams.push(otherTeam(spec, "night", "n-"));
    spec.responsePlans.push(otherPlan(spec, "night-response-plan", "night-alarm"));
    stack.buildStack(spec);
    await settle();
    assert.deepEqual(capture.errors, []);
    assert.equal(capture.resources.length, 20 + 12 + 3);
    assert.deepEqual(capture.warnings, []);
  });

  it("Noncompliance 1: one member alias in two teams", async () => {
    const spec = referenceSpec();
    const night = otherTeam(spec, "night", "n-");
    night.members[1].alias = "taro";
    night.rotations[0].members[1] = "taro";
    spec.teams.push(night);
    await rejects(spec, [
      '`incident-manager:spec.teams[1].members[1].alias` repeats the contact alias of `teams[0].members[0].alias` ("taro"); contacts, escalation plans and on-call schedules share one alias namespace in an account and region, so AWS refuses the second. Pick another alias.',
    ]);
  });

  it("Noncompliance 2: an escalation alias equal to a team's schedule alias, and to a member's", async () => {
    const spec = referenceSpec();
    spec.escalations[0].alias = "emergency-oncall";
    const second = structuredClone(spec.escalations[0]);
    second.name = "second-escalation";
    second.alias = "saburo";
    spec.escalations.push(second);
    await rejects(spec, [
      '`incident-manager:spec.escalations[0].alias` repeats the contact alias of `teams[0].schedule.alias` ("emergency-oncall"); contacts, escalation plans and on-call schedules share one alias namespace in an account and region, so AWS refuses the second. Pick another alias.',
      '`incident-manager:spec.escalations[1].alias` repeats the contact alias of `teams[0].members[2].alias` ("saburo"); contacts, escalation plans and on-call schedules share one alias namespace in an account and region, so AWS refuses the second. Pick another alias.',
    ]);
  });

  it("Noncompliance 3: two response plans with one responsePlanName", async () => {
    const spec = referenceSpec();
    const second = otherPlan(spec, "second", "second-alarm");
    second.responsePlanName = "emergency-response-plan";
    spec.responsePlans.push(second);
    await rejects(spec, [
      '`incident-manager:spec.responsePlans[1].responsePlanName` gives the response plan name of `responsePlans[0].name` ("emergency-response-plan") again; a response plan\'s name is unique in an account (its ARN is arn:aws:ssm-incidents::<account>:response-plan/<name>), so AWS refuses the second. Set a distinct `responsePlanName`.',
    ]);
  });

  it("Noncompliance 4: one alarm name in two plans (metric and composite share it); another region is fine", async () => {
    const spec = referenceSpec();
    const second = otherPlan(spec, "second", "emergency-alarm");
    second.alarms[0].name = "other-alarm";
    second.compositeAlarms = [{ name: "emergency-alarm", alarmRule: 'ALARM("other-alarm")' }];
    const third = otherPlan(spec, "third", "emergency-alarm");
    third.alarms[0].region = "ap-northeast-2";
    spec.responsePlans.push(second, third);
    await rejects(spec, [
      "`incident-manager:spec.responsePlans[1].compositeAlarms[0].name` repeats the alarm name of `responsePlans[0].alarms[0].name` in the same region (ap-northeast-1: emergency-alarm); CloudWatch alarm names are unique in an account and region across metric and composite alarms, and putting a taken name overwrites that alarm. Rename one of them.",
    ]);
  });

  it("Noncompliance 5: one EventBridge rule name in two plans", async () => {
    const spec = referenceSpec();
    const pattern = { source: ["aws.health"] };
    spec.responsePlans[0].events = [{ name: "health", eventPattern: pattern }];
    const second = otherPlan(spec, "second", "second-alarm");
    second.events = [{ name: "health", eventPattern: pattern }];
    spec.responsePlans.push(second);
    await rejects(spec, [
      '`incident-manager:spec.responsePlans[1].events[0].name` repeats the EventBridge rule name of `responsePlans[0].events[0].name` on the same event bus (the default bus of ap-northeast-1: "health"); PutRule on a taken name replaces that rule. Rename one of them.',
    ]);
  });

  it("Noncompliance 6: team `sre` member `taro-x` and team `sre-taro` member `x` name the same children", async () => {
    const spec = referenceSpec();
    const sre = otherTeam(spec, "sre", "");
    sre.members[0].alias = "taro-x";
    sre.rotations[0].members[0] = "taro-x";
    const sreTaro = otherTeam(spec, "sre-taro", "st-");
    sreTaro.members[0].alias = "x";
    sreTaro.rotations[0].members[0] = "x";
    await rejects({ setup: spec.setup, teams: [sre, sreTaro] }, [
      '`incident-manager:spec.teams[1].members[0].alias` gives a child the name "sre-taro-x" that `teams[0].members[0].alias` gives one of the same type; Pulumi refuses two resources with one name and type under parents of one type. Rename an entry, an alias or a channel.',
      '`incident-manager:spec.teams[1].members[0].channels[0]` gives a child the name "sre-taro-x-voice" that `teams[0].members[0].channels[0]` gives one of the same type; Pulumi refuses two resources with one name and type under parents of one type. Rename an entry, an alias or a channel.',
      '`incident-manager:spec.teams[1].members[0].alias` gives a child the name "sre-taro-x-plan" that `teams[0].members[0].alias` gives one of the same type; Pulumi refuses two resources with one name and type under parents of one type. Rename an entry, an alias or a channel.',
    ]);
  });

  it("warns, and builds, when two teams repeat a rotation name: AWS's text does not settle it", async () => {
    const spec = referenceSpec();
    const night = otherTeam(spec, "night", "n-");
    night.rotations[0].name = "weekdays";
    spec.teams.push(night);
    const expected = [
      '`incident-manager:spec.teams[1].rotations[0].name` repeats the rotation name "weekdays" of `incident-manager:spec.teams[0].rotations[0].name`. AWS\'s documentation does not say whether rotation names are unique in an account; if they are, the second rotation fails to create. Prefer distinct rotation names.',
    ];
    assert.deepEqual(stack.specAdvisories(spec), expected);
    stack.buildStack(spec);
    await settle();
    assert.deepEqual(capture.warnings, expected);
    assert.deepEqual(capture.errors, []);
  });
});
