/**
 * The config-driven stack with the setup's analysis templates and PagerDuty secret, and a response
 * plan that sends its incidents to PagerDuty with that secret.
 */
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { Capture, installCapture, reset, settle } from "../../testing";

const ROOT = path.join(__dirname, "..", "..");
const TOKEN = "y_NbAkKc66ryYEXAMPLE";
const EMAIL = "johndoe@example.com";

interface Spec {
  setup: Record<string, unknown>;
  responsePlans: Record<string, unknown>[];
}

/** The reference scenario's spec, from Pulumi.dev.yaml. */
function referenceSpec(): Spec {
  const file = yaml.load(fs.readFileSync(path.join(ROOT, "Pulumi.dev.yaml"), "utf8")) as {
    config: Record<string, unknown>;
  };
  return structuredClone(file.config["incident-manager:spec"]) as Spec;
}

/** The reference spec with two templates, the PagerDuty secret and a plan sending to PagerDuty. */
function postIncidentSpec(): Spec {
  const spec = referenceSpec();
  spec.setup.analysisTemplates = [
    { name: "emergency-analysis", content: { sections: [{ title: "Incident questions" }] } },
  ];
  spec.setup.pagerDutySecret = {
    pagerDutyToken: TOKEN,
    pagerDutyServiceRegion: "US",
    pagerDutyFromEmail: EMAIL,
  };
  spec.responsePlans[0].pagerDuty = { name: "pagerduty", serviceId: "PABC123" };
  return spec;
}

describe("stack/spec: analysis templates and the PagerDuty secret", () => {
  let capture: Capture;
  let stack: typeof import("../../stack/spec");

  before(async () => {
    capture = await installCapture();
    stack = await import("../../stack/spec");
  });
  beforeEach(() => reset(capture));

  const byName = (name: string) => capture.resources.find((r) => r.name === name)!;

  it("builds the templates in both regions and the secret the response plan uses", async () => {
    const built = stack.buildStack(postIncidentSpec());
    await settle();
    const added = capture.resources
      .map((r) => `${r.type} ${r.name}`)
      .filter((n) => /ssm\/document|secretsmanager|pagerduty/.test(n))
      .sort();
    assert.deepEqual(added, [
      "aws:kms/key:Key incident-manager-pagerduty-key",
      "aws:kms/replicaKey:ReplicaKey incident-manager-pagerduty-key-ap-northeast-2",
      "aws:secretsmanager/secret:Secret incident-manager-pagerduty",
      "aws:secretsmanager/secretPolicy:SecretPolicy incident-manager-pagerduty",
      "aws:secretsmanager/secretVersion:SecretVersion incident-manager-pagerduty",
      "aws:ssm/document:Document incident-manager-analysis-emergency-analysis-ap-northeast-1",
      "aws:ssm/document:Document incident-manager-analysis-emergency-analysis-ap-northeast-2",
    ]);
    assert.deepEqual(built.setup.analysisTemplateNames, ["emergency-analysis"]);
    const document = byName("incident-manager-analysis-emergency-analysis-ap-northeast-2");
    assert.equal(document.inputs.documentType, "ProblemAnalysisTemplate");
    assert.equal(document.inputs.region, "ap-northeast-2");

    const secret = byName("incident-manager-pagerduty");
    assert.equal(secret.type, "aws:secretsmanager/secret:Secret");
    const plan = byName("emergency-response-plan-response-plan");
    assert.deepEqual(plan.inputs.integration, {
      pagerduties: [{ name: "pagerduty", serviceId: "PABC123", secretId: secret.state.arn }],
    });
    const version = capture.resources.find((r) => r.type.endsWith("SecretVersion"))!;
    const policy = capture.resources.find((r) => r.type.endsWith("SecretPolicy"))!;
    for (const resource of [secret, version, policy]) {
      assert.ok(plan.dependencies.includes(resource.urn), `the plan waits for ${resource.type}`);
    }
    assert.deepEqual(version.secretInputs, ["secretString"]);
    const visible = JSON.stringify(
      capture.resources.map((r) =>
        Object.fromEntries(
          Object.entries(r.inputs).filter(([key]) => !r.secretInputs.includes(key)),
        ),
      ),
    );
    assert.ok(!visible.includes(TOKEN), "the token is in a plain input");
    assert.ok(!visible.includes(EMAIL), "the email is in a plain input");
  });

  it("reports the templates' and the secret's rules at their config paths, and registers nothing", async () => {
    const bad = postIncidentSpec();
    bad.setup.analysisTemplates = [{ name: "amazon-analysis", content: {} }];
    (bad.setup.pagerDutySecret as Record<string, unknown>).pagerDutyFromEmail = "johndoe";
    assert.throws(
      () => stack.buildStack(bad),
      (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message,
          [
            "Stack config 'incident-manager:spec' has 2 invalid inputs:",
            '  - `incident-manager:spec.setup.analysisTemplates[0].name` starts with "amazon", a prefix AWS reserves for its own documents (ssm CreateDocument Name: aws, amazon, amzn, AWSEC2, AWSConfigRemediation, AWSSupport, compared here in any case); got "amazon-analysis". Choose a name with another start, such as "team-amazon-analysis".',
            '  - `incident-manager:spec.setup.pagerDutySecret.pagerDutyFromEmail` must be a valid email address such as oncall@example.com (a user of your PagerDuty subdomain); got "*******"',
          ].join("\n"),
        );
        return true;
      },
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });

  it("refuses a response plan's pagerDuty without secretId when the setup has no secret", async () => {
    const bad = postIncidentSpec();
    delete bad.setup.pagerDutySecret;
    assert.throws(
      () => stack.buildStack(bad),
      (err: Error) => {
        assert.equal(
          err.message,
          "Stack config 'incident-manager:spec': `incident-manager:spec.responsePlans[0].pagerDuty.secretId` is not set, and the setup has no PagerDuty secret (`pagerDutySecretArn`); got nothing. Give the secret's ARN or name, or set `pagerDutySecret` on the IncidentManagerSetup to have it created.",
        );
        return true;
      },
    );
    await settle();
    assert.equal(capture.resources.length, 0);
  });
});
