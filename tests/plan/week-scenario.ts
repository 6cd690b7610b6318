/**
 * The follow-the-sun fixture (fixtures/follow-the-sun.yaml) as a plan report, built in-process:
 * the team's coverage from the coverage engine over the fixture's rotations, each response plan's
 * reach from that coverage and the plan's direct contacts, and the escalation's timeline as `plan`
 * prints it for the same fixture and instant.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { coverage, unsettledReadings, type RotationDefinition } from "../../components/coverage";
import type { TimelineEntry } from "../../components/timeline";
import { estimateCost, usageOf } from "../../plan/cost";
import type { PlanReport, ResponsePlanReach, TeamCoverage } from "../../plan/report";

export const FIXTURE = path.join(__dirname, "fixtures", "follow-the-sun.yaml");
/** Thursday 2026-10-22 00:00 in London (summer time), three days before the clocks go back. */
export const AT = "2026-10-21T23:00:00.000Z";
export const ZONE = "Europe/London";

/** The fixture's `sre` rotations. */
export function rotations(): RotationDefinition[] {
  const spec = (yaml.load(fs.readFileSync(FIXTURE, "utf8")) as Record<string, unknown>)[
    "incident-manager:spec"
  ] as { teams: { name: string; rotations?: RotationDefinition[] }[] };
  return spec.teams.find((t) => t.name === "sre")!.rotations!;
}

/** A team's coverage as `plan` reports it, for 7 days from `at`. */
export function teamCoverage(
  team: string,
  schedule: string,
  defs: readonly RotationDefinition[],
  at: string,
): TeamCoverage {
  const report = coverage(defs, { from: at, days: 7 });
  return {
    team,
    schedule,
    start: report.start,
    end: report.end,
    coveredMinutes: report.coveredMinutes,
    gapMinutes: report.gapMinutes,
    gaps: report.gaps,
    intervals: report.intervals.map(({ start, end, onCall }) => ({ start, end, onCall })),
    unsettled: defs.flatMap((r) => unsettledReadings(r).map((u) => `${r.name}: ${u}`)),
  };
}

/** Who a response plan reaches: the on-call members of `team` and its `direct` contacts. */
export function reachOf(
  responsePlan: string,
  team: TeamCoverage,
  direct: readonly string[],
): ResponsePlanReach {
  const intervals: { start: string; end: string; reached: string[] }[] = [];
  for (const i of team.intervals) {
    const reached = [...new Set([...i.onCall, ...direct])];
    const last = intervals[intervals.length - 1];
    if (last !== undefined && last.reached.join() === reached.join()) last.end = i.end;
    else intervals.push({ start: i.start, end: i.end, reached });
  }
  const minutes = (s: { start: string; end: string }) =>
    (Date.parse(s.end) - Date.parse(s.start)) / 60_000;
  const gaps = intervals
    .filter((i) => i.reached.length === 0)
    .map(({ start, end }) => ({ start, end }));
  const gapMinutes = gaps.reduce((sum, g) => sum + minutes(g), 0);
  return {
    responsePlan,
    start: team.start,
    end: team.end,
    reachedMinutes: minutes(team) - gapMinutes,
    gapMinutes,
    gaps,
    intervals,
    unsettled: team.unsettled,
  };
}

/** The `sre-escalation` timeline `plan` prints for the fixture at {@link AT}. */
export const TIMELINE: readonly TimelineEntry[] = [
  {
    offsetMinutes: 0,
    stage: 1,
    contact: "sre-oncall",
    schedule: "sre-oncall",
    isEssential: true,
    status: "nobody-on-call",
  },
  {
    offsetMinutes: 10,
    stage: 2,
    contact: "omar",
    isEssential: true,
    status: "page",
    channelName: "email",
    channelType: "EMAIL",
    address: "o***@example.com",
    retryIntervalInMinutes: 0,
  },
];

/** The whole report: `checkout` reaches the schedule and omar, `batch-jobs` the schedule alone. */
export function followTheSun(at: string = AT): PlanReport {
  const sre = teamCoverage("sre", "sre-oncall", rotations(), at);
  return {
    schemaVersion: 1,
    project: "incident-manager",
    stack: "follow-the-sun",
    at,
    resourceCount: 0,
    resources: [],
    timelines: [{ chain: "sre-escalation", entries: TIMELINE }],
    coverage: [sre],
    reach: [reachOf("checkout", sre, ["omar"]), reachOf("batch-jobs", sre, [])],
    policies: {
      pack: "(not run)",
      version: "",
      policies: 0,
      mandatory: 0,
      advisory: 0,
      violations: [],
    },
    remediations: [],
    activation: [],
    cost: estimateCost(usageOf([])),
    notes: [],
    warnings: [],
  };
}
