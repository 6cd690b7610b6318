/**
 * `require-deletion-protection` (policies/rules/replication/requireDeletionProtection.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack, pick } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { compliance } from "../../support";

describe("require-deletion-protection", () => {
  const rule = r.requireDeletionProtection;
  compliance(rule, "protected replication set");
  it("Noncompliance 1: deletion protection off and no protect (aws-native)", async () => {
    const stack = mutate(nativeStack(), "replication-set", (p) => (p.deletionProtected = false));
    const fixture = { ...pick(stack, "replication-set"), protect: false };
    assert.deepEqual(messages(await runResource(rule, fixture)), [
      "`deletionProtected` must be true so the replication set cannot be deleted by accident.",
      "The replication set must have the `protect` resource option, so `pulumi destroy` refuses to delete it.",
    ]);
  });
  it("Noncompliance 2: classic without protect; requireProtect false accepts it", async () => {
    const fixture = { ...pick(classicStack(), "replication-set"), protect: false };
    assert.deepEqual(messages(await runResource(rule, fixture)), [
      "The replication set must have the `protect` resource option, so `pulumi destroy` refuses to delete it.",
    ]);
    assert.deepEqual(
      messages(await runResource(rule, fixture, configFor(rule, { requireProtect: false }))),
      [],
    );
  });
});
