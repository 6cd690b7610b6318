/**
 * `disallow-escalation-channel-targets` (policies/rules/plans/disallowEscalationChannelTargets.ts):
 * the compliant fixture stacks of both flavours, then one mutation per case, asserting the exact
 * message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { channelArn, classicStack, mutate, nativeStack } from "../../fixtures";
import { violations, compliance } from "../../support";

describe("disallow-escalation-channel-targets", () => {
  const rule = r.disallowEscalationChannelTargets;
  compliance(rule, "escalation plans targeting contacts");
  it("Compliance: engagement plans target channels (both fixtures do)", async () => {
    const stack = mutate(nativeStack(), "taro", (p) => {
      p.plan[0].targets[0].channelTargetInfo.channelId = channelArn("taro", "sms");
    });
    assert.deepEqual(await violations(rule, stack), []);
  });
  it("Noncompliance 1: an aws-native escalation plan's stage targets an SMS channel", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[0].targets.push({
        channelTargetInfo: { channelId: channelArn("taro", "sms"), retryIntervalInMinutes: 1 },
      });
    });
    assert.deepEqual(await violations(rule, stack), [
      "`plan[0].targets[1].channelTargetInfo` of Contact 'sre-escalation''s escalation plan targets ContactChannel 'taro-sms' (SMS); AWS documents an escalation plan's stages as engaging contacts, not channels. Target the channel's contact instead, so its engagement plan pages it.",
    ]);
  });
  it("Noncompliance 2: a classic escalation Plan targets a channel outside the stack", async () => {
    const stack = mutate(classicStack(), "sre-escalation-plan", (p) => {
      p.stages[1].targets = [
        { channelTargetInfo: { contactChannelId: channelArn("elsewhere", "email") } },
      ];
    });
    assert.deepEqual(await violations(rule, stack), [
      "`stages[1].targets[0].channelTargetInfo` of Contact 'sre-escalation''s escalation plan (Plan 'sre-escalation-plan') targets a contact channel; AWS documents an escalation plan's stages as engaging contacts, not channels. Target the channel's contact instead, so its engagement plan pages it.",
    ]);
  });
  it("allowedChannelTypes lets an EMAIL channel target pass, not an SMS one", async () => {
    const stack = mutate(classicStack(), "sre-escalation-plan", (p) => {
      p.stages[1].targets = [
        { channelTargetInfo: { contactChannelId: channelArn("sre-list", "email") } },
        { channelTargetInfo: { contactChannelId: channelArn("taro", "sms") } },
      ];
    });
    assert.deepEqual(await violations(rule, stack, { allowedChannelTypes: ["EMAIL"] }), [
      "`stages[1].targets[1].channelTargetInfo` of Contact 'sre-escalation''s escalation plan (Plan 'sre-escalation-plan') targets ContactChannel 'taro-sms' (SMS); AWS documents an escalation plan's stages as engaging contacts, not channels. Target the channel's contact instead, so its engagement plan pages it.",
    ]);
  });
  it("lets the SDK report a channel id it cannot follow during preview", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[0].targets = [{ channelTargetInfo: { channelId: unknownValue } }];
    });
    await assert.rejects(violations(rule, stack), (err) => err instanceof UnknownValueError);
  });
});
