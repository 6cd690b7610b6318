/**
 * `disallow-duplicate-rotation-names` (policies/rules/names/disallowDuplicateRotationNames.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { contactArn } from "../../fixtures";
import { violations, compliance, copyOf, both } from "../../support";

describe("disallow-duplicate-rotation-names (advisory)", () => {
  const rule = r.disallowDuplicateRotationNames;
  compliance(rule);
  for (const [flavour, stack] of both) {
    it(`Noncompliance 1: two rotations named primary (${flavour})`, async () => {
      const fixtures = stack();
      fixtures.push(
        copyOf(fixtures, "primary", "primary-2", (p) => (p.contactIds = [contactArn("taro")])),
      );
      const type = flavour === "classic" ? "ContactsRotation" : "Rotation";
      assert.deepEqual(await violations(rule, fixtures), [
        `${type} 'primary-2' has the rotation name "primary" of ${type} 'primary' in the provider's region; AWS does not document whether rotation names are unique, and two rotations with one name cannot be told apart by name.`,
      ]);
    });
  }
});
