import * as pulumi from "@pulumi/pulumi";
import {
  EscalationChain,
  IncidentManagerSetup,
  OnCallTeam,
  onCallCalendars,
  renderTimeline,
  ResponsePlanWithAlarms,
} from "pulumi-aws-incident-manager";

const config = new pulumi.Config();
// The instance whose CPU the alarm watches.
const instanceId = config.get("instanceId") ?? "i-0123456789abcdef0";

// The replication set in Tokyo (primary) and Seoul; everything else is created in Tokyo, after it.
const setup = new IncidentManagerSetup("incident-manager", {
  regions: ["ap-northeast-1", "ap-northeast-2"],
  tags: { team: "sre" },
});

// Three people, one channel each. Numbers are written the Japanese way and stored in E.164 form
// (+819012345001), secret in the state. Each engagement plan reaches its channel at once.
const team = new OnCallTeam("sre", {
  setup,
  defaultCountry: "JP",
  members: [
    {
      alias: "taro",
      displayName: "Taro",
      channels: [{ type: "VOICE", address: "090-1234-5001" }],
      engagement: [{ channel: "VOICE", afterMinutes: 0, retryIntervalInMinutes: 0 }],
    },
    {
      alias: "jiro",
      displayName: "Jiro",
      channels: [{ type: "SMS", address: "090-1234-5002" }],
      engagement: [{ channel: "SMS", afterMinutes: 0, retryIntervalInMinutes: 0 }],
    },
    {
      alias: "saburo",
      displayName: "Saburo",
      channels: [{ type: "EMAIL", address: "saburo@example.com" }],
      engagement: [{ channel: "EMAIL", afterMinutes: 0, retryIntervalInMinutes: 0 }],
    },
  ],
  // The on-call schedule: taro and jiro take turns, handing off on Mondays at 09:00 Tokyo time.
  rotations: [
    {
      name: "weekly",
      members: ["taro", "jiro"],
      startTime: "2026-11-02T09:00:00",
      timeZone: "Asia/Tokyo",
      recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
    },
  ],
});

// A call to taro, then an SMS to jiro, then an email to saburo. Every target is isEssential: the
// first acknowledgement stops the plan. The final stage reaches saburo by EMAIL only, which the
// chain checks.
const chain = new EscalationChain("emergency-escalation-plan", {
  setup,
  alias: "emergency-escalation-plan",
  displayName: "Emergency escalation plan",
  stages: [
    { durationInMinutes: 5, targets: [{ target: team.member("taro") }] },
    { durationInMinutes: 5, targets: [{ target: team.member("jiro") }] },
    { durationInMinutes: 0, targets: [{ target: team.member("saburo") }] },
  ],
});

// When the instance's CPU stays above 90% for two minutes, the alarm opens the incident
// "Emergency Occurred" (impact 3, medium) and Incident Manager starts the escalation plan. The
// component's name is the response plan's name (`responsePlanName` defaults to it).
const plan = new ResponsePlanWithAlarms("emergency-response-plan", {
  setup,
  incident: { title: "Emergency Occurred", impact: 3 },
  engagements: [chain],
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
export const escalationPlanArn = chain.arn;
export const contactArns = team.contacts;
// Who is paged when, if nobody acknowledges.
export const timeline = renderTimeline(chain.timeline());
// The next 28 days of on-call shifts as iCalendar text by file name: one calendar for the schedule
// and one per person, with names and aliases only (no address). Offline, from the repository root:
// `npm run plan -- --program examples/emergency-escalation --ics calendars` writes the files.
export const calendars = Object.fromEntries(
  onCallCalendars([team], { from: new Date() }).map((c) => [c.fileName, c.text]),
);
