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
      "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact with no rotations; list them in `plan[].rotationIds`.",
      "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact but has stages (`plan[0]`); an on-call schedule pages through its rotations only.",
    ]);
  });
  it("Noncompliance 2: a classic ONCALL_SCHEDULE contact without rotationIds (as @pulumi/aws 7.48 makes it)", async () => {
    const stack: ResourceFixture[] = [
      ...classicStack(),
      {
        type: T.classic.contact,
        name: "schedule",
        props: { alias: "schedule", type: "ONCALL_SCHEDULE", arn: contactArn("schedule") },
      },
    ];
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'schedule' is an ONCALL_SCHEDULE contact with no rotations; list them in `rotationIds` (once your @pulumi/aws has the field; 7.48 does not), or make the schedule an aws-native contact with `plan[].rotationIds`.",
    ]);
  });
  /** A classic on-call schedule with Terraform's newest contact's `rotation_ids` (`rotationIds`). */
  const classicSchedule = (rotationIds: unknown[]): ResourceFixture => ({
    type: T.classic.contact,
    name: "sre-oncall",
    props: {
      alias: "sre-oncall",
      type: "ONCALL_SCHEDULE",
      rotationIds,
      tags: { team: "sre" },
      arn: contactArn("sre-oncall"),
    },
  });
  it("Compliance: a classic ONCALL_SCHEDULE contact with rotationIds", async () => {
    const stack = [...classicStack(), classicSchedule([rotationArn("primary")])];
    assert.deepEqual(await violations(rule, stack), []);
  });
  it("Noncompliance 3: a classic schedule with nine rotationIds, and an empty list", async () => {
    const nine = Array.from({ length: 9 }, () => rotationArn("primary"));
    assert.deepEqual(await violations(rule, [...classicStack(), classicSchedule(nine)]), [
      "Contact 'sre-oncall' lists 9 rotations; at most 8 are allowed (an on-call schedule supports up to 8, per the Incident Manager user guide).",
    ]);
    assert.deepEqual(await violations(rule, [...classicStack(), classicSchedule([])]), [
      "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact with no rotations; list them in `rotationIds` (once your @pulumi/aws has the field; 7.48 does not), or make the schedule an aws-native contact with `plan[].rotationIds`.",
    ]);
  });
  it("the final stage rule follows a classic schedule's rotationIds to its members", async () => {
    const stack = mutate(
      [...classicStack(), classicSchedule([rotationArn("primary")])],
      "sre-escalation-plan",
      (p) => (p.stages[1].targets[0].contactTargetInfo.contactId = contactArn("sre-oncall")),
    );
    assert.deepEqual(await violations(r.requireEmailOnlyFinalStage, stack), [
      "The final stage `stages[1]` of Contact 'sre-escalation' reaches its targets by SMS, VOICE; it must use EMAIL only, so the last resort does not wake people again.",
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
