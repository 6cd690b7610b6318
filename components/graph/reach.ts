/**
 * Who a stack's raw resources reach, minute by minute: each response plan's combined reach (its
 * direct contacts, escalation plans and on-call schedules together), each on-call schedule's
 * coverage and each escalation plan's paging timeline. `plan` and the policy pack both read the
 * stack through here, whether components or hand-written code built it.
 *
 * What a response plan engagement reaches:
 * - a PERSONAL contact: that contact, all the time;
 * - an ONCALL_SCHEDULE contact: its rotations' on-call members at each minute (the coverage model);
 * - an ESCALATION contact: the union of what all its stages reach, a stage that starts `n` minutes
 *   into the plan counting who its targets reach `n` minutes after the incident opens. All stages
 *   count, not only the first: the reach is who is eventually paged if nobody acknowledges (an
 *   acknowledgement by an essential target stops the plan; ssm-contacts Stage, botocore 1.43);
 * - a channel target of an escalation stage: the contact that owns the channel, all the time;
 * - anything it cannot see (a contact outside the stack, a value still unknown in preview, a
 *   rotation it cannot model): `(unknown)` all the time, so that no gap is claimed there, and a
 *   line in `unsettled` saying what is unknown.
 */
import { coverage, formatInstant, onCallAt, unsettledReadings } from "../coverage";
import type { RotationDefinition, TimeSpan } from "../coverage";
import type { ChannelType, MemberReference, ScheduleReference } from "../references";
import type { TimelineEntry, TimelineStage, TimelineTarget } from "../timeline";
import { buildTimeline } from "../timeline";
import {
  aliasOfArn,
  attempt,
  GraphResource,
  isUnknown,
  labelOf,
  list,
  num,
  obj,
  ResourceGraph,
  str,
  Unknown,
} from "./resources";
import { readRotation } from "./rotations";
import { Stage, stagesOf, targetsOf } from "./stages";

const MINUTE = 60_000;

/** What `reached` lists in minutes that depend on something the graph could not see. */
export const UNKNOWN_REACH = "(unknown)";

/** One interval with the same contacts reached throughout. */
export interface ReachInterval extends TimeSpan {
  /** The aliases reached, in engagement order; {@link UNKNOWN_REACH} for what cannot be seen. */
  readonly reached: readonly string[];
}

/** Who one response plan reaches over a window (the shape of `plan`'s `PlanReport.reach`). */
export interface ReachReport {
  /** The response plan's name (its `name` input, else its resource name). */
  readonly responsePlan: string;
  readonly start: string;
  readonly end: string;
  /** Minutes in which someone (or something unknown) is reached. */
  readonly reachedMinutes: number;
  /** Minutes in which nobody is reached. */
  readonly gapMinutes: number;
  readonly gaps: readonly TimeSpan[];
  readonly intervals: readonly ReachInterval[];
  /**
   * The readings AWS's text does not settle that the result depends on (`<rotation>: <reading>`),
   * then what could not be seen (`<what>: unknown`).
   */
  readonly unsettled: readonly string[];
}

/** A response plan's reach with the resource it belongs to and what could not be read. */
export interface ResponsePlanReading {
  readonly resource: GraphResource;
  readonly report: ReachReport;
  /** What could not be seen; those with an `error` were values unknown in preview. */
  readonly unknowns: readonly Unknown[];
}

/** A part of what a plan reaches. */
type Piece =
  | { readonly kind: "contact"; readonly alias: string }
  | {
      readonly kind: "schedule";
      readonly rotations: readonly RotationDefinition[];
      /** Minutes after the incident opens that the schedule is engaged. */
      readonly offsetMinutes: number;
      /** Readings of the raw rotations' fields that AWS's text does not settle. */
      readonly notes: readonly string[];
    }
  | { readonly kind: "unknown"; readonly unknown: Unknown };

/** The window analysed: `from` and `days`. */
export interface ReachWindow {
  readonly from: Date;
  readonly days: number;
}

const unknownPiece = (what: string, error?: unknown): Piece => ({
  kind: "unknown",
  unknown: { unknown: true, what, ...(error === undefined ? {} : { error }) },
});

/** The graph's reading of ownership and rotations, computed once per graph. */
class Reader {
  private owners?: Map<GraphResource, GraphResource[]>;
  private channelOwners?: Map<GraphResource, GraphResource | undefined>;

  constructor(readonly graph: ResourceGraph) {}

