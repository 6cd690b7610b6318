/**
 * `disallow-duplicate-alarm-names` (policies/rules/names/disallowDuplicateAlarmNames.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import * as r from "../../../../policies/rules";
import { T, classicStack, nativeStack, responsePlanArn } from "../../fixtures";
import { ResourceFixture } from "../../harness";
import { violations, compliance } from "../../support";

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
