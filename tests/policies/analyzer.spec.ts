/**
 * The pack end to end, over the analyzer gRPC protocol, the way `pulumi preview --policy-pack`
 * runs it: spawned with `run-policy-pack`, configured, and sent the resources every example
 * registers under mocks, and hand-built fixtures that break rules.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { rules } from "../../policies/rules";
import { PolicyPackProcess, withPolicyPack } from "../../plan/analyzer";
import { CapturedResource, installCapture, reset, settle } from "../../testing";
import { T, classicStack, contactArn, mutate, nativeStack } from "./fixtures";
import { urnOf } from "./harness";
import { captured } from "./support";

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

/** Every example project: a folder under examples/ with a Pulumi.yaml and an index.ts. */
export function exampleDirs(): string[] {
  return fs
    .readdirSync(EXAMPLES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join(EXAMPLES, d.name))
    .filter(
      (dir) =>
        fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "index.ts")),
    );
}

const mandatory = (r: {
  diagnostics: { enforcementLevel: string; policyName: string; message: string }[];
}) =>
  r.diagnostics
    .filter((d) => d.enforcementLevel === "mandatory")
    .map((d) => `${d.policyName}: ${d.message}`);

const namesOf = (r: { diagnostics: { policyName: string }[] }) =>
  [...new Set(r.diagnostics.map((d) => d.policyName))].sort();

