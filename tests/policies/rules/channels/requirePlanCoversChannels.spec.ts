/**
 * `require-plan-covers-channels` (policies/rules/channels/requirePlanCoversChannels.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, contactArn, mutate, nativeStack } from "../../fixtures";
import { violations, compliance } from "../../support";

describe("require-plan-covers-channels", () => {
  const rule = r.requirePlanCoversChannels;
  compliance(rule, "plans engage every channel");
  it("Noncompliance 1: a channel no stage targets (aws-native)", async () => {
    const stack = mutate(nativeStack(), "taro", (p) => p.plan.pop());
    assert.deepEqual(await violations(rule, stack), [
      "The engagement plan of Contact 'taro' never engages ContactChannel 'taro-sms'.",
    ]);
  });
  it("Noncompliance 2: channels but no plan, and nothing engages the contact (classic)", async () => {
    const stack = mutate(
      classicStack().filter((f) => f.name !== "hanako-plan"),
      "primary",
      (p) => (p.contactIds = [contactArn("taro")]),
    );
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'hanako' has channels but no engagement plan, so none of them is engaged.",
    ]);
  });
  it("leaves a contact that is engaged without a plan to require-engaged-contact-plans", async () => {
    // hanako is a member of the rotation: one mandatory verdict, from rule 26.
    const stack = classicStack().filter((f) => f.name !== "hanako-plan");
    assert.deepEqual(await violations(rule, stack), []);
    assert.equal((await violations(r.requireEngagedContactPlans, stack)).length, 1);
  });
});
