/**
 * `disallow-duplicate-contact-aliases` (policies/rules/names/disallowDuplicateContactAliases.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue as unknownStringValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { T, classicStack, nativeStack, pick } from "../../fixtures";
import { configFor } from "../../harness";
import { violations, compliance, copyOf } from "../../support";

describe("disallow-duplicate-contact-aliases", () => {
  const rule = r.disallowDuplicateContactAliases;
  compliance(rule);
  it("Noncompliance 1: an ESCALATION contact with an on-call schedule's alias (aws-native)", async () => {
    const stack = nativeStack();
    stack.push(
      copyOf(stack, "sre-escalation", "sre-escalation-2", (p) => (p.alias = "sre-oncall")),
    );
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'sre-escalation-2' has the alias \"sre-oncall\" of Contact 'sre-oncall' in the provider's region; contact aliases are unique in an account and region, so AWS refuses the second contact.",
    ]);
  });
  it("Noncompliance 2: a classic and an aws-native contact with one alias", async () => {
    const stack = classicStack();
    stack.push({ ...pick(nativeStack(), "taro", T.native.contact), name: "taro-native" });
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'taro-native' has the alias \"taro\" of Contact 'taro' in the provider's region; contact aliases are unique in an account and region, so AWS refuses the second contact.",
    ]);
  });
  it("Noncompliance 3: one alias in one explicit region; another region and allowedDuplicates pass", async () => {
    const stack = classicStack();
    const inTokyo = (p: Record<string, unknown>) => (p.region = "ap-northeast-1");
    stack.push(copyOf(stack, "taro", "taro-tokyo-1", inTokyo, T.classic.contact));
    stack.push(copyOf(stack, "taro", "taro-tokyo-2", inTokyo, T.classic.contact));
    stack.push(
      copyOf(stack, "taro", "taro-seoul", (p) => (p.region = "ap-northeast-2"), T.classic.contact),
    );
    assert.deepEqual(await violations(rule, stack), [
      "Contact 'taro-tokyo-2' has the alias \"taro\" of Contact 'taro-tokyo-1' in ap-northeast-1; contact aliases are unique in an account and region, so AWS refuses the second contact.",
    ]);
    const allowed = configFor(rule, { allowedDuplicates: ["taro"] });
    assert.deepEqual(await violations(rule, stack, allowed), []);
  });
  it("lets the SDK report an alias still unknown during preview", async () => {
    const stack = nativeStack();
    stack.push(copyOf(stack, "sre-escalation", "later", (p) => (p.alias = unknownStringValue)));
    await assert.rejects(violations(rule, stack), (err) => err instanceof UnknownValueError);
  });
});
