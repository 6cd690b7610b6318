/**
 * `require-multi-region-replication-set` (policies/rules/replication/requireMultiRegionReplicationSet.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack, pick } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";
import { on, compliance } from "../../support";

describe("require-multi-region-replication-set", () => {
  const rule = r.requireMultiRegionReplicationSet;
  compliance(rule, "replication set in two regions");
  it("Noncompliance 1: one region (aws-native)", async () => {
    const stack = mutate(nativeStack(), "replication-set", (p) => p.regions.pop());
    assert.deepEqual(await on(rule, stack, "replication-set"), [
      "The replication set must span at least 2 distinct regions; got 1 (ap-northeast-1). Add a region so Incident Manager can fail over.",
    ]);
  });
  it("Noncompliance 2: a duplicated and an unknown region name (classic)", async () => {
    const stack = mutate(classicStack(), "replication-set", (p) => {
      p.regions[1].name = "ap-northeast-1";
      p.regions.push({ name: "tokyo" });
    });
    assert.deepEqual(await on(rule, stack, "replication-set"), [
      '`regions[2]` must name an AWS Region such as ap-northeast-1; got "tokyo".',
      "The replication set must span at least 2 distinct regions; got 1 (ap-northeast-1). Add a region so Incident Manager can fail over.",
    ]);
  });
  it("Noncompliance 3: minRegions 3 from config", async () => {
    const out = await runResource(
      rule,
      pick(nativeStack(), "replication-set"),
      configFor(rule, { minRegions: 3 }),
    );
    assert.deepEqual(messages(out), [
      "The replication set must span at least 3 distinct regions; got 2 (ap-northeast-1, ap-northeast-2). Add a region so Incident Manager can fail over.",
    ]);
  });
});