  /** The contact a plan or channel belongs to (its `contactId`). */
  ownerOf(resource: GraphResource): GraphResource | undefined {
    const owner = this.graph.resolve(
      resource,
      "contactId",
      () => this.graph.props(resource).contactId,
      "contact",
      `\`contactId\` of ${labelOf(resource)}`,
    );
    return isUnknown(owner) ? undefined : owner;
  }

  /** The Plan resources of a contact. */
  plansOf(contact: GraphResource): GraphResource[] {
    if (this.owners === undefined) {
      this.owners = new Map();
      for (const plan of this.graph.ofKind("plan")) {
        const owner = this.ownerOf(plan);
        if (owner !== undefined) this.owners.set(owner, [...(this.owners.get(owner) ?? []), plan]);
      }
    }
    return this.owners.get(contact) ?? [];
  }

  /** The contact a channel belongs to. */
  channelOwner(channel: GraphResource): GraphResource | undefined {
    this.channelOwners ??= new Map();
    if (!this.channelOwners.has(channel)) this.channelOwners.set(channel, this.ownerOf(channel));
    return this.channelOwners.get(channel);
  }

  /** Every stage of a contact (inline, then its Plan resources), with the resource holding it. */
  stages(contact: GraphResource): { owner: GraphResource; stage: Stage }[] | Unknown {
    return attempt(
      () => [
        ...stagesOf(contact.type, this.graph.props(contact)).map((stage) => ({
          owner: contact,
          stage,
        })),
        ...this.plansOf(contact).flatMap((plan) =>
          stagesOf(plan.type, this.graph.props(plan)).map((stage) => ({ owner: plan, stage })),
        ),
      ],
      `the stages of ${labelOf(contact)}`,
    );
  }

  /** An on-call schedule's rotations as the coverage model reads them, and what it cannot read. */
  rotationsOf(schedule: GraphResource): {
    rotations: RotationDefinition[];
    notes: string[];
    unknowns: Unknown[];
  } {
    const out = {
      rotations: [] as RotationDefinition[],
      notes: [] as string[],
      unknowns: [] as Unknown[],
    };
    const refs = attempt(
      () => [
        ...list(this.graph.props(schedule).plan).flatMap((s) =>
          list(obj(s)?.rotationIds).map((id) => ({ owner: schedule, property: "plan", id })),
        ),
        ...this.plansOf(schedule).flatMap((p) =>
          list(this.graph.props(p).rotationIds).map((id) => ({
            owner: p,
            property: "rotationIds",
            id,
          })),
        ),
      ],
      `the rotations of ${labelOf(schedule)}`,
    );
    if (isUnknown(refs)) return { ...out, unknowns: [refs] };
    if (refs.length === 0) {
      out.unknowns.push({ unknown: true, what: `${labelOf(schedule)} lists no rotations` });
    }
    for (const ref of refs) {
      const what = `a rotation of ${labelOf(schedule)}`;
      const rotation = this.graph.resolve(ref.owner, ref.property, () => ref.id, "rotation", what);
      if (isUnknown(rotation)) out.unknowns.push(rotation);
      else if (rotation === undefined) {
        out.unknowns.push({
          unknown: true,
          what: `rotation ${aliasOfArn(ref.id) ?? "?"} of ${labelOf(schedule)} is not in this stack`,
        });
      } else {
        const read = readRotation(this.graph, rotation);
        if (isUnknown(read)) out.unknowns.push(read);
        else {
          out.rotations.push(read.rotation);
          out.notes.push(...read.notes);
        }
      }
    }
    return out;
  }

