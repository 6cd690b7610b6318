/**
 * `enforce-role-name-length` (policies/rules/iam/enforceRoleNameLength.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { T, classicStack, mutate } from "../../fixtures";
import { messages, runResource } from "../../harness";
import { on, compliance } from "../../support";

describe("enforce-role-name-length", () => {
  const rule = r.enforceRoleNameLength;
  compliance(rule, "roles");
  it("Noncompliance 1: an explicit name over 64 characters (classic)", async () => {
    const stack = mutate(classicStack(), "start-incident", (p) => (p.name = "r".repeat(65)));
    assert.deepEqual(await on(rule, stack, "start-incident", T.classic.role), [
      "`name` must be at most 64 characters (iam CreateRole RoleName); got 65.",
    ]);
  });
  it("Noncompliance 2: an auto-named role whose resource name is over 56 characters (aws-native)", async () => {
    const name = "r".repeat(57);
    const fixture = { type: T.native.role, name, props: { assumeRolePolicyDocument: {} } };
    assert.deepEqual(messages(await runResource(rule, fixture)), [
      `The role has no name, so the provider names it '${name}' plus 8 characters: 65, more than IAM's 64.`,
    ]);
    const fits = { ...fixture, name: "r".repeat(56) };
    assert.deepEqual(messages(await runResource(rule, fits)), []);
  });
});
