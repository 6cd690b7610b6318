/**
 * `require-rotation-members-and-zone` (policies/rules/rotations/requireRotationMembersAndZone.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack } from "../../fixtures";
import { on, compliance } from "../../support";

describe("require-rotation-members-and-zone", () => {
  const rule = r.requireRotationMembersAndZone;
  compliance(rule, "rotation");
  it("Noncompliance 1: one member and JST (aws-native)", async () => {
    const stack = mutate(nativeStack(), "primary", (p) => {
      p.contactIds.pop();
      p.timeZoneId = "JST";
    });
    assert.deepEqual(await on(rule, stack, "primary"), [
      "`contactIds` must list at least 2 members; got 1.",
      '`timeZoneId` must be an IANA time zone id such as Asia/Tokyo; got "JST".',
    ]);
  });
  it("Noncompliance 2: a made-up zone (classic)", async () => {
    const stack = mutate(classicStack(), "primary", (p) => (p.timeZoneId = "Asia/Atlantis"));
    assert.deepEqual(await on(rule, stack, "primary"), [
      '`timeZoneId` must be an IANA time zone id such as Asia/Tokyo; got "Asia/Atlantis".',
    ]);
  });
});
