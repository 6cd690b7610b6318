import * as pulumi from "@pulumi/pulumi";
import { IncidentManagerSetup, ResponsePlanWithAlarms } from "pulumi-aws-incident-manager";

const config = new pulumi.Config();
// The on-call contact to engage: an SSM Contacts contact that already exists in the primary
// region (made in the console, or by an OnCallTeam in another stack).
const contactArn =
  config.get("contactArn") ?? "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro";
// The instance whose CPU the alarm watches.
const instanceId = config.get("instanceId") ?? "i-0123456789abcdef0";

const setup = new IncidentManagerSetup("incident-manager", {
  regions: ["ap-northeast-1", "ap-northeast-2"],
  tags: { team: "sre" },
});

// When the instance's CPU stays above 90% for two minutes, the alarm opens an incident
// "Emergency Occurred" (impact 3, medium) and Incident Manager engages the contact.
const plan = new ResponsePlanWithAlarms("emergency-response-plan", {
  setup,
  incident: { title: "Emergency Occurred", impact: 3 },
  engagements: [{ arn: contactArn }],
  alarms: [
    {
      name: "emergency-alarm",
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      dimensions: { InstanceId: instanceId },
      statistic: "Average",
      period: 60,
      evaluationPeriods: 2,
      threshold: 90,
      comparisonOperator: "GreaterThanThreshold",
    },
  ],
});

export const responsePlanArn = plan.arn;
export const alarmArns = plan.alarmArns;
