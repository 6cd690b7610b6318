import * as pulumi from "@pulumi/pulumi";
import {
  EscalationChain,
  IncidentManagerSetup,
  OnCallTeam,
  renderTimeline,
} from "pulumi-aws-incident-manager";

// The replication set in Tokyo and Seoul; the team and the escalation plan are created in Tokyo,
// after it.
const setup = new IncidentManagerSetup("incident-manager", {
  regions: ["ap-northeast-1", "ap-northeast-2"],
  tags: { team: "payments" },
});

// The payments team: taro and jiro take weekly turns on call; hanako leads the team; saburo reads
// the team's mail. Numbers are written the Japanese way and stored in E.164 (+8190...).
const team = new OnCallTeam("payments", {
  setup,
  defaultCountry: "JP",
  members: [
    {
      alias: "taro",
      displayName: "Taro Yamada",
      channels: [
        { type: "VOICE", address: "090-1234-5001" },
        { type: "EMAIL", address: "taro@example.com" },
      ],
    },
    {
      alias: "jiro",
      displayName: "Jiro Suzuki",
      channels: [
        { type: "VOICE", address: "090-1234-5002" },
        { type: "EMAIL", address: "jiro@example.com" },
      ],
    },
    {
      alias: "hanako",
      displayName: "Hanako Sato",
      channels: [
        { type: "SMS", address: "090-1234-5003" },
        { type: "EMAIL", address: "hanako@example.com" },
      ],
    },
    {
      alias: "saburo",
      displayName: "Saburo Tanaka",
      channels: [{ type: "EMAIL", address: "saburo@example.com" }],
    },
  ],
  rotations: [
    {
      name: "primary",
      members: ["taro", "jiro"],
      startTime: "2026-11-02T09:00:00",
      timeZone: "Asia/Tokyo",
      recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
    },
  ],
});

const chain = new EscalationChain("payments-escalation", {
  setup,
  alias: "payments-escalation",
  displayName: "Payments escalation",
  stages: [
    // Whoever is on call this week, for 5 minutes; an acknowledgement stops the plan.
    { durationInMinutes: 5, targets: [{ target: team.schedule! }] },
    // The team lead, for 5 minutes; saburo is told as well but cannot stop the plan.
    {
      durationInMinutes: 5,
      targets: [
        { target: team.member("hanako") },
        { target: team.member("saburo"), isEssential: false },
      ],
    },
    // The last resort reaches saburo by email only: a record, not a 4 a.m. call.
    { durationInMinutes: 0, targets: [{ target: team.member("saburo") }] },
  ],
});

// `pulumi config set timelineAt 2026-11-07T04:00:00+09:00` shows who would be paged then.
const at = new pulumi.Config().get("timelineAt");

export const escalationPlanArn = chain.arn;
export const scheduleArn = team.scheduleArn;
export const timeline = renderTimeline(chain.timeline(at === undefined ? undefined : new Date(at)));
