/**
 * `disallow-duplicate-response-plan-names` (policies/rules/names/disallowDuplicateResponsePlanNames.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, nativeStack } from "../../fixtures";
import { violations, compliance, copyOf, both } from "../../support";

describe("disallow-duplicate-response-plan-names", () => {
  const rule = r.disallowDuplicateResponsePlanNames;
  compliance(rule);
  for (const [flavour, stack] of both) {
    it(`Noncompliance 1: two plans named sev1 (${flavour})`, async () => {
      const fixtures = stack();
      fixtures.push(copyOf(fixtures, "sev1", "sev1-copy"));
      assert.deepEqual(await violations(rule, fixtures), [
        "ResponsePlan 'sev1-copy' has the name \"sev1\" of ResponsePlan 'sev1'; response plan names are unique in an account, so AWS refuses the second plan.",
      ]);
    });
  }
  it("Noncompliance 2: a classic and an aws-native plan in different regions still collide", async () => {
    const fixtures = classicStack();
    fixtures.push({
      ...copyOf(nativeStack(), "sev1", "sev1-native", (p) => (p.region = "ap-northeast-2")),
    });
    assert.deepEqual(await violations(rule, fixtures), [
      "ResponsePlan 'sev1-native' has the name \"sev1\" of ResponsePlan 'sev1'; response plan names are unique in an account, so AWS refuses the second plan.",
    ]);
  });
});
