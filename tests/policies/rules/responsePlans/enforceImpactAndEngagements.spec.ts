/**
 * `enforce-response-plan-impact-and-engagements` (policies/rules/responsePlans/enforceImpactAndEngagements.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, contactArn, mutate, nativeStack } from "../../fixtures";
import { on, compliance } from "../../support";

describe("enforce-response-plan-impact-and-engagements", () => {
  const rule = r.enforceResponsePlanImpactAndEngagements;
  compliance(rule, "response plan");
  it("Noncompliance 1: impact 0 and no engagements (aws-native)", async () => {
    const stack = mutate(nativeStack(), "sev1", (p) => {
      p.incidentTemplate.impact = 0;
      p.engagements = [];
    });
    assert.deepEqual(await on(rule, stack, "sev1"), [
      "`incidentTemplate.impact` must be a whole number from 1 (critical) to 5 (no impact); got 0.",
      "`engagements` must list 1-5 contacts or escalation plans to page; got 0.",
    ]);
  });
  it("Noncompliance 2: impact as a string and six engagements (classic)", async () => {
    const stack = mutate(classicStack(), "sev1", (p) => {
      p.incidentTemplate.impact = "1";
      p.engagements = Array.from({ length: 6 }, (_, i) => contactArn(`c${i}`));
    });
    assert.deepEqual(await on(rule, stack, "sev1"), [
      '`incidentTemplate.impact` must be a whole number from 1 (critical) to 5 (no impact); got "1".',
      "`engagements` must list 1-5 contacts or escalation plans to page; got 6.",
    ]);
  });
});
