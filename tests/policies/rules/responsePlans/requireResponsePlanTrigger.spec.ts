/**
 * `require-response-plan-trigger` (policies/rules/responsePlans/requireResponsePlanTrigger.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue as unknownStringValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack, responsePlanArn } from "../../fixtures";
import { configFor } from "../../harness";
import { violations, compliance } from "../../support";

describe("require-response-plan-trigger", () => {
  const rule = r.requireResponsePlanTrigger;
  compliance(rule, "plan started by an alarm or EventBridge");
  it("Noncompliance 1: the alarm acts on another plan (aws-native)", async () => {
    const stack = mutate(
      nativeStack(),
      "errors",
      (p) => (p.alarmActions = [responsePlanArn("other")]),
    );
    assert.deepEqual(await violations(rule, stack), [
      "ResponsePlan 'sev1' is not started by any alarm action or EventBridge target in this stack.",
    ]);
  });
  it("Noncompliance 2: only EventBridge, which config excludes (classic)", async () => {
    assert.deepEqual(
      await violations(rule, classicStack(), configFor(rule, { allowEventBridge: false })),
      ["ResponsePlan 'sev1' is not started by any alarm action in this stack."],
    );
  });
  it("links an unknown plan ARN through propertyDependencies", async () => {
    const stack = mutate(
      nativeStack(),
      "errors",
      (p) => (p.alarmActions = [unknownStringValue]),
    ).map((f) =>
      f.name === "errors" ? { ...f, propertyDependencies: { alarmActions: ["sev1"] } } : f,
    );
    assert.deepEqual(await violations(rule, stack), []);
  });
});
