/**
 * `require-valid-email-channels` (policies/rules/channels/requireValidEmailChannels.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack, pick } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { on, compliance } from "../../support";

describe("require-valid-email-channels", () => {
  const rule = r.requireValidEmailChannels;
  compliance(rule, "EMAIL channels");
  it("Noncompliance 1: not an address (aws-native)", async () => {
    const stack = mutate(
      nativeStack(),
      "taro-email",
      (p) => (p.channelAddress = "taro.example.com"),
    );
    assert.deepEqual(await on(rule, stack, "taro-email"), [
      '`channelAddress` must be a valid email address such as oncall@example.com; got "taro.example.com".',
    ]);
  });
  it("Noncompliance 2: too long for the API's 320 characters, and missing (classic)", async () => {
    const address = `${"t".repeat(309)}@example.com`;
    const long = mutate(
      classicStack(),
      "taro-email",
      (p) => (p.deliveryAddress.simpleAddress = address),
    );
    assert.deepEqual(await on(rule, long, "taro-email"), [
      `\`deliveryAddress.simpleAddress\` must be an email address of at most 320 characters (ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress), not 321; got "${"t".repeat(76)}....`,
    ]);
    // "a@b" is short but valid for AWS (the console's 6-character minimum is not the API's).
    const short = mutate(
      classicStack(),
      "taro-email",
      (p) => (p.deliveryAddress.simpleAddress = "a@b"),
    );
    assert.deepEqual(await on(rule, short, "taro-email"), [
      '`deliveryAddress.simpleAddress` must be a valid email address such as oncall@example.com; got "a@b".',
    ]);
    const missing = mutate(classicStack(), "taro-email", (p) => delete p.deliveryAddress);
    assert.deepEqual(await on(rule, missing, "taro-email"), [
      "`deliveryAddress.simpleAddress` must be an email address; got nothing.",
    ]);
  });
  it("Noncompliance 3: outside allowedDomains", async () => {
    const out = await runResource(
      rule,
      pick(nativeStack(), "taro-email"),
      configFor(rule, { allowedDomains: ["corp.example"] }),
    );
    assert.deepEqual(messages(out), [
      '`channelAddress` must be in one of the allowed domains (corp.example); got "taro@example.com".',
    ]);
  });
});
