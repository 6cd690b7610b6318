import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(__dirname, "fixtures");
const AT = "2026-06-01T00:00:00Z";

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the plan CLI the way a user does (`npm run plan` runs the same file). */
function plan(args: readonly string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "bin", "incident-manager-plan"), ...args],
      {
        cwd: ROOT,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    // Progress lines (shown when a step is slow) depend on the machine's speed: leave them out.
    child.on("close", (code) =>
      resolve({ code, stdout, stderr: stderr.replace(/^plan: .* \(\d+\.\d s\)\n/gm, "") }),
    );
  });
}

/** The labels of the SVG's minute axes, in order. */
function axisLabels(svg: string): string[] {
  return [...svg.matchAll(/<text [^>]*class="axis-label"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe("plan CLI", function () {
  this.timeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-"));
  const out = (name: string) => path.join(dir, name);
  let clean: Result;
  let exempt: Result;

  // The two runs that start the policy pack run side by side.
  before(async () => {
    [clean, exempt] = await Promise.all([
      plan(["--at", AT, "--json", out("plan.json"), "--svg", out("plan.svg")]),
      plan([
        "--spec",
        path.join(FIXTURES, "interruptive-final-stage.yaml"),
        "--at",
        AT,
        "--json",
        out("exempt.json"),
      ]),
    ]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0 on the reference scenario and prints every section", () => {
    assert.equal(clean.code, 0, clean.stderr);
    for (const title of [
      "== Resources (20) ==",
      "== Paging timelines ==",
      "== On-call coverage, next 7 days ==",
      "== Policies (incident-manager-readiness 0.1.0) ==",
      "== Monthly cost estimate ==",
      "== Notes ==",
    ]) {
      assert.ok(clean.stdout.includes(`\n${title}\n`), title);
    }
    assert.ok(
      clean.stdout.includes(
        [
          "emergency-escalation-plan:",
          "t+0   stage 1  taro    VOICE  +81******678        resend after 5 min if sending fails",
          "t+5   stage 2  jiro    SMS    +81******789        resend after 5 min if sending fails",
          "t+10  stage 3  saburo  EMAIL  s*****@example.com",
          "",
        ].join("\n"),
      ),
    );
    // The replication set has two regions: how they may change is noted.
    assert.ok(
      clean.stdout.includes(
        "  - Replication set incident-manager-replication-set (ap-northeast-1, ap-northeast-2): change one region per update; a region cannot be removed within 24 hours of its creation, and a region's key cannot change in place.\n",
      ),
    );
    // Phone numbers and addresses never appear in the output.
    assert.ok(!/\+8190|9012345678|saburo@example\.com/.test(clean.stdout));
  });

  it("prints what the README's excerpt of the reference scenario shows", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const excerpt =
      /\(checked\s+against the real output by `tests\/plan\/cli\.spec\.ts`\):\n\n```text\n([^`]*)```/.exec(
        readme,
      );
    assert.ok(excerpt, "the README's excerpt");
    const lines = excerpt[1].split("\n").filter((line) => line !== "" && line !== "...");
    assert.equal(lines.length, 12);
    const printed = clean.stdout.split("\n");
    assert.deepEqual(
      lines.filter((line) => !printed.includes(line)),
      [],
    );
  });

  it("writes the exact JSON of resources, timeline and policy results", () => {
    const report = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
    const expected = JSON.parse(
      fs.readFileSync(path.join(FIXTURES, "reference-plan.json"), "utf8"),
    );
    assert.equal(report.schemaVersion, 1);
    assert.equal(report.project, "incident-manager");
    assert.equal(report.stack, "dev");
    assert.equal(report.at, "2026-06-01T00:00:00.000Z");
    assert.equal(report.resourceCount, 20);
    assert.deepEqual(report.resources, expected.resources);
    assert.deepEqual(report.timelines, expected.timelines);
    assert.deepEqual(report.policies, expected.policies);
    assert.equal(report.policies.mandatory, 0);
  });

  it("reports the coverage gaps of the next 7 days and the cost", () => {
    const report = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
    assert.equal(report.coverage.length, 1);
    const [team] = report.coverage;
    assert.equal(team.team, "emergency");
    assert.equal(team.schedule, "emergency-oncall");
    assert.equal(team.coveredMinutes, 5 * 12 * 60);
    assert.equal(team.gapMinutes, 7 * 24 * 60 - 5 * 12 * 60);
    assert.deepEqual(team.gaps, [
      { start: "2026-06-01T12:00Z", end: "2026-06-02T00:00Z" },
      { start: "2026-06-02T12:00Z", end: "2026-06-03T00:00Z" },
      { start: "2026-06-03T12:00Z", end: "2026-06-04T00:00Z" },
      { start: "2026-06-04T12:00Z", end: "2026-06-05T00:00Z" },
      { start: "2026-06-05T12:00Z", end: "2026-06-08T00:00Z" },
    ]);
    assert.equal(report.cost.responsePlans, 1);
    assert.equal(report.cost.messagesPerPage, 2);
    assert.equal(report.cost.totalUsd, 7);
  });

  it("writes a well-formed SVG week view with gaps in red and the timeline", () => {
    const svg = fs.readFileSync(out("plan.svg"), "utf8");
    assert.ok(
      svg.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"',
      ),
    );
    assert.ok(svg.trimEnd().endsWith("</svg>"));
    // Well-formed: every element opened is closed, in order.
    const stack: string[] = [];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      const [, closing, tag, selfClosing] = m;
      if (selfClosing) continue;
      if (closing) assert.equal(stack.pop(), tag);
      else stack.push(tag);
    }
    assert.deepEqual(stack, []);
    assert.equal((svg.match(/<rect class="gap"[^>]*fill="url\(#gap-hatch\)"/g) ?? []).length, 5);
    assert.equal((svg.match(/<rect class="covered"/g) ?? []).length, 5);
    assert.equal((svg.match(/<rect class="page"/g) ?? []).length, 3);
    // Each page bar is one engagement; its tooltip says what the retry interval does.
    assert.deepEqual(
      [...svg.matchAll(/<g class="stage-bar[^"]*"><title>([^<]*)<\/title>/g)].map((m) => m[1]),
      [
        "stage 1 +0 min taro VOICE: resend after 5 min if sending fails",
        "stage 2 +5 min jiro SMS: resend after 5 min if sending fails",
        "stage 3 +10 min saburo EMAIL: not resent if sending fails: final stage: the plan stops after it pages",
      ],
    );
    // A line at each UTC midnight of the 7 days (the default zone), and one where the week ends.
    assert.equal((svg.match(/<line class="day"/g) ?? []).length, 7);
    assert.equal((svg.match(/<line class="window-end"/g) ?? []).length, 1);
    // The escalation lane's minute axis: every 5 minutes, to 5 past the last page (at 10), the
    // last label inside.
    assert.deepEqual(axisLabels(svg), ["0 min", "5 min", "10 min", "15 min"]);
    assert.equal((svg.match(/<line class="tick"/g) ?? []).length, 4);
    assert.equal((svg.match(/<line class="grid"/g) ?? []).length, 4);
    const axisEnd = /<line class="axis" [^>]*x2="([\d.]+)"/.exec(svg)![1];
    assert.ok(
      svg.includes(
        `<text x="${axisEnd}" y="${/<text x="[\d.]+" y="(\d+)" font-size="10" class="axis-label"/.exec(svg)![1]}" font-size="10" class="axis-label" text-anchor="end">15 min</text>`,
      ),
    );
    // Each stage's bar lasts until the next stage (5 of 15 minutes over the 868 px of 7 days);
    // the final stage's runs to the axis's end and fades out, as the plan stops after it pages.
    const widths = [...svg.matchAll(/<rect class="page"[^>]*? width="([\d.]+)"/g)].map((m) => m[1]);
    assert.deepEqual(widths, ["289.3", "289.3", "289.3"]);
    assert.equal((svg.match(/<g class="stage-bar final">/g) ?? []).length, 1);
  });

  it("spaces the minute axis of a longer chain at a round interval", async () => {
    const { renderSvg, minuteTicks } = await import("../../plan/picture");
    const report = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
    report.timelines[0].entries.forEach(
      (e: { offsetMinutes: number }, i: number) => (e.offsetMinutes = i * 30),
    );
    assert.deepEqual(axisLabels(renderSvg(report)), [
      "0 min",
      "10 min",
      "20 min",
      "30 min",
      "40 min",
      "50 min",
      "60 min",
    ]);
    assert.deepEqual(minuteTicks(30), [0, 5, 10, 15, 20, 25, 30]);
    assert.deepEqual(minuteTicks(8), [0, 1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(minuteTicks(15), [0, 5, 10, 15]);
    assert.deepEqual(minuteTicks(95), [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    assert.deepEqual(minuteTicks(2000), [0, 240, 480, 720, 960, 1200, 1440, 1680, 1920]);
  });

  it("shows an exempt final stage as an advisory note and exits 0: a VOICE final stage with the opt-out set", () => {
    assert.equal(exempt.code, 0, exempt.stderr);
    const report = JSON.parse(fs.readFileSync(out("exempt.json"), "utf8"));
    assert.equal(report.policies.mandatory, 0);
    assert.deepEqual(
      report.policies.violations
        .filter((v: { policy: string }) => v.policy === "require-email-only-final-stage")
        .map((v: { enforcementLevel: string; resource: string }) => [
          v.enforcementLevel,
          v.resource,
        ]),
      [["advisory", "aws:ssmcontacts/contact:Contact emergency-escalation-plan-contact"]],
    );
  });

  it("exits 2 on invalid config with the validation error and no stack trace", async () => {
    const result = await plan(["--spec", path.join(FIXTURES, "trunk-zero.yaml")]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      "Stack config 'incident-manager:spec': `incident-manager:spec.teams[0].members[0].channels[0].address` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got \"+81******678\". Drop the trunk 0 after the country code: write +81******678.\n",
    );
  });

  it("exits 2 when the stack has no incident-manager:spec", async () => {
    const result = await plan(["--stack", "missing", "--no-policies"]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      "Stack config 'incident-manager:spec': `incident-manager:spec` is not set in the stack's config; got nothing. Add it to Pulumi.<stack>.yaml (Pulumi.dev.yaml holds an example) or pass `--spec <file>` to plan.\n",
    );
  });

  it("runs an example with --program and writes JSON only to stdout with --json -", async () => {
    const result = await plan([
      "--program",
      path.join(ROOT, "examples", "follow-the-sun"),
      "--no-policies",
      "--at",
      "2026-01-12T00:00:00Z",
      "--json",
      "-",
    ]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.project, "follow-the-sun");
    assert.deepEqual(report.timelines, []);
    assert.deepEqual(
      report.coverage.map((c: { team: string; gapMinutes: number }) => [c.team, c.gapMinutes]),
      [["sre", 0]],
    );
    assert.equal(report.policies.pack, "(not run)");
  });

  it("exits 2 on a bad option", async () => {
    const result = await plan(["--at", "yesterday"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, '--at must be an ISO 8601 time; got "yesterday"\n');
  });
});
