/**
 * `require-event-pattern-arrays` (policies/rules/events/requireEventPatternArrays.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { T } from "../../fixtures";
import { configFor, messages, runResource } from "../../harness";

describe("require-event-pattern-arrays", () => {
  const rule = r.requireEventPatternArrays;
  const classic = (pattern: unknown) => ({
    type: "aws:cloudwatch/eventRule:EventRule",
    name: "ec2",
    props: { eventPattern: JSON.stringify(pattern) },
  });
  const native = (pattern: unknown) => ({
    type: T.native.eventRule,
    name: "ec2",
    props: { eventPattern: pattern },
  });
  it("Compliance: both flavours with every field an array", async () => {
    const pattern = { source: ["aws.ec2"], detail: { state: ["stopped"] } };
    assert.deepEqual(messages(await runResource(rule, classic(pattern))), []);
    assert.deepEqual(messages(await runResource(rule, native(pattern))), []);
  });
  it("Noncompliance 1: a bare string (classic)", async () => {
    assert.deepEqual(messages(await runResource(rule, classic({ source: "aws.ec2" }))), [
      '`eventPattern.source` must be a non-empty array of values to match; got "aws.ec2".',
    ]);
  });
  it("Noncompliance 2: an empty array, unless allowed (aws-native)", async () => {
    const fixture = native({ source: ["aws.ec2"], detail: { state: [] } });
    assert.deepEqual(messages(await runResource(rule, fixture)), [
      "`eventPattern.detail.state` must be a non-empty array of values to match; got an empty array.",
    ]);
    assert.deepEqual(
      messages(await runResource(rule, fixture, configFor(rule, { rejectEmptyArrays: false }))),
      [],
    );
  });
});
