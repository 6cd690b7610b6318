/**
 * `enforce-plan-stage-timing` (policies/rules/plans/enforceStageTiming.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack, pick } from "../../fixtures";
import { runResource } from "../../harness";
import { on, compliance } from "../../support";

describe("enforce-plan-stage-timing", () => {
  const rule = r.enforcePlanStageTiming;
  compliance(rule, "plans");
  it("Noncompliance 1: 45-minute stage and 90-minute retry (classic Plan)", async () => {
    const stack = mutate(classicStack(), "taro-plan", (p) => {
      p.stages[1].durationInMinutes = 45;
      p.stages[1].targets[0].channelTargetInfo.retryIntervalInMinutes = 90;
    });
    assert.deepEqual(await on(rule, stack, "taro-plan"), [
      "`stages[1].durationInMinutes` must be 0-30 minutes; got 45.",
      "`stages[1].targets[0].channelTargetInfo.retryIntervalInMinutes` must be 0-60 minutes; got 90.",
    ]);
  });
  it("Noncompliance 2: 0 minutes with no target, and a fraction (aws-native Contact)", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[0].durationInMinutes = 2.5;
      p.plan[1].targets = [];
    });
    assert.deepEqual(await on(rule, stack, "sre-escalation"), [
      "`plan[0].durationInMinutes` must be a whole number of minutes; got 2.5.",
      "`plan[1].durationInMinutes` is 0 but the stage has no targets; give it a target or a duration.",
    ]);
  });
  it("is not applicable to other types", async () => {
    const out = await runResource(rule, pick(nativeStack(), "sev1"));
    assert.deepEqual(out.violations, []);
    assert.match(
      out.notApplicable ?? "",
      /^Policy only applies to resources of type aws:ssmcontacts\/plan:Plan, /,
    );
  });
});
