/**
 * The seed scenario's on-call calendars, offline. plan runs TypeScript programs and stack specs,
 * not the YAML and Python seeds (they run through the component provider under the Pulumi CLI),
 * so the seeds' READMEs point at conformance/specs/chat-and-runbook.yaml, the same scenario as a
 * stack spec: this proves that spec is the seed's (team, rotation, chat channel, runbook) and that
 * `plan --spec ... --ics calendars/` writes its calendars.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as yaml from "js-yaml";
import { type PlanResult, ROOT, runPlan as plan } from "../support/plan";

const SPEC = path.join(ROOT, "conformance", "specs", "chat-and-runbook.yaml");

/* eslint-disable @typescript-eslint/no-explicit-any */
const load = (file: string): any => yaml.load(fs.readFileSync(path.join(ROOT, file), "utf8"));

describe("the seed scenario's calendars: plan --spec conformance/specs/chat-and-runbook.yaml --ics", function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-ics-"));
  const ics = path.join(dir, "calendars");
  let run: PlanResult;

  before(async () => {
    run = await plan([
      "--spec",
      SPEC,
      "--no-policies",
      "--at",
      "2026-06-01T00:00:00Z",
      "--ics",
      ics,
    ]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the spec is the YAML seed's team, rotation, chat channel and runbook", () => {
    const seed = load("examples/yaml-seed/Pulumi.yaml").resources;
    const spec = load("conformance/specs/chat-and-runbook.yaml").config["incident-manager:spec"];
    const team = spec.teams[0];
    assert.deepEqual(
      team.members.map((m: any) => [m.alias, m.displayName]),
      seed.team.properties.members.map((m: any) => [m.alias, m.displayName]),
    );
    assert.deepEqual(team.rotations, seed.team.properties.rotations);
    assert.deepEqual(spec.setup.regions, seed.setup.properties.regions);
    const plan = spec.responsePlans[0];
    const seedPlan = seed.responsePlan.properties;
    assert.deepEqual(plan.chatChannel.slack, {
      workspaceId: "T07EA123LEP",
      channelId: "C07EZ1ABC23",
    });
    assert.deepEqual(
      load("examples/yaml-seed/Pulumi.yaml").config.slackWorkspaceId.default,
      plan.chatChannel.slack.workspaceId,
    );
    assert.equal(plan.runbook.document.file, "stack/runbooks/post-timeline-then-approve.yaml");
    assert.equal(
      seedPlan.runbook.document.text["fn::readFile"],
      "../../stack/runbooks/post-timeline-then-approve.yaml",
    );
    assert.equal(plan.runbook.chatTopicParameter, seedPlan.runbook.chatTopicParameter);
  });

  it("writes the schedule's calendar and one per person, offline", () => {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stderr,
      `plan: wrote 1 schedule and 3 personal calendar(s), 28 days from 2026-06-01T00:00:00.000Z, to ${ics}\n`,
    );
    assert.deepEqual(fs.readdirSync(ics).sort(), [
      "person-hanako.ics",
      "person-jiro.ics",
      "person-taro.ics",
      "schedule-sre-oncall.ics",
    ]);
  });

  it("hands off every Monday at 09:00 in Tokyo (00:00 UTC), in the rotation's order", () => {
    const schedule = fs.readFileSync(path.join(ics, "schedule-sre-oncall.ics"), "utf8");
    const events = [...schedule.matchAll(/DTSTART:(\S+)\r?\n(?:.*\r?\n)*?SUMMARY:(.*)\r?\n/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    // 2026-04-06 starts with taro; eight weeks later (2026-06-01) it is jiro's turn.
    assert.deepEqual(events, [
      "20260601T000000Z Jiro Suzuki on call (primary)",
      "20260608T000000Z Taro Yamada on call (primary)",
      "20260615T000000Z Hanako Sato on call (primary)",
      "20260622T000000Z Jiro Suzuki on call (primary)",
    ]);
    assert.ok(!/\+81|090-|@example\.com/.test(schedule), "a phone number or email in the calendar");
  });
});
