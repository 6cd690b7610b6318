/**
 * `disallow-duplicate-event-rule-names` (policies/rules/names/disallowDuplicateEventRuleNames.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { T, classicStack, nativeStack } from "../../fixtures";
import { ResourceFixture } from "../../harness";
import { violations, compliance } from "../../support";

describe("disallow-duplicate-event-rule-names", () => {
  const rule = r.disallowDuplicateEventRuleNames;
  compliance(rule);
  const pattern = JSON.stringify({ source: ["aws.health"] });
  it("Noncompliance 1: two classic rules on the default bus, named and by ARN; another bus passes", async () => {
    const stack = classicStack();
    const eventRule = (name: string, props: Record<string, unknown>): ResourceFixture => ({
      type: "aws:cloudwatch/eventRule:EventRule",
      name,
      props: { eventPattern: pattern, ...props },
    });
    stack.push(
      eventRule("a", { name: "health" }),
      eventRule("b", { name: "health", eventBusName: "default" }),
      eventRule("c", {
        name: "health",
        eventBusName: "arn:aws:events:ap-northeast-1:123456789012:event-bus/ops",
      }),
      eventRule("d", { name: "health", eventBusName: "ops" }),
      eventRule("e", {}),
    );
    assert.deepEqual(await violations(rule, stack), [
      "EventRule 'b' has the rule name \"health\" of EventRule 'a' on the default event bus of the provider's region; PutRule on a taken name replaces the first rule.",
      "EventRule 'd' has the rule name \"health\" of EventRule 'c' on the ops event bus of the provider's region; PutRule on a taken name replaces the first rule.",
    ]);
  });
  it("Noncompliance 2: two aws-native rules with one name", async () => {
    const stack = nativeStack();
    const native = (name: string): ResourceFixture => ({
      type: T.native.eventRule,
      name,
      props: { name: "health", eventPattern: { source: ["aws.health"] } },
    });
    stack.push(native("health-1"), native("health-2"));
    assert.deepEqual(await violations(rule, stack), [
      "Rule 'health-2' has the rule name \"health\" of Rule 'health-1' on the default event bus of the provider's region; PutRule on a taken name replaces the first rule.",
    ]);
  });
});
