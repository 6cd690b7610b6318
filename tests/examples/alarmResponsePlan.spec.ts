import { strict as assert } from "assert";
import * as path from "path";
import { Capture, installCapture, settle, valueOf } from "../../testing";

describe("examples/alarm-response-plan", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture("alarm-response-plan", "dev");
  });

  it("runs under mocks: the setup, a response plan engaging a contact, and its alarm", async () => {
    const program = await import(path.join(__dirname, "../../examples/alarm-response-plan/index"));
    await settle();
    const plan = "arn:aws:ssm-incidents::123456789012:response-plan/emergency-response-plan";
    assert.deepEqual(capture.resources.map((r) => [r.type, r.name]).sort(), [
      ["aws-native:ssmincidents:ReplicationSet", "incident-manager-replication-set"],
      ["aws:cloudwatch/metricAlarm:MetricAlarm", "emergency-response-plan-alarm-emergency-alarm"],
      ["aws:ssmincidents/responsePlan:ResponsePlan", "emergency-response-plan-response-plan"],
      ["incident-manager:index:IncidentManagerSetup", "incident-manager"],
      ["incident-manager:index:ResponsePlanWithAlarms", "emergency-response-plan"],
    ]);
    const find = (type: string) => capture.resources.find((r) => r.type === type)!;
    const set = find("aws-native:ssmincidents:ReplicationSet");
    const responsePlan = find("aws:ssmincidents/responsePlan:ResponsePlan");
    const alarm = find("aws:cloudwatch/metricAlarm:MetricAlarm");
    assert.deepEqual(responsePlan.inputs, {
      region: "ap-northeast-1",
      name: "emergency-response-plan",
      incidentTemplate: { title: "Emergency Occurred", impact: 3 },
      engagements: ["arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro"],
      tags: { team: "sre" },
    });
    assert.deepEqual(alarm.inputs.alarmActions, [plan]);
    assert.equal(alarm.inputs.region, "ap-northeast-1");
    assert.deepEqual(alarm.inputs.dimensions, { InstanceId: "i-0123456789abcdef0" });
    for (const child of [responsePlan, alarm]) {
      assert.equal(child.parent, find("incident-manager:index:ResponsePlanWithAlarms").urn);
      assert.ok(child.dependencies.includes(set.urn), `${child.name} waits for the setup`);
    }
    assert.equal(await valueOf(program.responsePlanArn), plan);
    assert.deepEqual(await valueOf(program.alarmArns), {
      "emergency-alarm": "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:emergency-alarm",
    });
  });
});
