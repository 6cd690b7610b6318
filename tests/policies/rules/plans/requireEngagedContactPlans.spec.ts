/**
 * `require-engaged-contact-plans` (policies/rules/plans/requireEngagedContactPlans.ts): the
 * compliant fixture stacks of both flavours, then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { classicStack, contactArn, mutate, nativeStack } from "../../fixtures";
import { ResourceFixture } from "../../harness";
import { violations, compliance } from "../../support";

describe("require-engaged-contact-plans", () => {
  const rule = r.requireEngagedContactPlans;
  compliance(rule, "stack (every engaged contact has a plan)");

  /** The classic stack without hanako's engagement plan: hanako is a member of the rotation. */
  const classicWithoutPlan = () => classicStack().filter((f) => f.name !== "hanako-plan");
  /** The aws-native stack whose mailing-list contact lost its inline plan. */
  const nativeWithoutPlan = () => mutate(nativeStack(), "sre-list", (p) => delete p.plan);

  it("Noncompliance 1: a rotation member without a plan (classic)", async () => {
    assert.deepEqual(await violations(rule, classicWithoutPlan()), [
      "Contact 'hanako' has channels (EMAIL, VOICE) but no engagement plan, so Incident Manager never pages it when ContactsRotation 'primary' (`contactIds[1]`) engages it.",
    ]);
  });
  it("Noncompliance 2: an escalation target and a response plan engagement without a plan (aws-native)", async () => {
    const stack = mutate(nativeWithoutPlan(), "sev1", (p) =>
      p.engagements.push(contactArn("sre-list")),
    );
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'sre-list' has channels (EMAIL) but no engagement plan, so Incident Manager never pages it when ResponsePlan 'sev1' (`engagements[1]`), Contact 'sre-escalation' (`plan[1].targets[0].contactTargetInfo`) engages it.",
    ]);
  });
  it("Noncompliance 3: an escalation target without a plan, through a classic Plan", async () => {
    const stack = classicStack().filter((f) => f.name !== "sre-list-plan");
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'sre-list' has channels (EMAIL) but no engagement plan, so Incident Manager never pages it when Contact 'sre-escalation' (`stages[1].targets[0].contactTargetInfo`) engages it.",
    ]);
  });
  it("includeRotationMembers: false leaves rotation members out", async () => {
    assert.deepEqual(
      await violations(rule, classicWithoutPlan(), { includeRotationMembers: false }),
      [],
    );
  });
  it("leaves a contact nothing engages to require-plan-covers-channels (advisory)", async () => {
    const stack = mutate(nativeWithoutPlan(), "sre-escalation", (p) => p.plan.pop());
    assert.deepEqual(await violations(rule, stack), []);
    assert.deepEqual(await violations(r.requirePlanCoversChannels, stack), [
      "Contact 'sre-list' has channels but no engagement plan, so none of them is engaged.",
    ]);
  });
  it("one verdict: the final stage rule does not also report the planless target", async () => {
    assert.deepEqual(await violations(r.requireEmailOnlyFinalStage, nativeWithoutPlan()), []);
  });

  /** sev1 engaging sre-list through an engagement still unknown during preview. */
  const unknownEngagement = (deps?: string[]): ResourceFixture[] =>
    mutate(nativeWithoutPlan(), "sre-escalation", (p) => p.plan.pop()).map((f) =>
      f.name === "sev1"
        ? {
            ...f,
            props: { ...f.props, engagements: [contactArn("sre-escalation"), unknownValue] },
            ...(deps === undefined ? {} : { propertyDependencies: { engagements: deps } }),
          }
        : f,
    );
  it("follows an unknown engagement through propertyDependencies during preview", async () => {
    assert.deepEqual(await violations(rule, unknownEngagement(["sre-list"])), [
      "Contact 'sre-list' has channels (EMAIL) but no engagement plan, so Incident Manager never pages it when ResponsePlan 'sev1' (`engagements[1]`) engages it.",
    ]);
  });
  it("lets the SDK report an engagement it cannot follow as not checked", async () => {
    await assert.rejects(
      violations(rule, unknownEngagement(["sre-list", "sre-escalation"])),
      (err) => err instanceof UnknownValueError,
    );
  });
});
