import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import {
  SEED_RUNBOOK_FILE,
  SEED_SETUP,
  SETUP_REFERENCE_KEYS,
  seedChain,
  seedPlan,
  seedTeam,
} from "./fixtures/seed";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "yaml-seed", "Pulumi.yaml");

describe("examples/yaml-seed sends what the Construct tests send", () => {
  const program = yaml.load(fs.readFileSync(EXAMPLE, "utf8")) as {
    packages: Record<string, string>;
    resources: Record<string, { type: string; properties: Record<string, unknown> }>;
  };
  const setupBag = Object.fromEntries(SETUP_REFERENCE_KEYS.map((k) => [k, `\${setup.${k}}`]));

  it("adds the provider folder as the package incident-manager", () => {
    assert.deepEqual(program.packages, { "incident-manager": "../../provider" });
    assert.ok(fs.existsSync(path.join(path.dirname(EXAMPLE), "../../provider/PulumiPlugin.yaml")));
  });

  it("declares the setup with the seed's regions and tags", () => {
    assert.equal(program.resources.setup.type, "incident-manager:index:IncidentManagerSetup");
    assert.deepEqual(program.resources.setup.properties, SEED_SETUP);
  });

  it("declares the team with the seed's members and rotation, phones from secret config", () => {
    assert.equal(program.resources.team.type, "incident-manager:index:OnCallTeam");
    assert.deepEqual(
      program.resources.team.properties,
      seedTeam(setupBag, { taro: "${taroPhone}", hanako: "${hanakoPhone}" }),
    );
  });

  it("declares the chain with the seed's stages, targets from the team's memberTargets", () => {
    assert.equal(program.resources.chain.type, "incident-manager:index:EscalationChain");
    assert.deepEqual(
      program.resources.chain.properties,
      seedChain(setupBag, {
        first: '${team.memberTargets["taro"]}',
        second: '${team.memberTargets["hanako"]}',
        last: '${team.memberTargets["jiro"]}',
      }),
    );
  });

  it("declares the response plan with the seed's alarm, engaging the chain's target", () => {
    assert.equal(
      program.resources.responsePlan.type,
      "incident-manager:index:ResponsePlanWithAlarms",
    );
    const runbook = "../../stack/runbooks/post-timeline-then-approve.yaml";
    assert.deepEqual(
      program.resources.responsePlan.properties,
      seedPlan(setupBag, "${chain.target}", {
        runbookText: { "fn::readFile": runbook },
        slackWorkspaceId: "${slackWorkspaceId}",
        slackChannelId: "${slackChannelId}",
        approver: "arn:${setup.partition}:iam::${setup.accountId}:role/incident-commander",
        incidentRecords:
          "arn:${setup.partition}:ssm-incidents::${setup.accountId}:incident-record/api-errors/*",
      }),
    );
    // The file it reads is the seed runbook the Construct tests send.
    assert.equal(path.resolve(path.dirname(EXAMPLE), runbook), SEED_RUNBOOK_FILE);
  });

  it("passes every component the same setup bag of the setup's outputs", () => {
    for (const name of ["team", "chain", "responsePlan"]) {
      assert.deepEqual(program.resources[name].properties.setup, setupBag, name);
    }
  });
});