  /** What `contact` reaches when engaged `offset` minutes after the incident opens. */
  reachOf(contact: GraphResource, offset: number, seen: Set<GraphResource>): Piece[] {
    const type = this.graph.contactType(contact);
    const alias = this.graph.text(contact, "alias") ?? contact.name;
    if (type === "PERSONAL") return [{ kind: "contact", alias }];
    if (type === "ONCALL_SCHEDULE") {
      const { rotations, notes, unknowns } = this.rotationsOf(contact);
      return [
        ...(rotations.length > 0
          ? [{ kind: "schedule" as const, rotations, offsetMinutes: offset, notes }]
          : []),
        ...unknowns.map((unknown): Piece => ({ kind: "unknown", unknown })),
      ];
    }
    if (type !== "ESCALATION") {
      return [unknownPiece(`the type of ${labelOf(contact)}`, this.graph.prop(contact, "type"))];
    }
    if (seen.has(contact)) return [];
    const inner = new Set(seen).add(contact);
    const stages = this.stages(contact);
    if (isUnknown(stages)) return [{ kind: "unknown", unknown: stages }];
    if (stages.length === 0) {
      return [unknownPiece(`${labelOf(contact)} has no escalation plan`)];
    }
    const out: Piece[] = [];
    let at = offset;
    for (const { owner, stage } of stages) {
      const property = owner === contact ? "plan" : "stages";
      const targets = attempt(() => targetsOf(stage), `the targets of \`${stage.path}\``);
      if (isUnknown(targets)) out.push({ kind: "unknown", unknown: targets });
      else {
        for (const target of targets) {
          if (target.kind === "none") continue;
          const kind = target.kind === "contact" ? "contact" : "contactChannel";
          const read = target.kind === "contact" ? target.contactId : target.channelId;
          const found = this.graph.resolve(owner, property, read, kind, `\`${target.path}\``);
          if (isUnknown(found)) out.push({ kind: "unknown", unknown: found });
          else if (found === undefined) {
            out.push(
              unknownPiece(
                `the ${kind === "contact" ? "contact" : "channel"} of \`${target.path}\` of ${labelOf(owner)} is not in this stack`,
              ),
            );
          } else if (target.kind === "contact") out.push(...this.reachOf(found, at, inner));
          else {
            const channelOwner = this.channelOwner(found);
            out.push(
              channelOwner === undefined
                ? unknownPiece(`the contact of ${labelOf(found)}`)
                : {
                    kind: "contact",
                    alias: this.graph.text(channelOwner, "alias") ?? channelOwner.name,
                  },
            );
          }
        }
      }
      const duration = attempt(() => num(stage.props.durationInMinutes), "duration");
      at += isUnknown(duration) ? 0 : (duration ?? 0);
    }
    return out;
  }
}

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly reached: readonly string[];
}

/** The pieces' segments over [from, to), in ms. */
function segmentsOf(piece: Piece, from: number, to: number): Segment[] {
  if (piece.kind === "contact") return [{ start: from, end: to, reached: [piece.alias] }];
  if (piece.kind === "unknown") return [{ start: from, end: to, reached: [UNKNOWN_REACH] }];
  const shift = piece.offsetMinutes * MINUTE;
  const report = coverage(piece.rotations, {
    from: new Date(from + shift),
    to: new Date(to + shift),
  });
  return report.intervals
    .filter((i) => i.onCall.length > 0)
    .map((i) => ({
      start: Date.parse(i.start) - shift,
      end: Date.parse(i.end) - shift,
      reached: i.onCall,
    }));
}

/** Who `pieces` reach in each interval of [from, to), merged where it does not change. */
function combine(pieces: readonly Piece[], from: number, to: number): ReachInterval[] {
  const perPiece = pieces.map((p) => segmentsOf(p, from, to));
  const cuts = new Set<number>([from, to]);
  for (const segments of perPiece) for (const s of segments) cuts.add(s.start).add(s.end);
  const points = [...cuts].filter((p) => p >= from && p <= to).sort((a, b) => a - b);
  const out: { start: number; end: number; reached: string[] }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const reached = new Set<string>();
    for (const segments of perPiece) {
      for (const s of segments)
        if (s.start <= start && s.end > start) s.reached.forEach((a) => reached.add(a));
    }
    const now = [...reached];
    const previous = out[out.length - 1];
    if (previous !== undefined && JSON.stringify(previous.reached) === JSON.stringify(now)) {
      previous.end = end;
    } else out.push({ start, end, reached: now });
  }
  return out.map((i) => ({
    start: formatInstant(i.start),
    end: formatInstant(i.end),
    reached: i.reached,
  }));
}

function windowOf(window: ReachWindow): { from: number; to: number } {
  const from = Math.floor(window.from.getTime() / MINUTE) * MINUTE;
  return { from, to: from + Math.round(window.days * 24 * 60) * MINUTE };
}

/** The lines of `unsettled` for the pieces: rotation readings, then what is unknown. */
function unsettledOf(pieces: readonly Piece[]): string[] {
  const lines = new Set<string>();
  for (const p of pieces) {
    if (p.kind !== "schedule") continue;
    for (const r of p.rotations) for (const u of unsettledReadings(r)) lines.add(`${r.name}: ${u}`);
    for (const n of p.notes) lines.add(n);
  }
  for (const p of pieces) if (p.kind === "unknown") lines.add(`${p.unknown.what}: unknown`);
  return [...lines];
}

