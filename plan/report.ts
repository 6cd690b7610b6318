/**
 * What `plan` reports about a program that ran under mocks: the resource tree, each escalation
 * chain's paging timeline, each on-call schedule's coverage with its gaps, the policy pack's
 * results and the monthly cost. The JSON form (`--json`) is this object; its schema is
 * documented in the README and versioned by `schemaVersion`.
 */
import type { CoverageReport, RotationDefinition, TimeSpan } from "../components/coverage";
import { unsettledReadings } from "../components/coverage";
import type { TimelineEntry } from "../components/timeline";
import { renderTimeline } from "../components/timeline";
import {
  escalationTimelines,
  type GraphResource,
  type ReachReport,
  ResourceGraph,
  responsePlanReach,
  scheduleCoverage,
} from "../components/graph";
import type { Diagnostic, EnforcementLevel } from "./analyzer";
import type { CostAssumptions, CostEstimate } from "./cost";
import { estimateCost, renderCost, usageOf } from "./cost";
import { type CapturedResource, unwrapSecrets } from "../testing";
import type { BuiltComponent, ProgramRun } from "./program";
import { buildTree, renderTree, type TreeNode } from "./tree";
import { activationsOf, renderActivation, type ChannelActivation } from "./activation";
import type { PolicyRemediation } from "./remediation";

/** The version of the JSON schema; changed only when a field changes meaning or goes away. */
export const REPORT_SCHEMA_VERSION = 1;

/** The days of on-call coverage shown. */
export const COVERAGE_DAYS = 7;

/** One escalation chain's paging timeline. */
export interface ChainTimeline {
  /** The EscalationChain's name; for an ESCALATION contact written by hand, its alias. */
  readonly chain: string;
  readonly entries: readonly TimelineEntry[];
}

/** One team's on-call coverage over the next {@link COVERAGE_DAYS} days. */
export interface TeamCoverage {
  /** The OnCallTeam's name; for an ONCALL_SCHEDULE contact written by hand, its resource name. */
  readonly team: string;
  /** Its ONCALL_SCHEDULE contact's alias. */
  readonly schedule: string;
  readonly start: string;
  readonly end: string;
  readonly coveredMinutes: number;
  readonly gapMinutes: number;
  readonly gaps: readonly TimeSpan[];
  /** Who is on call in each interval (empty: a gap). */
  readonly intervals: readonly { start: string; end: string; onCall: readonly string[] }[];
  /**
   * The readings AWS's text does not settle that these results depend on, as
   * `<rotation>: <reading>` (empty when none): Incident Manager may differ from them there.
   */
  readonly unsettled: readonly string[];
}

/**
 * Who one response plan reaches over the next {@link COVERAGE_DAYS} days: the on-call members of
 * the schedules it engages (directly or through an escalation plan) and its direct contacts
 * together, minute by minute.
 */
export type ResponsePlanReach = ReachReport;

/** One policy violation. */
export interface PolicyViolation {
  readonly policy: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: string;
  /** The resource's type and name, from its URN ("" for a stack-level violation). */
  readonly resource: string;
  /** The policy SDK's message: the policy's description, then what is wrong here. */
  readonly message: string;
  /** The policy's description (the start of `message`). */
  readonly description: string;
}

/** The policy pack's results over the stack. */
export interface PolicyResults {
  readonly pack: string;
  readonly version: string;
  readonly policies: number;
  readonly mandatory: number;
  readonly advisory: number;
  readonly violations: readonly PolicyViolation[];
}

