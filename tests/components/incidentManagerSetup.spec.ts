import { strict as assert } from "assert";
import { formatPath } from "../../components/validation";
import { Capture, installCapture, reset, settle, valueOf } from "../../testing";
import { assertRejected, itRejects, RejectCase } from "../support/rejects";

type Setup = typeof import("../../components/incidentManagerSetup");

describe("IncidentManagerSetup", () => {
  let capture: Capture;
  let mod: Setup;

  before(async () => {
    capture = await installCapture();
    mod = await import("../../components/incidentManagerSetup");
  });
  beforeEach(() => reset(capture));

  const byType = (type: string) => capture.resources.filter((r) => r.type === type);
  const one = (type: string) => {
    const found = byType(type);
    assert.equal(found.length, 1, `expected one ${type}, got ${found.length}`);
    return found[0];
  };

  describe("two regions with AWS-owned keys", () => {
    it("registers the component and one protected replication set, nothing else", async () => {
      const setup = new mod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
      });
      await settle();
      assert.deepEqual(
        capture.resources.map((r) => `${r.type}::${r.name}`),
        [
          "incident-manager:index:IncidentManagerSetup::im",
          "aws-native:ssmincidents:ReplicationSet::im-replication-set",
        ],
      );
      const component = one("incident-manager:index:IncidentManagerSetup");
      const set = one("aws-native:ssmincidents:ReplicationSet");
      assert.equal(set.parent, component.urn);
      assert.equal(set.protect, true);
      assert.deepEqual(set.inputs, {
        regions: [{ regionName: "ap-northeast-1" }, { regionName: "ap-northeast-2" }],
        deletionProtected: true,
      });
      assert.equal(setup.primaryRegion, "ap-northeast-1");
      assert.deepEqual(setup.regions, ["ap-northeast-1", "ap-northeast-2"]);
      assert.deepEqual(await valueOf(setup.keyArns), {});
      assert.equal(
        await valueOf(setup.replicationSetArn),
        "arn:aws:ssm-incidents::123456789012:replication-set/im-replication-set",
      );
      assert.equal(setup.findingsRoleArn, undefined);
      assert.deepEqual(capture.warnings, []);
    });

    it("honours allowDestroy, deletionProtected and tags", async () => {
      new mod.IncidentManagerSetup("im", {
        regions: ["us-east-1", "us-west-2"],
        allowDestroy: true,
        deletionProtected: false,
        tags: { team: "sre" },
      });
      await settle();
      const set = one("aws-native:ssmincidents:ReplicationSet");
      assert.equal(set.protect, false);
      assert.equal(set.inputs.deletionProtected, false);
      assert.deepEqual(set.inputs.tags, [{ key: "team", value: "sre" }]);
    });
  });

  describe("three regions with created keys", () => {
    it("creates a rotating key and alias per region with a scoped key policy", async () => {
      const regions = ["eu-west-1", "eu-central-1", "eu-north-1"];
      const setup = new mod.IncidentManagerSetup("im", {
        regions,
        kms: Object.fromEntries(regions.map((region) => [region, "create"])),
        tags: { env: "prod" },
      });
      await settle();
      const component = one("incident-manager:index:IncidentManagerSetup");
      const keys = byType("aws:kms/key:Key");
      assert.deepEqual(
        keys.map((k) => [k.name, k.inputs.region]),
        regions.map((r) => [`im-key-${r}`, r]),
      );
      for (const key of keys) {
        assert.equal(key.parent, component.urn);
        assert.equal(key.inputs.enableKeyRotation, true);
        assert.deepEqual(key.inputs.tags, { env: "prod" });
        const policy = JSON.parse(key.inputs.policy as string);
        const region = key.inputs.region as string;
        assert.deepEqual(policy.Statement[0].Principal, {
          AWS: "arn:aws:iam::123456789012:root",
        });
        assert.equal(policy.Statement[0].Action, "kms:*");
        // AWS's documented statement: grants and DescribeKey, only through Incident Manager.
        assert.equal(policy.Statement.length, 2);
        assert.equal(
          policy.Statement[1].Sid,
          "Allow CreateGrant through AWS Systems Manager Incident Manager",
        );
        assert.deepEqual(policy.Statement[1].Principal, { AWS: "*" });
        assert.deepEqual(policy.Statement[1].Action, ["kms:CreateGrant", "kms:DescribeKey"]);
        assert.deepEqual(policy.Statement[1].Condition, {
          StringEquals: { "kms:CallerAccount": "123456789012" },
          StringLike: {
            "kms:ViaService": [
              `ssm-incidents.${region}.amazonaws.com`,
              `ssm-contacts.${region}.amazonaws.com`,
            ],
          },
        });
        // No service principal is ever given kms:*.
        for (const st of policy.Statement) {
          if (st.Principal.Service) assert.ok(![st.Action].flat().includes("kms:*"));
        }
      }
      const aliases = byType("aws:kms/alias:Alias");
      assert.deepEqual(
        aliases.map((a) => [a.inputs.region, a.inputs.name]),
        regions.map((r) => [r, "alias/incident-manager/im"]),
      );
      const set = one("aws-native:ssmincidents:ReplicationSet");
      assert.deepEqual(
        (
          set.inputs.regions as {
            regionName: string;
            regionConfiguration: { sseKmsKeyId: string };
          }[]
        ).map((r) => [r.regionName, r.regionConfiguration.sseKmsKeyId.split(":")[3]]),
        regions.map((r) => [r, r]),
      );
      assert.ok(set.dependencies.length >= 3, "the replication set waits for its keys");
      const keyArns = await valueOf(setup.keyArns);
      assert.deepEqual(Object.keys(keyArns), regions);
      assert.match(keyArns["eu-north-1"], /^arn:aws:kms:eu-north-1:123456789012:key\//);
      assert.equal(capture.resources.length, 1 + 3 + 3 + 1);
    });
  });

  describe("existing key ARNs", () => {
    it("passes each key to its region and creates no key", async () => {
      const k1 = "arn:aws:kms:ap-northeast-1:123456789012:key/11111111-2222-3333-4444-555555555555";
      const k3 = "arn:aws:kms:ap-northeast-2:123456789012:key/66666666-7777-8888-9999-000000000000";
      const setup = new mod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        kms: { "ap-northeast-1": k1, "ap-northeast-2": k3 },
        findingsAccess: true,
      });
      await settle();
      assert.equal(byType("aws:kms/key:Key").length, 0);
      assert.deepEqual(one("aws-native:ssmincidents:ReplicationSet").inputs.regions, [
        { regionName: "ap-northeast-1", regionConfiguration: { sseKmsKeyId: k1 } },
        { regionName: "ap-northeast-2", regionConfiguration: { sseKmsKeyId: k3 } },
      ]);
      assert.deepEqual(await valueOf(setup.keyArns), {
        "ap-northeast-1": k1,
        "ap-northeast-2": k3,
      });
      const role = one("aws:iam/role:Role");
      const trust = JSON.parse(role.inputs.assumeRolePolicy as string);
      assert.deepEqual(trust.Statement, [
        {
          Effect: "Allow",
          Principal: { Service: "ssm-incidents.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
        },
      ]);
      assert.equal(
        one("aws:iam/rolePolicyAttachment:RolePolicyAttachment").inputs.policyArn,
        "arn:aws:iam::aws:policy/AWSIncidentManagerIncidentAccessServiceRolePolicy",
      );
      assert.equal(
        await valueOf(setup.findingsRoleArn!),
        "arn:aws:iam::123456789012:role/im-findings",
      );
    });

    it("checks a key ARN that is an Output when it resolves", async () => {
      const { output } = await import("@pulumi/pulumi");
      const wrong = output(
        "arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555",
      );
      const setup = new mod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        kms: { "ap-northeast-1": wrong, "ap-northeast-2": "create" },
      });
      await assert.rejects(
        valueOf(setup.keyArns),
        // The engine prefixes the message with the property it was serializing.
        (err: Error) =>
          err.name === "ValidationError" &&
          err.message.endsWith(
            "IncidentManagerSetup 'im': `kms.ap-northeast-1` must be a key in ap-northeast-1; got a key in us-east-1 (arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555). KMS keys are regional: create or pick a key in ap-northeast-1, or use \"create\".",
          ),
      );
    });
  });

  it("allowSingleRegion accepts one region and warns", async () => {
    new mod.IncidentManagerSetup("solo", { regions: ["us-east-1"], allowSingleRegion: true });
    await settle();
    assert.equal(byType("aws-native:ssmincidents:ReplicationSet").length, 1);
    assert.deepEqual(capture.warnings, [
      "IncidentManagerSetup 'solo': one region (us-east-1) cannot fail over; add a second region.",
    ]);
  });

  it("rejects an aws-native provider outside the primary region", async () => {
    const { runtime } = await import("@pulumi/pulumi");
    const saved = runtime.allConfig();
    runtime.setConfig("aws-native:region", "us-east-1");
    try {
      assert.throws(
        () => new mod.IncidentManagerSetup("im", { regions: ["ap-northeast-1", "ap-northeast-2"] }),
        (err: Error) =>
          err.message ===
          "IncidentManagerSetup 'im': `regions[0]` is the primary region ap-northeast-1, but the stack's aws-native provider is in us-east-1; got aws-native:region=us-east-1. Run `pulumi config set aws-native:region ap-northeast-1`, or list us-east-1 first.",
      );
      runtime.setConfig("aws-native:region", "ap-northeast-1");
      new mod.IncidentManagerSetup("im", { regions: ["ap-northeast-1", "ap-northeast-2"] });
      await settle();
      assert.equal(byType("aws-native:ssmincidents:ReplicationSet").length, 1);
    } finally {
      runtime.setAllConfig(saved);
    }
  });

  describe("data-first outputs and preparation", () => {
    it("publishes the SetupReference fields as outputs and keeps resources out of its properties", async () => {
      const setup = new mod.IncidentManagerSetup("im", {
        regions: ["ap-northeast-1", "ap-northeast-2"],
        kms: { "ap-northeast-1": "create", "ap-northeast-2": "create" },
        tags: { team: "sre" },
        allowDestroy: true,
      });
      await settle();
      assert.deepEqual(setup.regions, ["ap-northeast-1", "ap-northeast-2"]);
      assert.equal(setup.primaryRegion, "ap-northeast-1");
      assert.deepEqual(setup.tags, { team: "sre" });
      assert.equal(await valueOf(setup.accountId), "123456789012");
      assert.equal(await valueOf(setup.partition), "aws");
      assert.deepEqual(Object.keys(setup.keys).sort(), ["ap-northeast-1", "ap-northeast-2"]);
      assert.equal(
        await valueOf(setup.replicationSet!.urn),
        one("aws-native:ssmincidents:ReplicationSet").urn,
      );
      assert.deepEqual(
        Object.keys(setup)
          .filter((k) => !k.startsWith("__"))
          .sort(),
        [
          "accountId",
          "analysisTemplateNames",
          "findingsRoleArn",
          "keyArns",
          "pagerDutySecretArn",
          "partition",
          "primaryRegion",
          "regions",
          "replicationSetArn",
          "tags",
          "urn",
        ],
      );
    });

    it("prepare returns the issues without throwing, and usePrepared skips validating again", async () => {
      const bad = mod.prepareIncidentManagerSetup(
        "im",
        { regions: ["ap-northeast-1", "tokyo"], kms: { "ap-northeast-1": "create" } },
        {},
      );
      assert.equal(bad.ok, false);
      assert.deepEqual(bad.ok ? [] : bad.issues.map((i) => formatPath(i.path)), [
        "regions[1]",
        "kms",
      ]);
      const wrongRegion = mod.prepareIncidentManagerSetup(
        "im",
        { regions: ["ap-northeast-1", "ap-northeast-2"] },
        { nativeRegion: "us-east-1" },
      );
      assert.deepEqual(wrongRegion.ok ? [] : wrongRegion.issues.map((i) => formatPath(i.path)), [
        "regions[0]",
      ]);
      const args = { regions: ["ap-northeast-1", "ap-northeast-2"], allowDestroy: true };
      const prepared = mod.prepareIncidentManagerSetup("im", args, {});
      assert.ok(prepared.ok);
      mod.usePrepared(args, prepared.spec);
      // Once handed over, the args are not read again.
      args.regions = [];
      const setup = new mod.IncidentManagerSetup("im", args);
      await settle();
      assert.deepEqual(setup.regions, ["ap-northeast-1", "ap-northeast-2"]);
    });
  });

  describe("rejects bad input with one error and registers nothing", () => {
    // AWS's endpoint data: regions where both ssm-incidents and ssm-contacts have endpoints.
    const USE =
      "Use one of ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2.";
    const arn1 = "arn:aws:kms:ap-northeast-1:123456789012:key/11111111-2222-3333-4444-555555555555";
    const cases: RejectCase[] = [
      [
        "one region",
        { regions: ["ap-northeast-1"] },
        "IncidentManagerSetup 'im': `regions` needs at least 2 regions so Incident Manager can fail over; got 1 (ap-northeast-1). Add a second region, or set `allowSingleRegion: true`.",
      ],
      [
        "no region",
        { regions: [] },
        "IncidentManagerSetup 'im': `regions` needs at least 2 regions so Incident Manager can fail over; got none",
      ],
      [
        "four regions",
        { regions: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"] },
        "IncidentManagerSetup 'im': `regions` holds at most 3 regions (ssm-incidents CreateReplicationSet regions); got 4 (us-east-1, us-east-2, us-west-1, us-west-2). Remove 1.",
      ],
      [
        "a duplicate region",
        { regions: ["us-east-1", "us-east-1"] },
        "IncidentManagerSetup 'im': `regions[1]` repeats the region \"us-east-1\", already used at `regions[0]`; each region may appear once.",
      ],
      [
        "an unknown region",
        { regions: ["ap-northeast-1", "tokyo"] },
        `IncidentManagerSetup 'im': \`regions[1]\` must be an AWS Region where Incident Manager is offered, such as ap-northeast-1; got "tokyo". ${USE}`,
      ],
      [
        "Osaka, which has no Incident Manager endpoints",
        { regions: ["ap-northeast-1", "ap-northeast-3"] },
        `IncidentManagerSetup 'im': \`regions[1]\` must be a region where Incident Manager is offered; got ap-northeast-3, which does not offer it (no ssm-incidents/ssm-contacts endpoint in AWS's endpoint data). ${USE}`,
      ],
      [
        "a setup tag key the replication set's CloudFormation schema refuses",
        { regions: ["ap-northeast-1", "ap-northeast-2"], tags: { "cost center": "x" } },
        'IncidentManagerSetup \'im\': `tags["cost center"]` is a tag key "cost center" that the replication set (CloudFormation) refuses: it must match ^(?!aws:)[a-zA-Z+-=._:/]+$ (AWS::SSMIncidents::ReplicationSet Tags[].Key). Replace the other characters.',
      ],
      [
        "a region object instead of a name",
        { regions: ["ap-northeast-1", { region: "ap-northeast-2" }] },
        'IncidentManagerSetup \'im\': `regions[1]` must be a string; got {"region":"ap-northeast-2"}',
      ],
      [
        "a number as a region",
        { regions: ["ap-northeast-1", 3] },
        "IncidentManagerSetup 'im': `regions[1]` must be a string; got 3",
      ],
      [
        "mixed keys: a region left out of kms",
        { regions: ["ap-northeast-1", "ap-northeast-2"], kms: { "ap-northeast-2": "create" } },
        "IncidentManagerSetup 'im': `kms` must name every region of `regions`: a region left out would use an AWS-owned key, AWS requires one kind of key in every region, and switching later deletes every incident record; got no key for ap-northeast-1. Give \"create\" or a key ARN for ap-northeast-1, or remove `kms` to use AWS-owned keys everywhere.",
      ],
      [
        "a key for a region not in regions",
        {
          regions: ["ap-northeast-1", "ap-northeast-2"],
          kms: { "ap-northeast-1": "create", "ap-northeast-2": "create", "us-east-1": "create" },
        },
        "IncidentManagerSetup 'im': `kms.us-east-1` names a region that is not in `regions` (ap-northeast-1, ap-northeast-2); got \"us-east-1\". Remove it, or add the region to `regions`.",
      ],
      [
        "a key ARN from another region",
        {
          regions: ["ap-northeast-2", "ap-northeast-1"],
          kms: { "ap-northeast-2": arn1, "ap-northeast-1": arn1 },
        },
        `IncidentManagerSetup 'im': \`kms.ap-northeast-2\` must be a key in ap-northeast-2; got a key in ap-northeast-1 (${arn1}). KMS keys are regional: create or pick a key in ap-northeast-2, or use "create".`,
      ],
      [
        "a malformed key ARN",
        {
          regions: ["ap-northeast-1", "ap-northeast-2"],
          kms: { "ap-northeast-1": "my-key", "ap-northeast-2": "create" },
        },
        'IncidentManagerSetup \'im\': `kms.ap-northeast-1` must be "create" or a KMS key ARN such as arn:aws:kms:ap-northeast-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab; got "my-key"',
      ],
      [
        "a key that is no string",
        {
          regions: ["ap-northeast-1", "ap-northeast-2"],
          kms: { "ap-northeast-1": 7, "ap-northeast-2": "create" },
        },
        "IncidentManagerSetup 'im': `kms.ap-northeast-1` must be \"create\" or a KMS key ARN; got 7",
      ],
      [
        "an aws: tag key",
        { regions: ["us-east-1", "us-west-2"], tags: { "aws:team": "x" } },
        'IncidentManagerSetup \'im\': `tags["aws:team"]` uses the reserved prefix "aws:"; got "aws:team". Only AWS may create such tags: rename the key.',
      ],
      [
        "an empty tag key",
        { regions: ["us-east-1", "us-west-2"], tags: { "": "x" } },
        "IncidentManagerSetup 'im': `tags[\"\"]` is an empty tag key; tag keys need 1-128 characters. Give it a name or remove it.",
      ],
      [
        "a non-string tag value",
        { regions: ["us-east-1", "us-west-2"], tags: { team: 5 } },
        "IncidentManagerSetup 'im': `tags.team` must be a string tag value; got 5",
      ],
      [
        "a misspelt field",
        { regions: ["us-east-1", "us-west-2"], deletionProtection: false },
        "IncidentManagerSetup 'im': `(args)` has unknown field `deletionProtection`; check the spelling (did you mean `deletionProtected`?)",
      ],
      [
        "deletionProtected as a string",
        { regions: ["us-east-1", "us-west-2"], deletionProtected: "yes" },
        "IncidentManagerSetup 'im': `deletionProtected` must be a boolean; got \"yes\"",
      ],
      ["regions missing", {}, "IncidentManagerSetup 'im': `regions` is required (array)"],
      ["null args", null, "IncidentManagerSetup 'im': `(args)` must be an object; got null"],
    ];
    itRejects(
      () => capture,
      (args) => new mod.IncidentManagerSetup("im", args),
      cases,
    );

    it("refuses a name that would break the created keys' KMS alias", async () => {
      await assertRejected(
        capture,
        () =>
          new mod.IncidentManagerSetup("im.prod", {
            regions: ["ap-northeast-1", "ap-northeast-2"],
            kms: { "ap-northeast-1": "create", "ap-northeast-2": "create" },
          }),
        "IncidentManagerSetup 'im.prod' has 2 invalid inputs:\n" +
          ["ap-northeast-1", "ap-northeast-2"]
            .map(
              (region) =>
                `  - \`kms.${region}\` is "create", and the key's alias would be "alias/incident-manager/im.prod", which KMS refuses (kms CreateAlias AliasName: ^[a-zA-Z0-9:/_-]+$, at most 256 characters). Name the component with letters, digits, "/", "_", "-" and ":" only, or pass an existing key's ARN.`,
            )
            .join("\n"),
      );
    });

    it("refuses a name whose auto-named findings role would pass IAM's 64 characters", async () => {
      const name = "i".repeat(48);
      await assertRejected(
        capture,
        () =>
          new mod.IncidentManagerSetup(name, {
            regions: ["ap-northeast-1", "ap-northeast-2"],
            findingsAccess: true,
          }),
        `IncidentManagerSetup '${name}': \`findingsAccess\` is true, so the component creates a role that names an IAM role "${name}-findings" of 57 characters; with the provider's 8-character suffix it exceeds IAM's 64 (iam CreateRole RoleName); got a component name of 48 characters. Give the component a name of at most 47 characters.`,
      );
    });

    it("lists every broken rule in one error", async () => {
      await assertRejected(
        capture,
        () =>
          new mod.IncidentManagerSetup("im", {
            regions: ["tokyo"],
            tags: { "aws:x": "y" },
          }),
        "IncidentManagerSetup 'im' has 3 invalid inputs:\n" +
          `  - \`regions[0]\` must be an AWS Region where Incident Manager is offered, such as ap-northeast-1; got "tokyo". ${USE}\n` +
          '  - `tags["aws:x"]` uses the reserved prefix "aws:"; got "aws:x". Only AWS may create such tags: rename the key.\n' +
          "  - `regions` needs at least 2 regions so Incident Manager can fail over; got 1 (tokyo). Add a second region, or set `allowSingleRegion: true`.",
      );
    });
  });
});
