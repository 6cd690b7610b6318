import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const PROJECT = path.join(__dirname, "fixtures", "raw-project");

describe("plan --program on a hand-written raw-resource project", function () {
  this.timeout(240_000);
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-raw-")), "raw.json");
  let stdout = "";
  let code: number | null = null;

  // One run: each plan run is a process of several seconds.
  before(async () => {
    const child = spawn(
      process.execPath,
      [
        path.join(ROOT, "bin", "incident-manager-plan"),
        "--program",
        PROJECT,
        "--at",
        "2026-11-03T01:00:00Z",
        "--json",
        json,
      ],
      { cwd: ROOT },
    );
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    code = await new Promise((resolve) => child.on("close", resolve));
  });

  /** The lines of the section titled `title`, up to the next section. */
  const section = (title: string) => {
    const lines = stdout.split("\n");
    const start = lines.indexOf(`== ${title} ==`);
    assert.ok(start >= 0, `section ${title}`);
    const end = lines.findIndex((l, i) => i > start && l.startsWith("== "));
    return lines.slice(start + 1, end).filter((l) => l !== "");
  };

  it("prints the raw escalation plan's timeline, not (no escalation chains)", () => {
    assert.equal(code, 0);
    assert.deepEqual(section("Paging timelines"), [
      "payments-escalation:",
      "t+0  stage 1  taro   VOICE  +81******001       on call in sre-oncall, resend after 5 min if sending fails",
      "t+5  stage 2  kenji  EMAIL  k****@example.com",
    ]);
  });

  it("prints the raw on-call schedule's coverage with its daily gap, not (no on-call teams)", () => {
    const lines = section("On-call coverage, next 7 days");
    assert.deepEqual(lines.slice(0, 5), [
      "sre-schedule (sre-oncall): covered 161.0 h, gaps 7.0 h",
      "  2026-11-03T01:00Z - 2026-11-03T11:00Z  taro",
      "  2026-11-03T11:00Z - 2026-11-03T22:00Z  jiro",
      "  2026-11-03T22:00Z - 2026-11-03T23:00Z  GAP: nobody on call",
      "  2026-11-03T23:00Z - 2026-11-04T11:00Z  taro",
    ]);
    assert.equal(lines.filter((l) => l.endsWith("GAP: nobody on call")).length, 7);
    // The weekly hand-off, Monday 08:00 in Tokyo.
    assert.ok(lines.includes("  2026-11-08T23:00Z - 2026-11-09T11:00Z  hanako"));
  });

  it("prints and writes each response plan's reach, and rule 28 reports the schedule's gaps", () => {
    const lines = section("Reach of each response plan, next 7 days");
    assert.ok(lines.includes("direct-personal: reached 168.0 h, gaps 0.0 h"));
    assert.ok(lines.includes("  2026-11-03T01:00Z - 2026-11-10T01:00Z  kenji"));
    assert.ok(lines.includes("via-escalation: reached 168.0 h, gaps 0.0 h"));
    assert.ok(lines.includes("  2026-11-03T22:00Z - 2026-11-03T23:00Z  kenji"));
    assert.ok(lines.includes("direct-schedule: reached 161.0 h, gaps 7.0 h"));
    assert.ok(lines.includes("  2026-11-03T22:00Z - 2026-11-03T23:00Z  GAP: nobody reached"));
    const report = JSON.parse(fs.readFileSync(json, "utf8"));
    const schedule = report.reach.find(
      (r: { responsePlan: string }) => r.responsePlan === "direct-schedule",
    );
    assert.equal(schedule.gapMinutes, 7 * 60);
    assert.deepEqual(schedule.gaps[0], { start: "2026-11-03T22:00Z", end: "2026-11-03T23:00Z" });
    assert.deepEqual(
      report.policies.violations
        .filter((v: { policy: string }) => v.policy === "require-response-plan-reachable-coverage")
        .map((v: { message: string }) => v.message.split("\n").pop()),
      [
        "ResponsePlan 'direct-schedule-response-plan' (response plan 'direct-schedule') reaches nobody for 7.0 h of the reference week from 2026-11-09T00:00Z (95.8% reached, minimum 100%); the first gap is 2026-11-09T22:00Z - 2026-11-09T23:00Z. This does not depend on an unsettled reading.",
      ],
    );
  });
});
