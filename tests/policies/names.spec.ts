/**
 * The stack-wide name rules (16-20): a compliant fixture stack of each flavour, then one mutation
 * per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
import { unknownValue as unknownStringValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../policies/rules";
import { IncidentRule } from "../../policies/rules";
import { classicStack, contactArn, nativeStack, pick, responsePlanArn, T } from "./fixtures";
import { configFor, messages, ResourceFixture, runStack } from "./harness";

const both = [
  ["classic", classicStack],
  ["aws-native", nativeStack],
] as const;

async function violations(
  rule: IncidentRule,
  stack: readonly ResourceFixture[],
  config?: Record<string, unknown>,
): Promise<string[]> {
  return messages(await runStack(rule, stack, config));
}

function compliance(rule: IncidentRule): void {
  for (const [flavour, stack] of both) {
    it(`Compliance: ${flavour} fixture stack`, async () => {
      assert.deepEqual(await violations(rule, stack()), []);
    });
  }
}

/** A copy of fixture `name` renamed `as`, with `edit` applied to its props. */
function copyOf(
  stack: readonly ResourceFixture[],
  name: string,
  as: string,
  edit: (props: Record<string, unknown>) => void = () => undefined,
  type?: string,
): ResourceFixture {
  const copy = structuredClone(pick(stack, name, type));
  edit(copy.props);
  return { ...copy, name: as };
}

describe("policy rules: names unique across the stack", () => {
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
        copyOf(
          stack,
          "taro",
          "taro-seoul",
          (p) => (p.region = "ap-northeast-2"),
          T.classic.contact,
        ),
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

  describe("disallow-duplicate-response-plan-names", () => {
    const rule = r.disallowDuplicateResponsePlanNames;
    compliance(rule);
    for (const [flavour, stack] of both) {
      it(`Noncompliance 1: two plans named sev1 (${flavour})`, async () => {
        const fixtures = stack();
        fixtures.push(copyOf(fixtures, "sev1", "sev1-copy"));
        assert.deepEqual(await violations(rule, fixtures), [
          "ResponsePlan 'sev1-copy' has the name \"sev1\" of ResponsePlan 'sev1'; response plan names are unique in an account, so AWS refuses the second plan.",
        ]);
      });
    }
    it("Noncompliance 2: a classic and an aws-native plan in different regions still collide", async () => {
      const fixtures = classicStack();
      fixtures.push({
        ...copyOf(nativeStack(), "sev1", "sev1-native", (p) => (p.region = "ap-northeast-2")),
      });
      assert.deepEqual(await violations(rule, fixtures), [
        "ResponsePlan 'sev1-native' has the name \"sev1\" of ResponsePlan 'sev1'; response plan names are unique in an account, so AWS refuses the second plan.",
      ]);
    });
  });

  describe("disallow-duplicate-alarm-names", () => {
    const rule = r.disallowDuplicateAlarmNames;
    compliance(rule);
    const action = { alarmActions: [responsePlanArn("sev1")] };
    it("Noncompliance 1: a composite alarm with a metric alarm's name (aws-native)", async () => {
      const stack = nativeStack();
      stack.push({
        type: "aws-native:cloudwatch:CompositeAlarm",
        name: "errors-composite",
        props: { alarmName: "errors", alarmRule: 'ALARM("latency")', ...action },
      });
      assert.deepEqual(await violations(rule, stack), [
        "CompositeAlarm 'errors-composite' has the alarm name \"errors\" of Alarm 'errors' in the provider's region; CloudWatch alarm names are unique in a region across metric and composite alarms, and the second overwrites the first.",
      ]);
    });
    it("Noncompliance 2: classic metric and composite alarms named errors; unnamed and other-region alarms pass", async () => {
      const stack = classicStack();
      const alarm = (name: string, props: Record<string, unknown>): ResourceFixture => ({
        type: T.classic.alarm,
        name,
        props: { ...action, metricName: "Errors", ...props },
      });
      stack.push(
        alarm("a", { name: "errors" }),
        alarm("b", { name: "errors" }),
        alarm("c", {}),
        alarm("d", {}),
        alarm("e", { name: "errors", region: "ap-northeast-2" }),
      );
      stack.push({
        type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
        name: "f",
        props: { alarmName: "errors", alarmRule: 'ALARM("latency")', ...action },
      });
      assert.deepEqual(await violations(rule, stack), [
        "MetricAlarm 'b' has the alarm name \"errors\" of MetricAlarm 'a' in the provider's region; CloudWatch alarm names are unique in a region across metric and composite alarms, and the second overwrites the first.",
        "CompositeAlarm 'f' has the alarm name \"errors\" of MetricAlarm 'a' in the provider's region; CloudWatch alarm names are unique in a region across metric and composite alarms, and the second overwrites the first.",
      ]);
    });
  });

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
});