describe("policy pack over the analyzer protocol", function () {
  this.timeout(180_000);
  let pack: PolicyPackProcess | undefined;

  before(async () => {
    pack = await PolicyPackProcess.start();
  });
  // The child process is ended whatever happened in the tests.
  after(async () => {
    await pack?.close();
  });

  it("GetAnalyzerInfo lists every rule with its level, severity, remediation and config schema", async () => {
    const info = await pack!.info();
    assert.equal(info.name, "incident-manager-readiness");
    assert.equal(info.version, "0.1.0");
    assert.deepEqual(
      info.policies.map((p) => [p.name, p.enforcementLevel, p.severity, p.remediationSteps]),
      rules.map((r) => [r.name, r.enforcementLevel, r.severity, r.remediationSteps]),
    );
    for (const [i, p] of info.policies.entries()) {
      assert.deepEqual(
        p.configSchema?.properties,
        JSON.parse(JSON.stringify(rules[i].configSchema!.properties)),
      );
      assert.equal(p.description, rules[i].description);
    }
  });

  describe("with the default config", () => {
    before(async () => pack!.configure({}));

    for (const dir of exampleDirs()) {
      it(`examples/${path.basename(dir)}: no mandatory violation in Analyze or AnalyzeStack`, async () => {
        const resources = await runExample(dir);
        assert.ok(resources.length > 0);
        assert.deepEqual(mandatory(await pack!.analyze(resources)), []);
        assert.deepEqual(mandatory(await pack!.analyzeStack(resources)), []);
      });
    }

    it("compliant classic and aws-native fixtures give no mandatory violation", async () => {
      for (const stack of [classicStack(), nativeStack()]) {
        const resources = stack.map(captured);
        assert.deepEqual(mandatory(await pack!.analyze(resources)), []);
        assert.deepEqual(mandatory(await pack!.analyzeStack(resources)), []);
      }
    });

    it("broken fixtures give exactly the expected rule names", async () => {
      let stack = mutate(nativeStack(), "replication-set", (p) => {
        p.regions.pop();
        p.deletionProtected = false;
      });
      stack = mutate(stack, "taro-sms", (p) => (p.channelAddress = "+8109012345678"));
      stack = mutate(stack, "hanako-email", (p) => (p.channelAddress = "hanako"));
      stack = mutate(stack, "sev1", (p) => (p.incidentTemplate.impact = 7));
      stack = mutate(
        stack,
        "sre-escalation",
        (p) => (p.plan[1].targets[0].contactTargetInfo.contactId = contactArn("taro")),
      );
      stack = mutate(stack, "sre-oncall", (p) => (p.plan = []));
      stack = mutate(stack, "taro", (p) => (p.plan[1].durationInMinutes = 31));
      const resources = stack.map(captured);
      const analyzed = await pack!.analyze(resources);
      assert.deepEqual(
        namesOf({
          diagnostics: analyzed.diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
        }),
        [
          "enforce-aws-request-constraints",
          "enforce-plan-stage-timing",
          "enforce-response-plan-impact-and-engagements",
          "require-e164-phone-channels",
          "require-multi-region-replication-set",
          "require-valid-email-channels",
        ],
      );
      assert.deepEqual(
        namesOf({
          diagnostics: analyzed.diagnostics.filter((d) => d.enforcementLevel === "advisory"),
        }),
        ["require-deletion-protection"],
      );
      const stackResult = await pack!.analyzeStack(resources);
      assert.deepEqual(namesOf(stackResult), [
        "require-email-only-final-stage",
        "require-oncall-schedule-rotations",
        "require-two-channel-types",
      ]);
      const trunk = analyzed.diagnostics.find(
        (d) => d.policyName === "require-e164-phone-channels",
      );
      assert.equal(trunk?.urn, urnOf(T.native.contactChannel, "taro-sms"));
      assert.equal(
        trunk?.message,
        "Checks that every SMS and VOICE contact channel address is a valid E.164 number for its country, read with libphonenumber-js, with no trunk prefix after the country code. A number Incident Manager cannot dial never receives the activation code, so the channel can never be engaged.\n" +
          '`channelAddress` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+8109012345678". Drop the trunk 0 after the country code: write +819012345678.',
      );
    });

    it("reports a value unknown during preview as not checked, at advisory", async () => {
      const stack = mutate(
        nativeStack(),
        "taro-sms",
        (p) => (p.channelAddress = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"),
      );
      const result = await pack!.analyze(stack.filter((f) => f.name === "taro-sms").map(captured));
      assert.deepEqual(
        result.diagnostics.map((d) => [d.policyName, d.enforcementLevel]),
        // The EMAIL rule reads the channel type (SMS) and stops before the address.
        [["require-e164-phone-channels", "advisory"]],
      );
      assert.match(
        result.diagnostics[0].message,
        /can't run policy 'require-e164-phone-channels' .* during preview/,
      );
    });
  });

  describe("with a non-default config", () => {
    before(async () =>
      pack!.configure({
        "require-multi-region-replication-set": { enforcementLevel: "mandatory", minRegions: 3 },
        "require-tags": { enforcementLevel: "mandatory", requiredTags: ["cost-center"] },
        "require-two-channel-types": { enforcementLevel: "disabled" },
      }),
    );
    after(async () => pack!.configure({}));

    it("applies the new minimum, the new level and the new tag keys", async () => {
      const resources = classicStack()
        .filter((f) => f.type === T.classic.replicationSet)
        .map(captured);
      const result = await pack!.analyze(resources);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message.split("\n")[1]]),
        [
          [
            "require-multi-region-replication-set",
            "mandatory",
            "The replication set must span at least 3 distinct regions; got 2 (ap-northeast-1, ap-northeast-2). Add a region so Incident Manager can fail over.",
          ],
          ["require-tags", "mandatory", '`tags` must include "cost-center"; got team.'],
        ],
      );
      const stackResult = await pack!.analyzeStack(nativeStack().map(captured));
      assert.ok(!namesOf(stackResult).includes("require-two-channel-types"));
    });
  });
});

describe("withPolicyPack", function () {
  this.timeout(180_000);

  it("ends the pack's process even when the body fails", async () => {
    let seen: PolicyPackProcess | undefined;
    await assert.rejects(
      withPolicyPack(async (pack) => {
        seen = pack;
        assert.equal(pack.running, true);
        throw new Error("the body failed");
      }),
      /the body failed/,
    );
    assert.equal(seen?.running, false);
    assert.throws(() => process.kill(seen!.pid!, 0), { code: "ESRCH" });
  });
});

/** Runs an example under mocks and returns what it registered. */
async function runExample(dir: string): Promise<CapturedResource[]> {
  const capture = await installCapture(path.basename(dir), "dev");
  reset(capture);
  // Load the program afresh: another spec may have run it already in this process.
  const entry = require.resolve(path.join(dir, "index"));
  delete require.cache[entry];
  await import(entry);
  await settle();
  delete require.cache[entry];
  return [...capture.resources];
}
