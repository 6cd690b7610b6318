import { DateTime } from "luxon";
import { z } from "zod";
import {
  type GraphResource,
  isUnknown,
  readRotation,
  ResourceGraph,
  responsePlanReach,
} from "../../../components/graph";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";

export const responsePlanReachableCoverageConfig = z.object({
  /** The share of the reference week (0-100) in which a response plan must reach someone. */
  minimumCoveragePercent: z.number().min(0).max(100).default(100),
});

/** Monday 1 January 2024 00:00 UTC: the reference week of a stack with no rotation it can read. */
const FALLBACK_WEEK = new Date("2024-01-01T00:00:00Z");

/**
 * The reference week's start: the first Monday 00:00 UTC on or after the latest start time of the
 * rotations the stack holds, so that every rotation has started and the week never moves while
 * the stack does not change.
 */
export function referenceWeek(graph: ResourceGraph): Date {
  let latest: number | undefined;
  for (const resource of graph.ofKind("rotation")) {
    const read = readRotation(graph, resource);
    if (isUnknown(read)) continue;
    const start = DateTime.fromISO(read.rotation.startTime, { zone: read.rotation.timeZone });
    if (start.isValid) latest = Math.max(latest ?? -Infinity, start.toMillis());
  }
  if (latest === undefined) return FALLBACK_WEEK;
  const day = DateTime.fromMillis(latest, { zone: "utc" }).startOf("day");
  const monday = day.plus({ days: (8 - day.weekday) % 7 });
  return (monday.toMillis() < latest ? monday.plus({ weeks: 1 }) : monday).toJSDate();
}

const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} h`;

/**
 * Rule 28 (stack, advisory): a response plan reaches someone throughout a reference week. What a
 * plan reaches is the graph's reading (components/graph/reach.ts): a PERSONAL contact all the time,
 * an on-call schedule its rotations' on-call members (the coverage model, over AWS's rotation
 * fields: ssm-contacts CreateRotation in botocore 1.43, AWS::SSMContacts::Rotation in cfn-lint
 * 1.51), an escalation plan every stage's targets. What cannot be seen counts as reached.
 */
export const requireResponsePlanReachableCoverage: IncidentStackRule = {
  name: "require-response-plan-reachable-coverage",
  description:
    "Checks that every response plan reaches someone at every minute of a reference week: the first Monday 00:00 UTC on or after the latest rotation start time in the stack. A plan reaches its PERSONAL contacts at any time, an on-call schedule's on-call members while its rotations cover, and every stage of an escalation plan. A minute in which a plan reaches nobody is a minute an incident pages no one. A contact, rotation or value the stack does not show counts as reached, and the message says so.",
  configSchema: configSchemaOf(responsePlanReachableCoverageConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(responsePlanReachableCoverageConfig, args.getConfig(), report);
    // A PolicyResource has the fields a GraphResource reads (type, name, urn, props, dependencies).
    const graph = new ResourceGraph(args.resources as unknown as GraphResource[]);
    const from = referenceWeek(graph);
    for (const { resource, report: reach } of responsePlanReach(graph, { from, days: 7 })) {
      const total = reach.reachedMinutes + reach.gapMinutes;
      const percent = total === 0 ? 100 : (100 * reach.reachedMinutes) / total;
      if (reach.gapMinutes === 0 || percent >= cfg.minimumCoveragePercent) continue;
      const [first] = reach.gaps;
      const depends =
        reach.unsettled.length === 0
          ? "This does not depend on an unsettled reading."
          : `This depends on what AWS's text does not settle or the stack does not show: ${reach.unsettled.join("; ")}.`;
      report(
        `${label(resource)} (response plan '${reach.responsePlan}') reaches nobody for ${hours(reach.gapMinutes)} of the reference week from ${reach.start} (${percent.toFixed(1)}% reached, minimum ${cfg.minimumCoveragePercent}%); the first gap is ${first.start} - ${first.end}. ${depends}`,
        resource.urn,
      );
    }
  },
  severity: "medium",
  remediationSteps:
    "Engage a contact or on-call schedule that covers the gaps: add a rotation whose shift coverage spans them to the schedule, add a later escalation stage that reaches someone at those hours, or engage a PERSONAL contact directly. Run `plan` to see the plan's reach minute by minute.",
};