/** Everything `plan` reports. */
export interface PlanReport {
  readonly schemaVersion: number;
  readonly project: string;
  readonly stack: string;
  /** The instant timelines and coverage start from, ISO 8601 UTC. */
  readonly at: string;
  readonly resourceCount: number;
  readonly resources: readonly TreeNode[];
  readonly timelines: readonly ChainTimeline[];
  readonly coverage: readonly TeamCoverage[];
  /** Each response plan's combined reach. */
  readonly reach: readonly ResponsePlanReach[];
  readonly policies: PolicyResults;
  /**
   * What policies at level `remediate` rewrote before the pack analysed the resources (empty
   * when none is at that level), values masked.
   */
  readonly remediations: readonly PolicyRemediation[];
  /** The contact channels the first `up` creates, which their owners must activate. */
  readonly activation: readonly ChannelActivation[];
  readonly cost: CostEstimate;
  /** The post-incident analysis templates the stack creates, each with its regions. */
  readonly analysisTemplates?: readonly { name: string; regions: readonly string[] }[];
  /** What to know before changing the stack (e.g. how a replication set's regions may change). */
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

interface TimelineSource {
  timeline(at: Date): TimelineEntry[];
}
interface CoverageSource {
  coverage(window: { from: Date; days: number }): CoverageReport;
  schedule: { alias: string } | undefined;
  rotationDefinitions?: readonly RotationDefinition[];
}

function isTimelineSource(c: BuiltComponent): boolean {
  return (
    c.type === "incident-manager:index:EscalationChain" &&
    typeof (c.instance as unknown as Partial<TimelineSource>).timeline === "function"
  );
}

function isCoverageSource(c: BuiltComponent): boolean {
  return (
    c.type === "incident-manager:index:OnCallTeam" &&
    typeof (c.instance as unknown as Partial<CoverageSource>).coverage === "function" &&
    // A team without rotations has no schedule, so no coverage to show.
    (c.instance as unknown as Partial<CoverageSource>).schedule !== undefined
  );
}

/** The captured resources as the graph that `plan` and the policy pack read. */
export function graphOf(resources: readonly CapturedResource[]): ResourceGraph {
  const byUrn = new Map<string, GraphResource>();
  const nodes = resources.map((r) => {
    const propertyDependencies: Record<string, GraphResource[]> = {};
    const node: GraphResource = {
      type: r.type,
      name: r.name,
      urn: r.urn,
      // A secret output (a channel's address) is read as its value, as the policy SDK hands it.
      props: unwrapSecrets(r.state),
      propertyDependencies,
    };
    byUrn.set(r.urn, node);
    return { r, propertyDependencies, node };
  });
  for (const { r, propertyDependencies } of nodes) {
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      propertyDependencies[key] = urns.flatMap((u) => byUrn.get(u) ?? []);
    }
  }
  return new ResourceGraph(nodes.map((n) => n.node));
}

/** True when a resource's parent is a component of `type` (which reports it already). */
function builtBy(resources: readonly CapturedResource[], type: string) {
  const parents = new Map(resources.map((r) => [r.urn, r.parent]));
  return (node: GraphResource) => {
    const parent = parents.get(node.urn);
    return parent !== undefined && (parent.split("::")[2] ?? "").split("$").pop() === type;
  };
}

const CHAIN = "incident-manager:index:EscalationChain";
const TEAM = "incident-manager:index:OnCallTeam";

/**
 * The timelines of every EscalationChain the program built, starting at `at`, then those of the
 * ESCALATION contacts among `resources` that no EscalationChain built.
 */
export function timelinesOf(
  components: readonly BuiltComponent[],
  at: Date,
  resources: readonly CapturedResource[] = [],
): ChainTimeline[] {
  const built = builtBy(resources, CHAIN);
  return [
    ...components.filter(isTimelineSource).map((c) => ({
      chain: c.name,
      entries: (c.instance as unknown as TimelineSource).timeline(at),
    })),
    ...escalationTimelines(graphOf(resources), at, (c) => !built(c)).map((t) => ({
      chain: t.alias,
      entries: t.entries,
    })),
  ];
}

/**
 * The coverage of every OnCallTeam the program built, for {@link COVERAGE_DAYS} days from `at`,
 * then that of the ONCALL_SCHEDULE contacts among `resources` that no OnCallTeam built.
 */
export function coverageOf(
  components: readonly BuiltComponent[],
  at: Date,
  resources: readonly CapturedResource[] = [],
): TeamCoverage[] {
  const built = builtBy(resources, TEAM);
  const raw = scheduleCoverage(
    graphOf(resources),
    { from: at, days: COVERAGE_DAYS },
    (c) => !built(c),
  );
  return [
    ...components.filter(isCoverageSource).map((c) => {
      const team = c.instance as unknown as CoverageSource;
      const report = team.coverage({ from: at, days: COVERAGE_DAYS });
      return {
        team: c.name,
        schedule: team.schedule!.alias,
        start: report.start,
        end: report.end,
        coveredMinutes: report.coveredMinutes,
        gapMinutes: report.gapMinutes,
        gaps: report.gaps.map(({ start, end }) => ({ start, end })),
        intervals: report.intervals.map(({ start, end, onCall }) => ({ start, end, onCall })),
        unsettled: (team.rotationDefinitions ?? []).flatMap((r) =>
          unsettledReadings(r).map((reading) => `${r.name}: ${reading}`),
        ),
      };
    }),
    ...raw.map(({ contact, ...c }) => ({ team: contact.name, ...c })),
  ];
}

