/**
 * Channel addresses are personal data: no phone number (E.164 or national form) or email address
 * appears in plain text in any registered input or output, nor in `plan`'s text, JSON, SVG or
 * HTML, unless `plaintextAddresses` is set (and `plan` masks them even then).
 */
import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Capture, CapturedResource, installCapture, reset, settle } from "../../testing";
import { EMERGENCY_ALARM } from "../support/scenario";
import { SPEC, SpecShape, TEAM } from "./support";

type Components = typeof import("../../components");

const ROOT = path.join(__dirname, "..", "..");

/** Every address the scenarios hold, as written and as stored. */
const ADDRESSES = [
  "+819012345678",
  "090-1234-5678",
  "9012345678",
  "taro@example.com",
  "jiro@example.com",
  "+819012345001",
  "090-1234-5001",
  "9012345001",
  "+819012345002",
  "9012345002",
  "saburo@example.com",
];

function leaked(text: string): string[] {
  return ADDRESSES.filter((address) => text.includes(address));
}

/**
 * A resource as the engine would store it: inputs and outputs, with every secret input and every
 * secret output (`additionalSecretOutputs`, and outputs of secret inputs) left as a marker.
 */
function stored(resource: CapturedResource): string {
  const hide = (values: Record<string, unknown>, secret: readonly string[]) =>
    Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, secret.includes(k) ? "[secret]" : v]),
    );
  return JSON.stringify({
    name: resource.name,
    inputs: hide(resource.inputs, resource.secretInputs),
    outputs: hide(resource.state, [...resource.secretInputs, ...resource.additionalSecretOutputs]),
  });
}

describe("hostile input: channel addresses stay secret", function () {
  this.timeout(240_000);
  let capture: Capture;
  let im: Components;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  /** The reference scenario, plus a team whose member has VOICE, SMS and EMAIL channels. */
  function build(plaintextAddresses: boolean) {
    const setup = new im.IncidentManagerSetup("im", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
    });
    const person = (alias: string, type: "VOICE" | "SMS" | "EMAIL", address: string) => ({
      alias,
      displayName: alias,
      channels: [{ type, address }],
      engagement: [{ channel: type, afterMinutes: 0, retryIntervalInMinutes: 0 }],
    });
    const sre = new im.OnCallTeam("sre", {
      setup,
      defaultCountry: "JP",
      plaintextAddresses,
      members: [
        person("taro", "VOICE", "090-1234-5001"),
        person("jiro", "SMS", "+81 90-1234-5002"),
        person("saburo", "EMAIL", "saburo@example.com"),
      ],
      rotations: [{ ...TEAM.rotations![0], members: ["taro", "jiro"] }],
    });
    const all = new im.OnCallTeam("all", { ...TEAM, setup, plaintextAddresses });
    const chain = new im.EscalationChain("emergency", {
      setup,
      alias: "emergency-escalation-plan",
      displayName: "Emergency escalation plan",
      stages: [
        { durationInMinutes: 5, targets: [{ target: sre.member("taro") }] },
        {
          durationInMinutes: 5,
          targets: [{ target: sre.member("jiro") }, { target: all.schedule! }],
        },
        { durationInMinutes: 0, targets: [{ target: sre.member("saburo") }] },
      ],
      allowInterruptiveFinalStage: true,
    });
    new im.ResponsePlanWithAlarms("emergency", {
      setup,
      incident: { title: "Emergency Occurred", impact: 3 },
      engagements: [chain, all.member("taro")],
      alarms: [EMERGENCY_ALARM],
    });
    return { sre, all, chain };
  }

  it("keeps every address out of registered inputs and outputs, and the components' outputs", async () => {
    const { sre, all, chain } = build(false);
    await settle();
    const channels = capture.resources.filter((r) => r.type.includes("ContactChannel"));
    assert.equal(channels.length, 7);
    for (const channel of channels) {
      assert.deepEqual(channel.secretInputs, ["deliveryAddress"], channel.name);
      assert.deepEqual(channel.additionalSecretOutputs, ["deliveryAddress"], channel.name);
    }
    assert.deepEqual(leaked(capture.resources.map(stored).join("\n")), []);
    const { valueOf } = await import("../../testing");
    const outputs = await Promise.all(
      [sre, all].flatMap((team) => [valueOf(team.contacts), valueOf(team.channels)]),
    );
    assert.deepEqual(leaked(JSON.stringify(outputs)), []);
    assert.deepEqual(leaked(JSON.stringify(chain.timeline(new Date("2026-01-06T01:00:00Z")))), []);
    assert.deepEqual(leaked(capture.warnings.join("\n")), []);
  });

  it("stores them in plain text with plaintextAddresses: true", async () => {
    build(true);
    await settle();
    const channels = capture.resources.filter((r) => r.type.includes("ContactChannel"));
    for (const channel of channels) {
      assert.deepEqual(channel.secretInputs, [], channel.name);
      assert.deepEqual(channel.additionalSecretOutputs, [], channel.name);
    }
    const text = capture.resources.map(stored).join("\n");
    for (const address of [
      "+819012345001",
      "+819012345002",
      "saburo@example.com",
      "+819012345678",
      "taro@example.com",
      "jiro@example.com",
    ]) {
      assert.ok(text.includes(address), address);
    }
  });

  describe("plan's text, JSON, SVG and HTML", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-secrets-"));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    /** Runs `plan` over `spec`, the way a user does, and returns everything it wrote. */
    function plan(spec: SpecShape, label: string): Promise<{ code: number | null; all: string }> {
      const file = path.join(dir, `${label}.json`);
      fs.writeFileSync(file, JSON.stringify(spec));
      const out = (ext: string) => path.join(dir, `${label}-plan.${ext}`);
      const args = ["--spec", file, "--at", "2026-01-06T01:00:00Z", "--no-policies"];
      args.push("--json", out("json"), "--svg", out("svg"), "--html", out("html"));
      return new Promise((resolve, reject) => {
        const child = spawn(
          process.execPath,
          [path.join(ROOT, "bin", "incident-manager-plan"), ...args],
          {
            cwd: ROOT,
          },
        );
        let printed = "";
        child.stdout.on("data", (d) => (printed += d));
        child.stderr.on("data", (d) => (printed += d));
        child.on("error", reject);
        child.on("close", (code) => {
          const written = ["json", "svg", "html"].map((ext) => fs.readFileSync(out(ext), "utf8"));
          resolve({ code, all: [printed, ...written].join("\n") });
        });
      });
    }

    const withPlaintext = (spec: SpecShape): SpecShape => ({
      ...spec,
      teams: spec.teams.map((team) => ({ ...team, plaintextAddresses: true })),
    });

    it("masks every address, with or without plaintextAddresses", async () => {
      const [secret, plaintext] = await Promise.all([
        plan(SPEC, "secret"),
        plan(withPlaintext(SPEC), "plaintext"),
      ]);
      for (const run of [secret, plaintext]) {
        assert.equal(run.code, 0, run.all.slice(0, 2000));
        assert.ok(run.all.includes("+81******678"), "the masked number is shown");
        assert.ok(run.all.includes("t***@example.com"), "the masked email is shown");
        assert.deepEqual(leaked(run.all), []);
      }
    });
  });
});
