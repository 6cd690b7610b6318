/**
 * `require-oncall-schedule-rotations` (policies/rules/plans/requireOncallScheduleRotations.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { T, classicStack, contactArn, mutate, nativeStack, rotationArn } from "../../fixtures";
import { ResourceFixture } from "../../harness";
import { violations, compliance } from "../../support";

describe("require-oncall-schedule-rotations", () => {
  const rule = r.requireOncallScheduleRotations;
  compliance(rule, "stack");
  it("Noncompliance 1: an aws-native schedule with no rotations and a stage", async () => {
    const stack = mutate(nativeStack(), "sre-oncall", (p) => {
      p.plan = [
        {
          durationInMinutes: 5,
          targets: [{ contactTargetInfo: { contactId: contactArn("taro"), isEssential: true } }],
        },
      ];
    });
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact with no rotations; list them in `plan[].rotationIds` of an aws-native contact.",
      "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact but has stages (`plan[0]`); an on-call schedule pages through its rotations only.",
    ]);
  });
  it("Noncompliance 2: a classic ONCALL_SCHEDULE contact cannot list rotations", async () => {
    const stack: ResourceFixture[] = [
      ...classicStack(),
      {
        type: T.classic.contact,
        name: "schedule",
        props: { alias: "schedule", type: "ONCALL_SCHEDULE", arn: contactArn("schedule") },
      },
    ];
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'schedule' is an ONCALL_SCHEDULE contact with no rotations; list them in `plan[].rotationIds` of an aws-native contact.",
    ]);
  });
  it("accepts rotations listed in a separate aws-native Plan", async () => {
    const stack = mutate(nativeStack(), "sre-oncall", (p) => delete p.plan);
    stack.push({
      type: T.native.plan,
      name: "sre-oncall-plan",
      props: { contactId: contactArn("sre-oncall"), rotationIds: [contactArn("x")] },
    });
    assert.deepEqual(await violations(rule, stack), []);
  });
});

describe("require-oncall-schedule-rotations: at most 8 rotations by default", () => {
  it("Noncompliance: nine rotations on an aws-native schedule", async () => {
    const stack = mutate(nativeStack(), "sre-oncall", (p) => {
      p.plan[0].rotationIds = Array.from({ length: 9 }, () => rotationArn("primary"));
    });
    assert.deepEqual(await violations(r.requireOncallScheduleRotations, stack), [
      "Contact 'sre-oncall' lists 9 rotations; at most 8 are allowed (an on-call schedule supports up to 8, per the Incident Manager user guide).",
    ]);
  });
});
