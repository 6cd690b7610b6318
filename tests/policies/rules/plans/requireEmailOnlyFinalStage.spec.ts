/**
 * `require-email-only-final-stage` (policies/rules/plans/requireEmailOnlyFinalStage.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue as unknownStringValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { classicStack, contactArn, mutate, nativeStack } from "../../fixtures";
import { violations, compliance } from "../../support";

describe("require-email-only-final-stage", () => {
  const rule = r.requireEmailOnlyFinalStage;
  compliance(rule, "escalation ending on an EMAIL-only contact");
  it("Noncompliance 1: the final stage pages a person by SMS (aws-native)", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[1].targets[0].contactTargetInfo.contactId = contactArn("taro");
    });
    assert.deepEqual(await violations(rule, stack), [
      "The final stage `plan[1]` of Contact 'sre-escalation' reaches its targets by SMS; it must use EMAIL only, so the last resort does not wake people again.",
    ]);
  });
  it("Noncompliance 2: the final stage is the on-call schedule (follows rotations to members)", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => p.plan.pop());
    assert.deepEqual(await violations(rule, stack), [
      "The final stage `plan[0]` of Contact 'sre-escalation' reaches its targets by SMS, VOICE; it must use EMAIL only, so the last resort does not wake people again.",
    ]);
  });
  it("Noncompliance 3: a target outside the stack, and one with no plan (classic)", async () => {
    let stack = mutate(classicStack(), "sre-escalation-plan", (p) => {
      p.stages[1].targets.push({
        contactTargetInfo: { contactId: contactArn("elsewhere"), isEssential: false },
      });
    });
    stack = stack.filter((f) => f.name !== "sre-list-plan");
    assert.deepEqual(await violations(rule, stack), [
      "The final stage `stages[1]` of Contact 'sre-escalation' cannot be checked: Contact 'sre-list' has no engagement plan, so its channels cannot be seen.",
      "The final stage `stages[1]` of Contact 'sre-escalation' cannot be checked: the contact of `stages[1].targets[1].contactTargetInfo` is not in this stack.",
    ]);
  });
  it("follows an unknown contact id through propertyDependencies during preview", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan = [p.plan[1]];
      p.plan[0].targets[0].contactTargetInfo.contactId = unknownStringValue;
    }).map((f) =>
      f.name === "sre-escalation" ? { ...f, propertyDependencies: { plan: ["sre-list"] } } : f,
    );
    assert.deepEqual(await violations(rule, stack), []);
  });
  it("lets the SDK report an unknown it cannot resolve", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[1].targets[0].contactTargetInfo.contactId = unknownStringValue;
    });
    await assert.rejects(violations(rule, stack), (err) => err instanceof UnknownValueError);
  });
});