/** Each response plan in the stack (both flavours) and who it reaches over `window`. */
export function responsePlanReach(
  graph: ResourceGraph,
  window: ReachWindow,
): ResponsePlanReading[] {
  const reader = new Reader(graph);
  const { from, to } = windowOf(window);
  return graph.ofKind("responsePlan").map((plan) => {
    const pieces: Piece[] = [];
    const engagements = attempt(
      () => list(graph.props(plan).engagements),
      `the engagements of ${labelOf(plan)}`,
    );
    if (isUnknown(engagements)) pieces.push({ kind: "unknown", unknown: engagements });
    else {
      engagements.forEach((arn, i) => {
        const what = `\`engagements[${i}]\` of ${labelOf(plan)}`;
        const contact = graph.resolve(plan, "engagements", () => arn, "contact", what);
        if (isUnknown(contact)) pieces.push({ kind: "unknown", unknown: contact });
        else if (contact === undefined) {
          pieces.push(
            unknownPiece(`contact ${aliasOfArn(arn) ?? "?"} (${what}) is not in this stack`),
          );
        } else pieces.push(...reader.reachOf(contact, 0, new Set()));
      });
    }
    const intervals = combine(pieces, from, to);
    const gaps = intervals
      .filter((i) => i.reached.length === 0)
      .map(({ start, end }) => ({ start, end }));
    const gapMinutes = gaps.reduce(
      (sum, g) => sum + (Date.parse(g.end) - Date.parse(g.start)) / MINUTE,
      0,
    );
    return {
      resource: plan,
      unknowns: pieces.flatMap((p) => (p.kind === "unknown" ? [p.unknown] : [])),
      report: {
        responsePlan: graph.text(plan, "name") ?? plan.name,
        start: formatInstant(from),
        end: formatInstant(to),
        reachedMinutes: (to - from) / MINUTE - gapMinutes,
        gapMinutes,
        gaps,
        intervals,
        unsettled: unsettledOf(pieces),
      },
    };
  });
}

/** An on-call schedule contact's coverage, as `plan` reports a team's. */
export interface ScheduleCoverage {
  readonly contact: GraphResource;
  /** The schedule's alias. */
  readonly schedule: string;
  readonly start: string;
  readonly end: string;
  readonly coveredMinutes: number;
  readonly gapMinutes: number;
  readonly gaps: readonly TimeSpan[];
  /** Who is on call in each interval; {@link UNKNOWN_REACH} for rotations it cannot model. */
  readonly intervals: readonly { start: string; end: string; onCall: readonly string[] }[];
  readonly unsettled: readonly string[];
}

/**
 * The coverage of every ONCALL_SCHEDULE contact that `include` accepts, over `window`: the
 * coverage model over the rotations it lists. A rotation it cannot model (outside the stack,
 * unknown in preview) makes every minute `(unknown)` rather than a gap.
 */
export function scheduleCoverage(
  graph: ResourceGraph,
  window: ReachWindow,
  include: (contact: GraphResource) => boolean = () => true,
): ScheduleCoverage[] {
  const reader = new Reader(graph);
  const { from, to } = windowOf(window);
  return graph
    .ofKind("contact")
    .filter((c) => graph.contactType(c) === "ONCALL_SCHEDULE" && include(c))
    .map((contact) => {
      const { rotations, notes, unknowns } = reader.rotationsOf(contact);
      const report = coverage(rotations, { from: new Date(from), to: new Date(to) });
      const marker = unknowns.length > 0 ? [UNKNOWN_REACH] : [];
      const intervals = report.intervals.map(({ start, end, onCall }) => ({
        start,
        end,
        onCall: [...onCall, ...marker],
      }));
      const gaps = intervals
        .filter((i) => i.onCall.length === 0)
        .map(({ start, end }) => ({ start, end }));
      const gapMinutes = marker.length > 0 ? 0 : report.gapMinutes;
      return {
        contact,
        schedule: graph.text(contact, "alias") ?? contact.name,
        start: report.start,
        end: report.end,
        coveredMinutes: (to - from) / MINUTE - gapMinutes,
        gapMinutes,
        gaps,
        intervals,
        unsettled: [
          ...rotations.flatMap((r) => unsettledReadings(r).map((u) => `${r.name}: ${u}`)),
          ...notes,
          ...unknowns.map((u) => `${u.what}: unknown`),
        ],
      };
    });
}

/** An escalation contact's paging timeline. */
export interface EscalationTimeline {
  readonly contact: GraphResource;
  /** The escalation contact's alias. */
  readonly alias: string;
  readonly entries: readonly TimelineEntry[];
}

