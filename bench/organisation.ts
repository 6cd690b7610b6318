/**
 * Synthetic organisations for the benchmarks: `members` people in teams of about 8, each team with
 * one weekly rotation and one escalation chain, one response plan per 5 members (spread over the
 * teams) with 2 metric alarms and 1 EventBridge rule each.
 */
import type * as Components from "../components";

/** The shape of one synthetic organisation, before any component is built. */
export interface Organisation {
  readonly members: number;
  readonly teams: readonly TeamSpec[];
  readonly responsePlans: readonly ResponsePlanSpec[];
}

export interface TeamSpec {
  readonly name: string;
  readonly aliases: readonly string[];
}

export interface ResponsePlanSpec {
  readonly name: string;
  /** The team whose escalation chain the plan engages. */
  readonly team: string;
}

/** People per team the generator aims for. */
export const TEAM_SIZE = 8;
/** Members per response plan. */
export const MEMBERS_PER_PLAN = 5;

/** Splits `members` people into teams of about {@link TEAM_SIZE} and spreads the plans over them. */
export function organisation(members: number): Organisation {
  const teamCount = Math.max(1, Math.ceil(members / TEAM_SIZE));
  const teams: TeamSpec[] = [];
  for (let t = 0; t < teamCount; t++) {
    const aliases: string[] = [];
    // Member m goes to team m % teamCount, so team sizes differ by at most one.
    for (let m = t; m < members; m += teamCount) aliases.push(`p${m + 1}`);
    teams.push({ name: `team${t + 1}`, aliases });
  }
  const planCount = Math.max(1, Math.floor(members / MEMBERS_PER_PLAN));
  const responsePlans = Array.from({ length: planCount }, (_, i) => ({
    name: `service${i + 1}`,
    team: teams[i % teamCount].name,
  }));
  return { members, teams, responsePlans };
}

/** Builds `org` with the four components under whatever Pulumi runtime is installed. */
export function buildWithComponents(im: typeof Components, org: Organisation): void {
  const setup = new im.IncidentManagerSetup("org", {
    regions: ["ap-northeast-1", "ap-northeast-2"],
  });
  const chains = new Map<string, Components.EscalationChain>();
  for (const spec of org.teams) {
    const team = new im.OnCallTeam(spec.name, {
      setup,
      members: spec.aliases.map((alias) => ({
        alias,
        displayName: `Person ${alias}`,
        channels: [{ type: "EMAIL" as const, address: `${alias}@example.com` }],
      })),
      rotations: [
        {
          name: "weekly",
          members: [...spec.aliases],
          startTime: "2026-11-02T09:00:00",
          timeZone: "Asia/Tokyo",
          recurrence: { weekly: [{ dayOfWeek: "MON" as const, handOffTime: "09:00" }] },
        },
      ],
    });
    const chain = new im.EscalationChain(spec.name, {
      setup,
      alias: `${spec.name}-escalation`,
      displayName: `${spec.name} escalation`,
      stages: [
        { durationInMinutes: 5, targets: [{ target: team.schedule! }] },
        { durationInMinutes: 0, targets: [{ target: team.member(spec.aliases[0]) }] },
      ],
    });
    chains.set(spec.name, chain);
  }
  for (const plan of org.responsePlans) {
    new im.ResponsePlanWithAlarms(plan.name, {
      setup,
      responsePlanName: `${plan.name}-response`,
      incident: { title: `${plan.name} is down`, impact: 2 },
      engagements: [chains.get(plan.team)!],
      alarms: ["cpu", "errors"].map((metric) => ({
        name: `${plan.name}-${metric}`,
        namespace: "AWS/EC2",
        metricName: metric === "cpu" ? "CPUUtilization" : "StatusCheckFailed",
        dimensions: { InstanceId: "i-0123456789abcdef0" },
        statistic: "Average" as const,
        period: 60,
        evaluationPeriods: 2,
        threshold: metric === "cpu" ? 90 : 1,
        comparisonOperator: "GreaterThanOrEqualToThreshold" as const,
      })),
      events: [
        {
          name: `${plan.name}-health`,
          eventPattern: { source: ["aws.health"], "detail-type": ["AWS Health Event"] },
        },
      ],
    });
  }
}
