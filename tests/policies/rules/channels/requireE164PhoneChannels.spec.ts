/**
 * `require-e164-phone-channels` (policies/rules/channels/requireE164PhoneChannels.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { phoneRewrite } from "../../../../policies/rules/channels/requireE164PhoneChannels";
import { classicStack, mutate, nativeStack, pick } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { compliance, on } from "../../support";

describe("require-e164-phone-channels", () => {
  const rule = r.requireE164PhoneChannels;
  compliance(rule, "SMS and VOICE channels");
  it("Noncompliance 1: trunk 0 after +81 (aws-native)", async () => {
    const stack = mutate(nativeStack(), "taro-sms", (p) => (p.channelAddress = "+8109012345678"));
    assert.deepEqual(await on(rule, stack, "taro-sms"), [
      '`channelAddress` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+8109012345678". Drop the trunk 0 after the country code: write +819012345678.',
    ]);
  });
  it("Noncompliance 2: spaces and dashes (classic)", async () => {
    const stack = mutate(
      classicStack(),
      "taro-sms",
      (p) => (p.deliveryAddress.simpleAddress = "+81 90-1234-5678"),
    );
    assert.deepEqual(await on(rule, stack, "taro-sms"), [
      '`deliveryAddress.simpleAddress` must be written in E.164 form without spaces or punctuation; got "+81 90-1234-5678". Write +819012345678.',
    ]);
  });
  it("Noncompliance 3: SMS to a fixed line, and a number with no country code", async () => {
    const landline = mutate(nativeStack(), "taro-sms", (p) => (p.channelAddress = "+81312345678"));
    assert.deepEqual(await on(rule, landline, "taro-sms"), [
      '`channelAddress` is a fixed line, which cannot receive SMS (the activation code would never arrive); got "+81312345678". Use a mobile number for SMS, or make this a VOICE channel.',
    ]);
    const national = mutate(
      classicStack(),
      "hanako-voice",
      (p) => (p.deliveryAddress.simpleAddress = "090-1234-5678"),
    );
    assert.deepEqual(await on(rule, national, "hanako-voice"), [
      '`deliveryAddress.simpleAddress` must be an E.164 number such as +819012345678; got "090-1234-5678". Write it with + and the country code, or set `defaultCountry` to read national numbers.',
    ]);
  });
  it("config rejectFixedLineSms: false accepts an SMS landline", async () => {
    const landline = mutate(nativeStack(), "taro-sms", (p) => (p.channelAddress = "+81312345678"));
    const out = await runResource(
      rule,
      pick(landline, "taro-sms"),
      configFor(rule, { rejectFixedLineSms: false }),
    );
    assert.deepEqual(messages(out), []);
  });
  it("remediates only safe rewrites, in both flavours", async () => {
    assert.equal(phoneRewrite("+81 90-1234-5678"), "+819012345678");
    assert.equal(phoneRewrite("+8109012345678"), "+819012345678");
    assert.equal(phoneRewrite("+819012345678"), undefined);
    assert.equal(phoneRewrite("12345"), undefined);
    const remediate = rule.remediateResource!;
    const native = pick(
      mutate(nativeStack(), "taro-sms", (p) => (p.channelAddress = "+81 90-1234-5678")),
      "taro-sms",
    );
    const nativeArgs = { type: native.type, props: native.props } as Parameters<
      typeof remediate
    >[0];
    assert.deepEqual(await remediate(nativeArgs), {
      ...native.props,
      channelAddress: "+819012345678",
    });
    const classic = pick(
      mutate(
        classicStack(),
        "taro-sms",
        (p) => (p.deliveryAddress.simpleAddress = "+8109012345678"),
      ),
      "taro-sms",
    );
    const classicArgs = { type: classic.type, props: classic.props } as Parameters<
      typeof remediate
    >[0];
    assert.deepEqual(await remediate(classicArgs), {
      ...classic.props,
      deliveryAddress: { simpleAddress: "+819012345678" },
    });
    const email = pick(nativeStack(), "taro-email");
    assert.equal(
      await remediate({ type: email.type, props: email.props } as Parameters<typeof remediate>[0]),
      undefined,
    );
  });
});
