/**
 * IncidentManagerSetup's post-incident analysis templates and PagerDuty credentials secret, and a
 * ResponsePlanWithAlarms that uses the created secret.
 */
import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Capture, CapturedResource, installCapture, reset, settle, valueOf } from "../../testing";
import { EMERGENCY_ALARM } from "../support/scenario";
import { assertRejected, itRejects, RejectCase } from "../support/rejects";

type Components = typeof import("../../components");

const TOKEN = "y_NbAkKc66ryYEXAMPLE";
const EMAIL = "johndoe@example.com";
const REGIONS = ["ap-northeast-1", "ap-northeast-2"];

/** A question section, in the shape of a JSON document (AWS does not document the shape). */
const CONTENT = { sections: [{ title: "Incident questions", questions: ["What paged us?"] }] };

/** A resource as the engine would store it, every secret input and output left as a marker. */
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

describe("IncidentManagerSetup: post-incident analysis and the PagerDuty secret", function () {
  this.timeout(120_000);
  let capture: Capture;
  let im: Components;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  const byType = (type: string) => capture.resources.filter((r) => r.type === type);
  const names = () => capture.resources.map((r) => `${r.type}::${r.name}`);

  describe("analysis templates", () => {
    it("creates each template as a ProblemAnalysisTemplate document in every region", async () => {
      const setup = new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        tags: { team: "sre" },
        analysisTemplates: [
          { name: "sre-analysis", content: CONTENT },
          { name: "security.review", content: { sections: [] } },
        ],
      });
      await settle();
      assert.deepEqual(names(), [
        "incident-manager:index:IncidentManagerSetup::im",
        "aws-native:ssmincidents:ReplicationSet::im-replication-set",
        "aws:ssm/document:Document::im-analysis-sre-analysis-ap-northeast-1",
        "aws:ssm/document:Document::im-analysis-sre-analysis-ap-northeast-2",
        "aws:ssm/document:Document::im-analysis-security.review-ap-northeast-1",
        "aws:ssm/document:Document::im-analysis-security.review-ap-northeast-2",
      ]);
      const component = capture.resources[0];
      const documents = byType("aws:ssm/document:Document");
      for (const document of documents) assert.equal(document.parent, component.urn);
      assert.deepEqual(documents[1].inputs, {
        region: "ap-northeast-2",
        name: "sre-analysis",
        documentType: "ProblemAnalysisTemplate",
        documentFormat: "JSON",
        content: JSON.stringify(CONTENT),
        tags: { team: "sre" },
      });
      assert.equal(documents[2].inputs.content, '{"sections":[]}');
      assert.deepEqual(setup.analysisTemplateNames, ["sre-analysis", "security.review"]);
      assert.equal(setup.pagerDutySecretArn, undefined);
    });

    it("are listed by plan with their regions", async () => {
      new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        analysisTemplates: [{ name: "sre-analysis", content: CONTENT }],
      });
      await settle();
      const { analysisTemplatesOf } = await import("../../plan/report");
      assert.deepEqual(analysisTemplatesOf(capture.resources), [
        { name: "sre-analysis", regions: REGIONS },
      ]);
    });

    it("creates no document without analysisTemplates", async () => {
      const setup = new im.IncidentManagerSetup("im", { regions: REGIONS });
      await settle();
      assert.deepEqual(byType("aws:ssm/document:Document"), []);
      assert.deepEqual(setup.analysisTemplateNames, []);
    });

    describe("rejects bad templates with one error and registers nothing", () => {
      const big = { text: "x".repeat(65_536) };
      const cases: RejectCase[] = [
        [
          "a name too short",
          { regions: REGIONS, analysisTemplates: [{ name: "ab", content: CONTENT }] },
          'IncidentManagerSetup \'im\': `analysisTemplates[0].name` must be 3-128 letters, digits, "_", "-" and "." (ssm CreateDocument Name: ^[a-zA-Z0-9_\\-.]{3,128}$); got "ab". Rename the template.',
        ],
        [
          "a name with a space",
          { regions: REGIONS, analysisTemplates: [{ name: "sre analysis", content: CONTENT }] },
          'IncidentManagerSetup \'im\': `analysisTemplates[0].name` must be 3-128 letters, digits, "_", "-" and "." (ssm CreateDocument Name: ^[a-zA-Z0-9_\\-.]{3,128}$); got "sre analysis". Rename the template.',
        ],
        [
          "a reserved prefix, in another case",
          {
            regions: REGIONS,
            analysisTemplates: [{ name: "AWSIncidents-Custom", content: CONTENT }],
          },
          'IncidentManagerSetup \'im\': `analysisTemplates[0].name` starts with "aws", a prefix AWS reserves for its own documents (ssm CreateDocument Name: aws, amazon, amzn, AWSEC2, AWSConfigRemediation, AWSSupport, compared here in any case); got "AWSIncidents-Custom". Choose a name with another start, such as "team-AWSIncidents-Custom".',
        ],
        [
          "a repeated name",
          {
            regions: REGIONS,
            analysisTemplates: [
              { name: "sre-analysis", content: CONTENT },
              { name: "sre-analysis", content: {} },
            ],
          },
          "IncidentManagerSetup 'im': `analysisTemplates[1]` repeats the template name \"sre-analysis\", already used at `analysisTemplates[0]`; a document name is unique in its account and region.",
        ],
        [
          "content as a JSON string",
          { regions: REGIONS, analysisTemplates: [{ name: "sre-analysis", content: "{}" }] },
          "IncidentManagerSetup 'im': `analysisTemplates[0].content` must be the template's JSON document as an object (start from AWS's AWSIncidents-PostIncidentAnalysisTemplate); got \"{}\"",
        ],
        [
          "content as a list",
          { regions: REGIONS, analysisTemplates: [{ name: "sre-analysis", content: [1] }] },
          "IncidentManagerSetup 'im': `analysisTemplates[0].content` must be the template's JSON document as an object (start from AWS's AWSIncidents-PostIncidentAnalysisTemplate); got an array of 1",
        ],
        [
          "content over 64 KB",
          { regions: REGIONS, analysisTemplates: [{ name: "sre-analysis", content: big }] },
          "IncidentManagerSetup 'im': `analysisTemplates[0].content` must be at most 65536 bytes as JSON (ssm CreateDocument Content: \"must not exceed 64KB\"); got 65547 bytes. Remove questions or sections, or split the template in two.",
        ],
        [
          "an unknown field",
          {
            regions: REGIONS,
            analysisTemplates: [{ name: "sre-analysis", content: CONTENT, format: "YAML" }],
          },
          "IncidentManagerSetup 'im': `analysisTemplates[0]` has unknown field `format`; check the spelling",
        ],
      ];
      itRejects(
        () => capture,
        (args) => new im.IncidentManagerSetup("im", args),
        cases,
      );
    });
  });

  describe("the PagerDuty secret", () => {
    const credentials = {
      pagerDutyToken: pulumi.secret(TOKEN),
      pagerDutyServiceRegion: "US",
      pagerDutyFromEmail: EMAIL,
    };

    it("with AWS-owned replication keys: a multi-Region key and replica, the secret replicated, its policy", async () => {
      const setup = new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        pagerDutySecret: credentials,
      });
      await settle();
      // Registered as their inputs resolve: compared in sorted order.
      assert.deepEqual([...names()].sort(), [
        "aws-native:ssmincidents:ReplicationSet::im-replication-set",
        "aws:kms/key:Key::im-pagerduty-key",
        "aws:kms/replicaKey:ReplicaKey::im-pagerduty-key-ap-northeast-2",
        "aws:secretsmanager/secret:Secret::im-pagerduty",
        "aws:secretsmanager/secretPolicy:SecretPolicy::im-pagerduty",
        "aws:secretsmanager/secretVersion:SecretVersion::im-pagerduty",
        "incident-manager:index:IncidentManagerSetup::im",
      ]);
      const component = capture.resources[0];
      for (const r of capture.resources.slice(1)) assert.equal(r.parent, component.urn, r.name);

      const [key] = byType("aws:kms/key:Key");
      assert.equal(key.inputs.region, "ap-northeast-1");
      assert.equal(key.inputs.multiRegion, true);
      assert.equal(key.inputs.enableKeyRotation, true);
      const [replica] = byType("aws:kms/replicaKey:ReplicaKey");
      assert.equal(replica.inputs.region, "ap-northeast-2");
      assert.match(
        replica.inputs.primaryKeyArn as string,
        /^arn:aws:kms:ap-northeast-1:123456789012:key\/mrk-/,
      );
      for (const [k, region] of [
        [key, "ap-northeast-1"],
        [replica, "ap-northeast-2"],
      ] as const) {
        assert.deepEqual(JSON.parse(k.inputs.policy as string), {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AccountRootAdministersTheKey",
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::123456789012:root" },
              Action: "kms:*",
              Resource: "*",
            },
            {
              Sid: "Allow Incident Manager to use the key",
              Effect: "Allow",
              Principal: { Service: "ssm-incidents.amazonaws.com" },
              Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
              Resource: "*",
              Condition: {
                StringEquals: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com` },
              },
            },
          ],
        });
      }

      const [secret] = byType("aws:secretsmanager/secret:Secret");
      assert.equal(secret.inputs.region, "ap-northeast-1");
      assert.match(secret.inputs.kmsKeyId as string, /^arn:aws:kms:ap-northeast-1:.*:key\/mrk-/);
      const replicas = secret.inputs.replicas as { region: string; kmsKeyId: string }[];
      assert.deepEqual(
        replicas.map((r) => r.region),
        ["ap-northeast-2"],
      );
      assert.match(replicas[0].kmsKeyId, /^arn:aws:kms:ap-northeast-2:.*:key\/mrk-/);

      const [version] = byType("aws:secretsmanager/secretVersion:SecretVersion");
      assert.deepEqual(version.secretInputs, ["secretString"]);
      assert.deepEqual(JSON.parse(version.inputs.secretString as string), {
        pagerDutyToken: TOKEN,
        pagerDutyServiceRegion: "US",
        pagerDutyFromEmail: EMAIL,
      });
      assert.equal(version.inputs.secretId, secret.state.arn);

      const [policy] = byType("aws:secretsmanager/secretPolicy:SecretPolicy");
      assert.equal(policy.inputs.secretArn, secret.state.arn);
      assert.deepEqual(JSON.parse(policy.inputs.policy as string), {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ssm-incidents.amazonaws.com" },
            Action: "secretsmanager:GetSecretValue",
            Resource: "*",
          },
        ],
      });
      assert.equal(await valueOf(setup.pagerDutySecretArn!), secret.state.arn);
    });

    it("never stores the token or the email in plain text, even given as plain strings", async () => {
      const setup = new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        pagerDutySecret: { ...credentials, pagerDutyToken: TOKEN },
      });
      await settle();
      const [version] = byType("aws:secretsmanager/secretVersion:SecretVersion");
      assert.deepEqual(version.secretInputs, ["secretString"]);
      const state = capture.resources.map(stored).join("\n");
      assert.ok(!state.includes(TOKEN), "the token is in the state");
      assert.ok(!state.includes(EMAIL), "the email is in the state");
      assert.ok(!JSON.stringify(await valueOf(setup.pagerDutySecretArn!)).includes(TOKEN));
    });

    it("reuses the setup's created keys, whose policies then let Incident Manager decrypt the secret", async () => {
      new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        kms: { "ap-northeast-1": "create", "ap-northeast-2": "create" },
        pagerDutySecret: credentials,
      });
      await settle();
      assert.deepEqual(byType("aws:kms/replicaKey:ReplicaKey"), []);
      const keys = byType("aws:kms/key:Key");
      assert.deepEqual(
        keys.map((k) => k.name),
        ["im-key-ap-northeast-1", "im-key-ap-northeast-2"],
      );
      for (const key of keys) {
        const statements = JSON.parse(key.inputs.policy as string).Statement;
        assert.equal(statements.length, 3);
        assert.equal(
          statements[1].Sid,
          "Allow CreateGrant through AWS Systems Manager Incident Manager",
        );
        assert.deepEqual(statements[2], {
          Sid: "Allow Incident Manager to use the key",
          Effect: "Allow",
          Principal: { Service: "ssm-incidents.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: {
            StringEquals: {
              "kms:ViaService": `secretsmanager.${key.inputs.region as string}.amazonaws.com`,
            },
          },
        });
      }
      const [secret] = byType("aws:secretsmanager/secret:Secret");
      assert.equal(secret.inputs.kmsKeyId, keys[0].state.arn);
      assert.deepEqual(secret.inputs.replicas, [
        { region: "ap-northeast-2", kmsKeyId: keys[1].state.arn },
      ]);
    });

    it("leaves the setup's key policies as they were without pagerDutySecret", async () => {
      new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        kms: { "ap-northeast-1": "create", "ap-northeast-2": "create" },
      });
      await settle();
      for (const key of byType("aws:kms/key:Key")) {
        assert.equal(JSON.parse(key.inputs.policy as string).Statement.length, 2);
      }
      assert.deepEqual(byType("aws:secretsmanager/secret:Secret"), []);
    });

    it("checks an email given as an Output when it resolves, masked", async () => {
      new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        pagerDutySecret: { ...credentials, pagerDutyFromEmail: pulumi.output("johndoe@") },
      });
      const rejected = new Promise<Error>((resolve) => {
        process.once("unhandledRejection", (err) => resolve(err as Error));
      });
      const err = await rejected;
      // The SDK prefixes the property it was serialising; the component's message follows.
      assert.ok(err.message.startsWith('error serializing property "outputs"'), err.message);
      assert.ok(
        err.message.endsWith(
          "IncidentManagerSetup 'im': `pagerDutySecret.pagerDutyFromEmail` must be a valid email address such as oncall@example.com (a user of your PagerDuty subdomain); got \"j******@\"",
        ),
        err.message,
      );
      assert.ok(!err.message.includes("johndoe"));
      await settle();
    });

    describe("rejects bad credentials with one error and registers nothing", () => {
      const cases: RejectCase[] = [
        [
          "an empty token, never shown",
          { regions: REGIONS, pagerDutySecret: { ...credentials, pagerDutyToken: "" } },
          "IncidentManagerSetup 'im': `pagerDutySecret.pagerDutyToken` must be a PagerDuty REST API key (General Access or User Token); got an empty string. Pass it as a secret, e.g. `config.requireSecret(\"pagerDutyToken\")`.",
        ],
        [
          "a token that is a number, never shown",
          { regions: REGIONS, pagerDutySecret: { ...credentials, pagerDutyToken: 12345678 } },
          "IncidentManagerSetup 'im': `pagerDutySecret.pagerDutyToken` must be a PagerDuty REST API key (General Access or User Token) (a string); got number. Pass it as a secret, e.g. `config.requireSecret(\"pagerDutyToken\")`.",
        ],
        [
          "a blank service region",
          { regions: REGIONS, pagerDutySecret: { ...credentials, pagerDutyServiceRegion: " " } },
          "IncidentManagerSetup 'im': `pagerDutySecret.pagerDutyServiceRegion` must be the service region of your PagerDuty subdomain, such as US; got only spaces. See PagerDuty's Service Regions page.",
        ],
        [
          "an email that is no email, masked",
          {
            regions: REGIONS,
            pagerDutySecret: { ...credentials, pagerDutyFromEmail: "johndoe.example.com" },
          },
          "IncidentManagerSetup 'im': `pagerDutySecret.pagerDutyFromEmail` must be a valid email address such as oncall@example.com (a user of your PagerDuty subdomain); got \"*******************\"",
        ],
        [
          "a field of the response plan's integration",
          { regions: REGIONS, pagerDutySecret: { ...credentials, serviceId: "PABC123" } },
          "IncidentManagerSetup 'im': `pagerDutySecret` has unknown field `serviceId`; check the spelling",
        ],
      ];
      itRejects(
        () => capture,
        (args) => new im.IncidentManagerSetup("im", args),
        cases,
      );
    });
  });

  describe("a ResponsePlanWithAlarms on the setup's secret", () => {
    it("uses the setup's secret when pagerDuty.secretId is left out, and waits for it", async () => {
      const setup = new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        pagerDutySecret: {
          pagerDutyToken: pulumi.secret(TOKEN),
          pagerDutyServiceRegion: "US",
          pagerDutyFromEmail: EMAIL,
        },
      });
      new im.ResponsePlanWithAlarms("plan", {
        setup,
        incident: { title: "Emergency Occurred", impact: 3 },
        engagements: [{ arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro" }],
        pagerDuty: { name: "pagerduty", serviceId: "PABC123" },
        alarms: [EMERGENCY_ALARM],
      });
      await settle();
      const [plan] = byType("aws:ssmincidents/responsePlan:ResponsePlan");
      const [secret] = byType("aws:secretsmanager/secret:Secret");
      assert.deepEqual(plan.inputs.integration, {
        pagerduties: [{ name: "pagerduty", serviceId: "PABC123", secretId: secret.state.arn }],
      });
      const urnOf = (type: string) => byType(type)[0].urn;
      for (const type of [
        "aws:secretsmanager/secret:Secret",
        "aws:secretsmanager/secretVersion:SecretVersion",
        "aws:secretsmanager/secretPolicy:SecretPolicy",
      ]) {
        assert.ok(plan.dependencies.includes(urnOf(type)), `the plan waits for ${type}`);
      }
    });

    it("keeps a secretId it is given", async () => {
      const setup = new im.IncidentManagerSetup("im", {
        regions: REGIONS,
        pagerDutySecret: {
          ...{ pagerDutyToken: TOKEN, pagerDutyServiceRegion: "EU" },
          pagerDutyFromEmail: EMAIL,
        },
      });
      new im.ResponsePlanWithAlarms("plan", {
        setup,
        incident: { title: "Emergency Occurred", impact: 3 },
        engagements: [{ arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro" }],
        pagerDuty: { name: "pagerduty", serviceId: "PABC123", secretId: "team/pagerduty" },
      });
      await settle();
      const [plan] = byType("aws:ssmincidents/responsePlan:ResponsePlan");
      assert.deepEqual(plan.inputs.integration, {
        pagerduties: [{ name: "pagerduty", serviceId: "PABC123", secretId: "team/pagerduty" }],
      });
    });

    it("refuses pagerDuty without secretId on a setup without a secret", async () => {
      const setup = new im.IncidentManagerSetup("im", { regions: REGIONS });
      await settle();
      reset(capture);
      await assertRejected(
        capture,
        () =>
          new im.ResponsePlanWithAlarms("plan", {
            setup,
            incident: { title: "Emergency Occurred", impact: 3 },
            engagements: [{ arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro" }],
            pagerDuty: { name: "pagerduty", serviceId: "PABC123" },
          }),
        "ResponsePlanWithAlarms 'plan': `pagerDuty.secretId` is not set, and the setup has no PagerDuty secret (`pagerDutySecretArn`); got nothing. Give the secret's ARN or name, or set `pagerDutySecret` on the IncidentManagerSetup to have it created.",
      );
    });
  });
});
