/**
 * The PagerDuty token through the stack's config, as `pulumi up` reads it: from a secure value of
 * `incident-manager:spec` it reaches the state only as a secret; in plain text it is refused. And
 * conformance/specs/post-incident.yaml (templates, the secret, a Teams channel) runs as a stack.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { Capture, installCapture, reset, settle } from "../../testing";
import { runProgram } from "../../plan/program";

const ROOT = path.join(__dirname, "..", "..");
const SPEC_KEY = "incident-manager:spec";
const TOKEN = "y_NbAkKc66ryYEXAMPLE";
const EMAIL = "oncall@example.com";

/** The stack file's config: conformance/specs/post-incident.yaml. */
function stackConfig(): Record<string, unknown> {
  const file = yaml.load(
    fs.readFileSync(path.join(ROOT, "conformance/specs/post-incident.yaml"), "utf8"),
  ) as { config: Record<string, unknown> };
  return structuredClone(file.config);
}

/** The spec as the engine hands it to the program: decrypted, the token in clear. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function decryptedSpec(): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const spec = stackConfig()[SPEC_KEY] as Record<string, any>;
  spec.setup.pagerDutySecret.pagerDutyToken = TOKEN;
  return spec;
}

/** Every resource's inputs that are not secret, as one text. */
const plainText = (capture: Capture) =>
  JSON.stringify(
    capture.resources.map((r) =>
      Object.fromEntries(Object.entries(r.inputs).filter(([k]) => !r.secretInputs.includes(k))),
    ),
  );

describe("stack: the PagerDuty token from the stack's config", () => {
  let capture: Capture;
  let stack: typeof import("../../stack/spec");
  let config: Record<string, string>;

  before(async () => {
    capture = await installCapture();
    stack = await import("../../stack/spec");
    config = pulumi.runtime.allConfig();
  });
  beforeEach(() => reset(capture));
  afterEach(() => pulumi.runtime.setAllConfig(config));

  it("from a secure value: the secret's version holds it as a secret, and no plain input has it", async () => {
    // `pulumi config set --secret --path '...pagerDutyToken'`: the engine decrypts the whole key
    // and marks it secret.
    pulumi.runtime.setAllConfig({ [SPEC_KEY]: JSON.stringify(decryptedSpec()) }, [SPEC_KEY]);
    stack.buildStack(stack.readSpec());
    await settle();
    const version = capture.resources.find(
      (r) => r.type === "aws:secretsmanager/secretVersion:SecretVersion",
    )!;
    assert.deepEqual(version.secretInputs, ["secretString"]);
    assert.deepEqual(JSON.parse(version.inputs.secretString as string), {
      pagerDutyToken: TOKEN,
      pagerDutyServiceRegion: "US",
      pagerDutyFromEmail: EMAIL,
    });
    const text = plainText(capture);
    assert.ok(!text.includes(TOKEN), "the token is in a plain input");
    assert.ok(!text.includes(EMAIL), "the email is in a plain input");
  });

  it("in plain text: one error naming the config path and the fix, without the token, and nothing registered", async () => {
    pulumi.runtime.setAllConfig({ [SPEC_KEY]: JSON.stringify(decryptedSpec()) }, []);
    assert.throws(
      () => stack.buildStack(stack.readSpec()),
      (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message,
          "Stack config 'incident-manager:spec': `incident-manager:spec.setup.pagerDutySecret.pagerDutyToken` must be a secret config value, not plain text in the stack's config file; got a plain string of 20 characters. Set it with `pulumi config set --secret --path 'incident-manager:spec.setup.pagerDutySecret.pagerDutyToken' <token>` (the file then holds only its ciphertext).",
        );
        assert.ok(!err.message.includes(TOKEN));
        return true;
      },
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });
});

describe("stack: conformance/specs/post-incident.yaml as the root program", function () {
  this.timeout(60_000);
  const config = pulumi.runtime.allConfig();
  after(() => pulumi.runtime.setAllConfig(config));

  it("creates the template in both regions, the replicated secret, the Teams channel and the PagerDuty integration", async () => {
    const run = await runProgram({ projectDir: ROOT, stack: "dev", config: stackConfig() });
    const custom = run.resources.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    const names = (pattern: RegExp) =>
      custom
        .filter((r) => pattern.test(r.type))
        .map((r) => `${r.type} ${r.name}`)
        .sort();
    assert.deepEqual(names(/ssm\/document|secretsmanager|chatbot|replicaKey/), [
      "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration api-errors-chat",
      "aws:kms/replicaKey:ReplicaKey incident-manager-pagerduty-key-ap-northeast-2",
      "aws:secretsmanager/secret:Secret incident-manager-pagerduty",
      "aws:secretsmanager/secretPolicy:SecretPolicy incident-manager-pagerduty",
      "aws:secretsmanager/secretVersion:SecretVersion incident-manager-pagerduty",
      "aws:ssm/document:Document incident-manager-analysis-sre-analysis-ap-northeast-1",
      "aws:ssm/document:Document incident-manager-analysis-sre-analysis-ap-northeast-2",
    ]);
    const teams = custom.find((r) => r.type.includes("teamsChannelConfiguration"))!;
    assert.equal(teams.inputs.teamId, "5f0b6a3e-8a1c-4c1e-9d4e-2b7f6c9a1d20");
    assert.equal(teams.inputs.channelId, "19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2");
    const secret = custom.find((r) => r.type === "aws:secretsmanager/secret:Secret")!;
    const plan = custom.find((r) => r.type === "aws:ssmincidents/responsePlan:ResponsePlan")!;
    assert.deepEqual(plan.inputs.integration, {
      pagerduties: [{ name: "pagerduty", serviceId: "PABC123", secretId: secret.state.arn }],
    });
    // `plan` cannot decrypt the token offline: the secret's value holds the placeholder, as a secret.
    const version = custom.find((r) => r.type.endsWith("SecretVersion"))!;
    assert.deepEqual(version.secretInputs, ["secretString"]);
    assert.equal(
      (JSON.parse(version.inputs.secretString as string) as { pagerDutyToken: string })
        .pagerDutyToken,
      "[secret]",
    );
  });
});
