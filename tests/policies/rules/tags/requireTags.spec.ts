/**
 * `require-tags` (policies/rules/tags/requireTags.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack, pick } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { on, compliance } from "../../support";

describe("require-tags", () => {
  const rule = r.requireTags;
  compliance(rule, "resources tagged team");
  it("Noncompliance 1: untagged response plan (aws-native)", async () => {
    const stack = mutate(nativeStack(), "sev1", (p) => delete p.tags);
    assert.deepEqual(await on(rule, stack, "sev1"), ['`tags` must include "team"; got no tags.']);
  });
  it("Noncompliance 2: keys from config (classic)", async () => {
    const out = await runResource(
      rule,
      pick(classicStack(), "primary"),
      configFor(rule, { requiredTags: ["team", "cost-center"] }),
    );
    assert.deepEqual(messages(out), ['`tags` must include "cost-center"; got team.']);
  });
});
