/**
 * `require-incident-manager-regions` (policies/rules/regions/requireIncidentManagerRegions.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { T, classicStack, mutate, nativeStack } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { on, compliance } from "../../support";

const withRegion = (region: string) => ({
  type: T.classic.responsePlan,
  name: "sev1",
  props: { name: "sev1", region, incidentTemplate: { title: "t", impact: 1 } },
});

describe("require-incident-manager-regions", () => {
  const rule = r.requireIncidentManagerRegions;
  compliance(rule, "stack in ap-northeast-1 and ap-northeast-2");
  const osaka =
    "must be a region where Incident Manager is offered; got ap-northeast-3, which does not offer it (no ssm-incidents/ssm-contacts endpoint in AWS's endpoint data). Use one of ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2.";
  it("Noncompliance 1: a replication set region in Osaka (aws-native)", async () => {
    const stack = mutate(nativeStack(), "replication-set", (p) => {
      p.regions[1].regionName = "ap-northeast-3";
    });
    assert.deepEqual(await on(rule, stack, "replication-set"), [`\`regions[1]\` ${osaka}`]);
  });
  it("Noncompliance 2: a replication set region in Osaka (classic)", async () => {
    const stack = mutate(classicStack(), "replication-set", (p) => {
      p.regions[1].name = "ap-northeast-3";
    });
    assert.deepEqual(await on(rule, stack, "replication-set", T.classic.replicationSet), [
      `\`regions[1]\` ${osaka}`,
    ]);
  });
  it("Noncompliance 3: a classic response plan's region input", async () => {
    assert.deepEqual(messages(await runResource(rule, withRegion("ap-northeast-3"))), [
      `\`region\` ${osaka}`,
    ]);
    assert.deepEqual(messages(await runResource(rule, withRegion("ap-northeast-1"))), []);
  });
  it("Noncompliance 4: a region outside `allowedRegions`", async () => {
    const out = await runResource(
      rule,
      withRegion("us-east-1"),
      configFor(rule, { allowedRegions: ["ap-northeast-1"] }),
    );
    assert.deepEqual(messages(out), [
      "`region` is us-east-1, which is not in `allowedRegions` (ap-northeast-1).",
    ]);
  });
});
