import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type PlanResult as Result, ROOT, runPlan as plan } from "../support/plan";

const FIXTURES = path.join(__dirname, "fixtures");
const AT = "2026-06-01T00:00:00Z";

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
  let violating: Result;
  let own: Result;
  const OWN = path.join(FIXTURES, "own-project");

  // The three runs that start the policy pack run side by side.
  before(async () => {
    [clean, exempt, violating, own] = await Promise.all([
      plan(["--at", AT, "--json", out("plan.json"), "--svg", out("plan.svg")]),
      plan([
        "--spec",
        path.join(FIXTURES, "interruptive-final-stage.yaml"),
        "--at",
        AT,
        "--json",
        out("exempt.json"),
      ]),
      // The reference scenario under a policy config that makes one advisory rule mandatory.
      plan([
        "--policy-pack-config",
        path.join(FIXTURES, "customer-keys-mandatory.json"),
        "--at",
        AT,
        "--json",
        out("violating.json"),
      ]),
      // A user's own project, run from a folder below its Pulumi.yaml.
      plan(
        [
          "--stack",
          "prod",
          "--policy-pack-config",
          path.join(OWN, "policy-config.json"),
          "--at",
          AT,
          "--json",
          out("own.json"),
        ],
        path.join(OWN, "src"),
      ),
    ]);
  });

  /** What the reference scenario's run prints first. */
  const REFERENCE_PROJECT = `project: ${ROOT} (this package's reference project)\n`;
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("exits 0 on the reference scenario and prints every section", () => {
    assert.equal(clean.code, 0, clean.stderr);
    // Which project runs comes first; which files were written comes last.
    assert.ok(clean.stdout.startsWith(REFERENCE_PROJECT), clean.stdout.slice(0, 200));
    assert.ok(
      clean.stdout.endsWith(
        `wrote ${out("plan.json")} (the JSON report)\nwrote ${out("plan.svg")} (the SVG week view)\n`,
      ),
    );
    for (const title of [
      "== Resources (20) ==",
      "== Paging timelines ==",
      "== On-call coverage, next 7 days ==",
      "== Policies (incident-manager-readiness 0.1.0) ==",
      "== Activation ==",
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
    // Five weekday shifts on the schedule's row, and one bar for the response plan's row: its
    // escalation pages taro, jiro and saburo directly, so it reaches someone all week.
    assert.equal((svg.match(/<rect class="covered"/g) ?? []).length, 6);
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

  it("exits 1 on a mandatory violation: a rule raised to mandatory by the policy pack's config", () => {
    assert.equal(violating.code, 1, violating.stderr);
    const report = JSON.parse(fs.readFileSync(out("violating.json"), "utf8"));
    assert.equal(report.policies.mandatory, 1);
    assert.deepEqual(
      report.policies.violations
        .filter((v: { enforcementLevel: string }) => v.enforcementLevel === "mandatory")
        .map((v: { policy: string; resource: string }) => [v.policy, v.resource]),
      [
        [
          "require-customer-managed-keys",
          "aws-native:ssmincidents:ReplicationSet incident-manager-replication-set",
        ],
      ],
    );
    assert.ok(
      violating.stdout.includes("1 mandatory and 3 advisory violation(s)"),
      violating.stdout,
    );
  });

  it("exits 2 on invalid config with the validation error and no stack trace", async () => {
    const result = await plan(["--spec", path.join(FIXTURES, "trunk-zero.yaml")]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stdout,
      `project: ${ROOT} (this package's config-driven stack, with the spec from ${path.join(FIXTURES, "trunk-zero.yaml")})\n`,
    );
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
    // stdout holds the JSON alone; the project line goes to stderr.
    assert.equal(
      result.stderr,
      `project: ${path.join(ROOT, "examples", "follow-the-sun")} (--program)\n`,
    );
  });

  it("exits 2 on a bad option", async () => {
    const result = await plan(["--at", "yesterday"]);
    assert.equal(result.code, 2);
    assert.equal(result.stderr, '--at must be an ISO 8601 time; got "yesterday"\n');
  });

  it("prints each rule's description once, then each resource with what is wrong there", () => {
    const report = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
    const twoTypes = report.policies.violations.filter(
      (v: { policy: string }) => v.policy === "require-two-channel-types",
    );
    assert.equal(twoTypes.length, 3);
    const { description } = twoTypes[0];
    assert.ok(description.startsWith("Checks that every PERSONAL contact has channels"));
    assert.equal(
      twoTypes[0].message,
      `${description}\nContact 'emergency-jiro' has channels of 1 type (SMS); give it at least 2 of EMAIL, SMS and VOICE.`,
    );
    assert.equal(clean.stdout.split(description).length - 1, 1);
    assert.ok(
      clean.stdout.includes(
        [
          "  [advisory] require-two-channel-types (3)",
          `      ${description}`,
          "    - aws:ssmcontacts/contact:Contact emergency-jiro: Contact 'emergency-jiro' has channels of 1 type (SMS); give it at least 2 of EMAIL, SMS and VOICE.",
          "    - aws:ssmcontacts/contact:Contact emergency-saburo: Contact 'emergency-saburo' has channels of 1 type (EMAIL); give it at least 2 of EMAIL, SMS and VOICE.",
          "    - aws:ssmcontacts/contact:Contact emergency-taro: Contact 'emergency-taro' has channels of 1 type (VOICE); give it at least 2 of EMAIL, SMS and VOICE.",
          "",
        ].join("\n"),
      ),
    );
  });

  it("lists the channels to activate, and how", () => {
    const report = JSON.parse(fs.readFileSync(out("plan.json"), "utf8"));
    assert.deepEqual(report.activation, [
      {
        resource: "emergency-taro-voice",
        channel: "voice",
        contact: "taro",
        type: "VOICE",
        address: "[secret]",
        codeSentOnUp: false,
      },
      {
        resource: "emergency-jiro-sms",
        channel: "sms",
        contact: "jiro",
        type: "SMS",
        address: "[secret]",
        codeSentOnUp: false,
      },
      {
        resource: "emergency-saburo-email",
        channel: "email",
        contact: "saburo",
        type: "EMAIL",
        address: "[secret]",
        codeSentOnUp: false,
      },
    ]);
    assert.ok(
      clean.stdout.includes(
        "  aws ssm-contacts activate-contact-channel --contact-channel-id <channel ARN> --activation-code <code>\n",
      ),
    );
    assert.ok(
      clean.stdout.includes(
        "  aws ssm-contacts send-activation-code --contact-channel-id <channel ARN>\n",
      ),
    );
    assert.ok(
      clean.stdout.includes("\nVOICE: have each owner save the number Incident Manager calls from"),
    );
  });

  it("runs the user's own project from a folder below its Pulumi.yaml, with its stack file", () => {
    assert.equal(own.code, 0, own.stderr);
    assert.ok(
      own.stdout.startsWith(
        `project: ${OWN} (the nearest Pulumi.yaml)\nplan: project own-project, stack prod,`,
      ),
    );
    const report = JSON.parse(fs.readFileSync(out("own.json"), "utf8"));
    assert.equal(report.project, "own-project");
    assert.equal(report.stack, "prod");
    assert.equal(report.resourceCount, 4);
  });

  it("remediates as the engine does: the rewritten value is shown, and no violation remains", () => {
    const report = JSON.parse(fs.readFileSync(out("own.json"), "utf8"));
    assert.deepEqual(report.remediations, [
      {
        policy: "require-e164-phone-channels",
        resource: "aws:ssmcontacts/contactChannel:ContactChannel oncall-alice-voice",
        changes: [
          { path: "deliveryAddress.simpleAddress", from: "+81 **-****-*678", to: "+81*******678" },
        ],
      },
    ]);
    assert.ok(
      own.stdout.includes(
        [
          "== Remediated (policies at level remediate) ==",
          "  require-e164-phone-channels  aws:ssmcontacts/contactChannel:ContactChannel oncall-alice-voice",
          '      deliveryAddress.simpleAddress: "+81 **-****-*678" -> "+81*******678"',
          "",
        ].join("\n"),
      ),
    );
    // The config file set `all` to advisory and disabled require-two-channel-types.
    assert.deepEqual(
      report.policies.violations.map(
        (v: { policy: string; enforcementLevel: string; resource: string }) => [
          v.policy,
          v.enforcementLevel,
          v.resource,
        ],
      ),
      [
        [
          "require-plan-covers-channels",
          "advisory",
          "aws:ssmcontacts/contact:Contact oncall-alice",
        ],
      ],
    );
    assert.ok(!/90-1234-5678|9012345678|alice@example\.com/.test(own.stdout));
  });

  it("lists new channels with masked addresses, and leaves the adopted one out", () => {
    const report = JSON.parse(fs.readFileSync(out("own.json"), "utf8"));
    assert.deepEqual(report.activation, [
      {
        resource: "oncall-alice-email",
        channel: "alice-email",
        contact: "alice",
        type: "EMAIL",
        address: "a****@example.com",
        codeSentOnUp: true,
      },
      {
        resource: "oncall-alice-voice",
        channel: "alice-voice",
        contact: "alice",
        type: "VOICE",
        address: "+81******678",
        codeSentOnUp: false,
      },
    ]);
    assert.ok(
      own.stdout.includes("  alice  alice-email  EMAIL  a****@example.com  code sent on up\n"),
    );
  });

  it("prints each warning once, in the report", () => {
    const warning =
      "EscalationChain 'emergency-escalation-plan': the final stage reaches taro by VOICE (`stages[2].targets[0].target`)";
    assert.equal(exempt.stdout.split(warning).length - 1, 1);
    assert.ok(!exempt.stderr.includes(warning), exempt.stderr);
  });

  it("exits 2 on a policy config file that breaks Pulumi's rules, with every problem at once", async () => {
    const file = out("policy-config.json");
    fs.writeFileSync(
      file,
      JSON.stringify({
        "require-tags": { enforcementLevel: "strict" },
        "require-two-channel-types": 5,
        environments: ["prod"],
      }),
    );
    const result = await plan(["--policy-pack-config", file, "--no-policies"]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      [
        `--policy-pack-config ${file} has 3 problems:`,
        '  - `require-tags.enforcementLevel` must be one of "advisory", "mandatory", "remediate", "disabled"; got "strict".',
        '  - `require-two-channel-types` must be an enforcement level ("advisory", "mandatory", "remediate", "disabled") or an object of the policy\'s properties; got 5.',
        "  - `environments` names Pulumi ESC environments, which plan cannot open offline; got an array of 1. Remove it and write the values into the file.",
        "",
      ].join("\n"),
    );
  });

  it("checks output paths before running anything", async () => {
    const result = await plan(["--json", "/nonexistent/x.json", "--html", dir, "--no-policies"]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, "");
    assert.equal(
      result.stderr,
      `--json /nonexistent/x.json: the folder /nonexistent does not exist; create it first.\n--html ${dir} is a folder; name a file in it.\n`,
    );
    const two = await plan(["--svg", "-", "--json", "-"]);
    assert.equal(two.code, 2);
    assert.equal(
      two.stderr,
      "only one output can go to stdout (-); got --json - and --svg -. Write the others to files.\n",
    );
  });

  it("writes the SVG to stdout with --svg -, and no file named -", async () => {
    const result = await plan(["--svg", "-", "--no-policies", "--at", AT], dir);
    assert.equal(result.code, 2, "no Pulumi.yaml in the temporary folder");
    assert.equal(
      result.stderr,
      `no Pulumi.yaml in ${fs.realpathSync(dir)} or any folder above it. Run plan in a Pulumi project, or pass --program <dir>, --spec <file> or --reference (this package's reference scenario).\n`,
    );
    const svg = await plan(["--reference", "--svg", "-", "--no-policies", "--at", AT], dir);
    assert.equal(svg.code, 0, svg.stderr);
    assert.ok(svg.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg'));
    assert.ok(svg.stdout.trimEnd().endsWith("</svg>"));
    assert.equal(svg.stderr, `project: ${ROOT} (--reference: this package's reference project)\n`);
    assert.ok(!fs.existsSync(path.join(dir, "-")));
  });

  it("takes the regions from the spec file's config, and --config over it", async () => {
    const spec = path.join(FIXTURES, "eu-stack.yaml");
    const result = await plan(["--spec", spec, "--no-policies", "--at", AT, "--json", "-"]);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.resources[0].children[0].inputs.regions, [
      { regionName: "eu-west-1" },
      { regionName: "eu-central-1" },
    ]);
    const moved = await plan([
      "--spec",
      spec,
      "--no-policies",
      "--config",
      "aws-native:region=eu-central-1",
    ]);
    assert.equal(moved.code, 2);
    assert.equal(
      moved.stderr,
      "Stack config 'incident-manager:spec': `incident-manager:spec.setup.regions[0]` is the primary region eu-west-1, but the stack's aws-native provider is in eu-central-1; got aws-native:region=eu-central-1. Run `pulumi config set aws-native:region eu-west-1` (for plan: `--config aws-native:region=eu-west-1`), or list eu-central-1 first.\n",
    );
  });

  it("masks phone numbers and emails in a failing program's error", async () => {
    const result = await plan(["--no-policies"], path.join(FIXTURES, "failing-project"));
    assert.equal(result.code, 3);
    assert.ok(
      result.stderr.startsWith(
        "plan failed: Error: cannot page +81******678 (****@example.com) or +81******679\n",
      ),
      result.stderr,
    );
    assert.ok(!/90-1234|taro@|9012345679/.test(result.stderr));
  });
});