/**
 * Who each response plan among `resources` reaches for {@link COVERAGE_DAYS} days from `at`,
 * whether components or hand-written code built it (see components/graph/reach.ts).
 */
export function reachOf(resources: readonly CapturedResource[], at: Date): ResponsePlanReach[] {
  return responsePlanReach(graphOf(resources), { from: at, days: COVERAGE_DAYS }).map(
    (r) => r.report,
  );
}

const REPLICATION_SET_TYPES = new Set([
  "aws-native:ssmincidents:ReplicationSet",
  "aws:ssmincidents/replicationSet:ReplicationSet",
]);

/**
 * Notes on changing what the stack holds: for a replication set of several regions, that AWS
 * changes one region per update (`UpdateReplicationSet` takes one action, botocore 1.43
 * ssm-incidents) and fails to delete a region within 24 hours of its creation (the user guide's
 * replication set page).
 */
export function notesOf(resources: readonly CapturedResource[]): string[] {
  return resources
    .filter((r) => REPLICATION_SET_TYPES.has(r.type))
    .flatMap((r) => {
      const regions = Array.isArray(r.inputs.regions) ? r.inputs.regions : [];
      if (regions.length < 2) return [];
      const names = regions
        .map((x) => (x as { regionName?: unknown; name?: unknown }) ?? {})
        .map((x) => String(x.regionName ?? x.name ?? "?"));
      return [
        `Replication set ${r.name} (${names.join(", ")}): change one region per update; a region cannot be removed within 24 hours of its creation, and a region's key cannot change in place.`,
      ];
    });
}

/** SSM documents of type `ProblemAnalysisTemplate` (user guide, post-incident analysis), by name. */
export function analysisTemplatesOf(
  resources: readonly CapturedResource[],
): { name: string; regions: string[] }[] {
  const byName = new Map<string, string[]>();
  for (const r of resources) {
    if (r.type !== "aws:ssm/document:Document" && r.type !== "aws-native:ssm:Document") continue;
    if (r.inputs.documentType !== "ProblemAnalysisTemplate") continue;
    const name = String(r.inputs.name ?? r.name);
    byName.set(name, [...(byName.get(name) ?? []), String(r.inputs.region ?? "default region")]);
  }
  return [...byName].map(([name, regions]) => ({ name, regions }));
}

/** `urn:pulumi:stack::project::a$b::name` -> `b name`. */
function resourceOf(urn: string): string {
  if (urn === "") return "";
  const parts = urn.split("::");
  const type = (parts[2] ?? "").split("$").pop() ?? "";
  return `${type} ${parts[3] ?? ""}`;
}

/** The pack's diagnostics as violations, in a stable order. */
export function policyResults(
  pack: { name: string; version: string; policies: number },
  diagnostics: readonly Diagnostic[],
): PolicyResults {
  const seen = new Set<string>();
  const violations: PolicyViolation[] = [];
  for (const d of diagnostics) {
    const v: PolicyViolation = {
      policy: d.policyName,
      enforcementLevel: d.enforcementLevel,
      severity: d.severity,
      resource: resourceOf(d.urn),
      message: d.message,
      description: d.description,
    };
    const key = JSON.stringify(v);
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push(v);
  }
  violations.sort(
    (a, b) =>
      a.policy.localeCompare(b.policy) ||
      a.resource.localeCompare(b.resource) ||
      a.message.localeCompare(b.message),
  );
  return {
    pack: pack.name,
    version: pack.version,
    policies: pack.policies,
    mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
    advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
    violations,
  };
}

/** Puts the report together. */
export function buildReport(
  run: ProgramRun,
  policies: PolicyResults,
  at: Date,
  costOverrides: Partial<CostAssumptions> = {},
  remediations: readonly PolicyRemediation[] = [],
): PlanReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    project: run.project,
    stack: run.stack,
    at: at.toISOString(),
    resourceCount: run.resources.length,
    resources: buildTree(run.resources),
    timelines: timelinesOf(run.components, at, run.resources),
    coverage: coverageOf(run.components, at, run.resources),
    reach: reachOf(run.resources, at),
    policies,
    remediations: [...remediations],
    activation: activationsOf(run.resources),
    cost: estimateCost(usageOf(run.resources), costOverrides),
    analysisTemplates: analysisTemplatesOf(run.resources),
    notes: notesOf(run.resources),
    // A warning logged twice (by two components, or twice by one) is listed once.
    warnings: [...new Set(run.warnings)],
  };
}

