import { EscalationChain, IncidentManagerSetup, renderTimeline } from "pulumi-aws-incident-manager";

// The replication set in Tokyo and Osaka; the escalation plan is created in Tokyo, after it.
const setup = new IncidentManagerSetup("incident-manager", {
  regions: ["ap-northeast-1", "ap-northeast-3"],
  tags: { team: "payments" },
});

// Contacts that already exist, by ARN (replace the account id and aliases with yours). Targets
// from an OnCallTeam (`team.member("taro")`, `team.schedule`) also let the chain check that the
// final stage is email only, and show each contact's channels in the timeline.
const contact = (alias: string) =>
  `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/${alias}`;

const chain = new EscalationChain("payments-escalation", {
  setup,
  alias: "payments-escalation",
  displayName: "Payments escalation",
  stages: [
    // The primary on call, for 5 minutes; an acknowledgement stops the plan.
    { durationMinutes: 5, targets: [{ target: contact("taro") }] },
    // The secondary, for 5 minutes; the primary's lead is told but cannot stop the plan.
    {
      durationMinutes: 5,
      targets: [{ target: contact("jiro") }, { target: contact("hanako"), essential: false }],
    },
    // The last resort reaches the team by email only: a record, not a 4 a.m. call.
    { durationMinutes: 0, targets: [{ target: contact("saburo") }] },
  ],
});

export const escalationPlanArn = chain.arn;
export const timeline = renderTimeline(chain.timeline());
