/**
 * `require-two-channel-types` (policies/rules/channels/requireTwoChannelTypes.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, nativeStack } from "../../fixtures";
import { configFor } from "../../harness";
import { violations, both } from "../../support";

describe("require-two-channel-types", () => {
  const rule = r.requireTwoChannelTypes;
  for (const [flavour, stack] of both) {
    it(`Compliance: ${flavour} people with two channel types`, async () => {
      const people = stack().filter((f) => !f.name.startsWith("sre-list"));
      assert.deepEqual(await violations(rule, people), []);
    });
  }
  it("Noncompliance 1: one EMAIL channel (aws-native)", async () => {
    assert.deepEqual(await violations(rule, nativeStack()), [
      "Contact 'sre-list' has channels of 1 type (EMAIL); give it at least 2 of EMAIL, SMS and VOICE.",
    ]);
  });
  it("Noncompliance 2: no channels, and minChannelTypes 3 (classic)", async () => {
    const stack = classicStack().filter((f) => !f.name.startsWith("sre-list-"));
    assert.deepEqual(await violations(rule, stack, configFor(rule, { minChannelTypes: 3 })), [
      "Contact 'taro' has channels of 2 type (EMAIL, SMS); give it at least 3 of EMAIL, SMS and VOICE.",
      "Contact 'hanako' has channels of 2 type (EMAIL, VOICE); give it at least 3 of EMAIL, SMS and VOICE.",
      "Contact 'sre-list' has no channels; give it at least 3 of EMAIL, SMS and VOICE.",
    ]);
  });
});