/**
 * The paging timeline of every ESCALATION contact that `include` accepts, for an incident opened
 * at `at`: the components' timeline model ({@link buildTimeline}) over the raw stages. A PERSONAL
 * target pages through the channels its engagement plan targets; an on-call schedule asks the
 * coverage model who is on call; anything else, or what cannot be seen, is `channels-unknown`.
 */
export function escalationTimelines(
  graph: ResourceGraph,
  at: Date,
  include: (contact: GraphResource) => boolean = () => true,
): EscalationTimeline[] {
  const reader = new Reader(graph);
  const member = (contact: GraphResource): MemberReference => {
    const alias = graph.text(contact, "alias") ?? contact.name;
    const stages = reader.stages(contact);
    const engagement: MemberReference["engagement"][number][] = [];
    let after = 0;
    for (const { owner, stage } of isUnknown(stages) ? [] : stages) {
      const targets = attempt(() => targetsOf(stage), "targets");
      for (const target of isUnknown(targets) ? [] : targets) {
        if (target.kind !== "channel") continue;
        const property = owner === contact ? "plan" : "stages";
        const channel = graph.resolve(owner, property, target.channelId, "contactChannel", "");
        if (channel === undefined || isUnknown(channel)) continue;
        const props = graph.props(channel);
        const native = channel.type.startsWith("aws-native:");
        const type = str(native ? props.channelType : props.type) as ChannelType | undefined;
        const address = str(
          native ? props.channelAddress : obj(props.deliveryAddress)?.simpleAddress,
        );
        const retry = attempt(() => num(target.retryIntervalInMinutes()), "retry");
        if (type === undefined || address === undefined) continue;
        engagement.push({
          // aws-native calls the channel's name channelName, classic name.
          channelName: str(native ? props.channelName : props.name) ?? channel.name,
          type,
          address,
          afterMinutes: after,
          retryIntervalInMinutes: isUnknown(retry) ? 0 : (retry ?? 0),
        });
      }
      const duration = attempt(() => num(stage.props.durationInMinutes), "duration");
      after += isUnknown(duration) ? 0 : (duration ?? 0);
    }
    // Shaped as an OnCallTeam's reference; the timeline reads only these fields.
    return { kind: "member", alias, engagement } as unknown as MemberReference;
  };
  const contactsByAlias = (alias: string) =>
    graph.ofKind("contact").find((c) => (graph.text(c, "alias") ?? c.name) === alias);
  const targetOf = (contact: GraphResource): TimelineTarget => {
    const type = graph.contactType(contact);
    const alias = graph.text(contact, "alias") ?? contact.name;
    if (type === "PERSONAL") return member(contact);
    if (type === "ONCALL_SCHEDULE") {
      const { rotations } = reader.rotationsOf(contact);
      const aliases = [...new Set(rotations.flatMap((r) => r.members))];
      const members = aliases.flatMap((a) => {
        const found = contactsByAlias(a);
        return found === undefined ? [] : [member(found)];
      });
      return {
        kind: "schedule",
        alias,
        members,
        onCallAt: (when: Date) => onCallAt(rotations, when),
      } as unknown as ScheduleReference;
    }
    return { kind: "arn", alias };
  };
  return graph
    .ofKind("contact")
    .filter((c) => graph.contactType(c) === "ESCALATION" && include(c))
    .map((contact) => {
      const stages = reader.stages(contact);
      const timelineStages: TimelineStage[] = (isUnknown(stages) ? [] : stages).map(
        ({ owner, stage }) => {
          const property = owner === contact ? "plan" : "stages";
          const targets = attempt(() => targetsOf(stage), "targets");
          const duration = attempt(() => num(stage.props.durationInMinutes), "duration");
          return {
            durationInMinutes: isUnknown(duration) ? 0 : (duration ?? 0),
            targets: (isUnknown(targets) ? [] : targets).flatMap((t) => {
              if (t.kind !== "contact") return [];
              const essential = attempt(t.isEssential, "isEssential");
              const found = graph.resolve(owner, property, t.contactId, "contact", "");
              const target: TimelineTarget =
                found === undefined || isUnknown(found)
                  ? {
                      kind: "arn",
                      alias: isUnknown(found) ? undefined : aliasOfArn(attempt(t.contactId, "id")),
                    }
                  : targetOf(found);
              return [{ target, isEssential: essential === true }];
            }),
          };
        },
      );
      return {
        contact,
        alias: graph.text(contact, "alias") ?? contact.name,
        entries: buildTimeline(timelineStages, at),
      };
    });
}
