/**
 * `require-customer-managed-keys` (policies/rules/replication/requireCustomerManagedKeys.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, keyArn, mutate, nativeStack, pick } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { on, compliance } from "../../support";

describe("require-customer-managed-keys", () => {
  const rule = r.requireCustomerManagedKeys;
  compliance(rule, "replication set with a key per region");
  it("Noncompliance 1: a mix of keys (aws-native)", async () => {
    const stack = mutate(
      nativeStack(),
      "replication-set",
      (p) => delete p.regions[1].regionConfiguration,
    );
    assert.deepEqual(await on(rule, stack, "replication-set"), [
      "The replication set mixes customer-managed and AWS-owned keys: `regions[1]` use an AWS-owned key. AWS requires one kind in every region.",
    ]);
  });
  it("Noncompliance 2: AWS-owned keys everywhere (classic DefaultKey)", async () => {
    const stack = mutate(classicStack(), "replication-set", (p) => {
      p.regions[0].kmsKeyArn = "DefaultKey";
      delete p.regions[1].kmsKeyArn;
    });
    assert.deepEqual(await on(rule, stack, "replication-set"), [
      "The replication set uses AWS-owned keys in every region; use a customer-managed KMS key per region to control and audit access to incident data.",
    ]);
    const allowed = await runResource(
      rule,
      pick(stack, "replication-set"),
      configFor(rule, { allowAwsOwnedKeys: true }),
    );
    assert.deepEqual(messages(allowed), []);
  });
  it("keeps the key ARN fixture honest", () =>
    assert.match(keyArn("ap-northeast-1"), /^arn:aws:kms:/));
});