/** The report as the text `plan` prints. */
export function renderReport(report: PlanReport): string {
  const out: string[] = [];
  const section = (title: string) => out.push("", `== ${title} ==`);
  out.push(`plan: project ${report.project}, stack ${report.stack}, at ${report.at}`);
  section(`Resources (${report.resourceCount})`);
  out.push(...renderTree(report.resources));
  section("Paging timelines");
  if (report.timelines.length === 0) out.push("(no escalation chains)");
  for (const t of report.timelines) out.push(`${t.chain}:`, renderTimeline(t.entries));
  section(`On-call coverage, next ${COVERAGE_DAYS} days`);
  if (report.coverage.length === 0) out.push("(no on-call teams)");
  for (const c of report.coverage) {
    const hours = (m: number) => `${(m / 60).toFixed(1)} h`;
    out.push(
      `${c.team} (${c.schedule}): covered ${hours(c.coveredMinutes)}, gaps ${hours(c.gapMinutes)}`,
    );
    if (c.unsettled.length > 0) {
      out.push(
        "  depends on readings AWS's text does not settle (see the README's coverage section):",
      );
      out.push(...c.unsettled.map((u) => `    - ${u}`));
    }
    for (const i of c.intervals) {
      out.push(
        `  ${i.start} - ${i.end}  ${i.onCall.length === 0 ? "GAP: nobody on call" : i.onCall.join(", ")}`,
      );
    }
  }
  section(`Reach of each response plan, next ${COVERAGE_DAYS} days`);
  if (report.reach.length === 0) out.push("(no response plans)");
  for (const r of report.reach) {
    const hours = (m: number) => `${(m / 60).toFixed(1)} h`;
    out.push(`${r.responsePlan}: reached ${hours(r.reachedMinutes)}, gaps ${hours(r.gapMinutes)}`);
    if (r.unsettled.length > 0) {
      out.push("  depends on readings AWS's text does not settle, or on what is unknown:");
      out.push(...r.unsettled.map((u) => `    - ${u}`));
    }
    for (const i of r.intervals) {
      out.push(
        `  ${i.start} - ${i.end}  ${i.reached.length === 0 ? "GAP: nobody reached" : i.reached.join(", ")}`,
      );
    }
  }
  section(`Policies (${report.policies.pack} ${report.policies.version})`);
  out.push(
    `${report.policies.policies} policies: ${report.policies.mandatory} mandatory and ${report.policies.advisory} advisory violation(s)`,
  );
  out.push(...renderViolations(report.policies.violations));
  if (report.remediations.length > 0) {
    section("Remediated (policies at level remediate)");
    for (const r of report.remediations) {
      out.push(`  ${r.policy}  ${r.resource}`);
      for (const c of r.changes) {
        out.push(`      ${c.path}: ${JSON.stringify(c.from)} -> ${JSON.stringify(c.to)}`);
      }
    }
  }
  if (report.activation.length > 0) {
    section("Activation");
    out.push(...renderActivation(report.activation));
  }
  if ((report.analysisTemplates ?? []).length > 0) {
    section("Post-incident analysis templates");
    for (const t of report.analysisTemplates!) out.push(`  ${t.name}  (${t.regions.join(", ")})`);
  }
  section("Monthly cost estimate");
  out.push(...renderCost(report.cost));
  if (report.notes.length > 0) {
    section("Notes");
    out.push(...report.notes.map((n) => `  - ${n}`));
  }
  if (report.warnings.length > 0) {
    section("Warnings");
    out.push(...report.warnings.map((w) => `  - ${w}`));
  }
  return `${out.join("\n")}\n`;
}

/** What is wrong at one resource: the message without the description it starts with. */
function ownMessage(v: PolicyViolation): string {
  return v.description !== "" && v.message.startsWith(`${v.description}\n`)
    ? v.message.slice(v.description.length + 1)
    : v.message;
}

/**
 * The violations grouped by policy and level: the policy's description once, then each
 * resource with what is wrong there.
 */
export function renderViolations(violations: readonly PolicyViolation[]): string[] {
  const groups = new Map<string, PolicyViolation[]>();
  for (const v of violations) {
    const key = `${v.enforcementLevel} ${v.policy}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const out: string[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    out.push(`  [${first.enforcementLevel}] ${first.policy} (${group.length})`);
    if (first.description !== "") out.push(`      ${first.description}`);
    for (const v of group) {
      const [head, ...rest] = ownMessage(v).split("\n");
      out.push(`    - ${v.resource === "" ? "(stack)" : v.resource}: ${head}`);
      out.push(...rest.map((line) => `        ${line}`));
    }
  }
  return out;
}
