/**
 * Who is on call when: a pure model of Incident Manager rotations (no cloud call, no Pulumi).
 *
 * A rotation starts at its local `startTime` in its IANA `timeZone` with the first members of its
 * list on call. Hand-offs happen at the recurrence's local times (daily, weekly or monthly); with
 * `recurrenceMultiplier: n` only every n-th hand-off moves the shift on. Each shift puts the next `numberOfOnCalls` members
 * on call, wrapping round the list. When `coverage` is given, the rotation covers only those local
 * times of those weekdays (a weekday left out is not covered at all, so an empty `coverage` covers
 * nothing); an `end` at or before its `start` runs into the next day. Local times follow the zone's
 * daylight-saving rules (luxon), resolved by one rule for the start time, hand-offs and coverage
 * windows ({@link wallClockInstant}): a time in the hour that a fall-back change repeats is its
 * earlier instant, and a time in the hour that a spring change skips moves an hour later. Times are
 * to the minute: a start time's seconds are dropped (OnCallTeam refuses seconds other than :00).
 *
 * Several rotations (an on-call schedule) are combined: in every interval the report lists who
 * each rotation has on call, and the intervals where nobody is on call are the gaps.
 */
import { DateTime } from "luxon";
import type { CoverageTime, RecurrenceArgs, RotationArgs, Weekday } from "./onCallTeam/args";

export type { CoverageTime, Weekday };

/** The days in ISO order (luxon's `weekday` 1-7). */
export const WEEKDAYS: readonly Weekday[] = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

/** How a rotation moves on: OnCallTeam's {@link RecurrenceArgs}, documented there. */
export type RotationRecurrence = RecurrenceArgs;

/** A rotation: OnCallTeam's {@link RotationArgs} (documented there), what this model reads. */
export type RotationDefinition = RotationArgs;

/** The time span to analyse: `from` and either `days` or `to`. Times are cut to the minute. */
export interface CoverageWindow {
  readonly from: Date | string;
  readonly days?: number;
  readonly to?: Date | string;
}

/** A span of time, as UTC ISO strings to the minute (`2026-03-09T13:00Z`); `end` is exclusive. */
export interface TimeSpan {
  readonly start: string;
  readonly end: string;
}

/** One interval with the same people on call throughout. */
export interface CoverageInterval extends TimeSpan {
  /** Every alias on call, in rotation order; empty in a gap. */
  readonly onCall: readonly string[];
  /** Who each rotation has on call (rotations with nobody on call are left out). */
  readonly rotations: Readonly<Record<string, readonly string[]>>;
}

/** The result of {@link coverage}. */
export interface CoverageReport extends TimeSpan {
  /** Consecutive intervals that tile the window, gaps included. */
  readonly intervals: readonly CoverageInterval[];
  /** The intervals where nobody is on call. */
  readonly gaps: readonly TimeSpan[];
  /** Minutes with at least one person on call. */
  readonly coveredMinutes: number;
  /** Minutes with nobody on call. */
  readonly gapMinutes: number;
}

const MINUTE = 60_000;
/** The longest window analysed, in days. */
export const MAX_COVERAGE_DAYS = 366;

interface Segment {
  readonly start: number;
  readonly end: number;
  readonly members: readonly string[];
}

/** Renders an instant as a UTC ISO string to the minute. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + "Z";
}

function toMillis(value: Date | string, what: string): number {
  const ms = typeof value === "string" ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`coverage: ${what} is not a valid time`);
  return Math.floor(ms / MINUTE) * MINUTE;
}

function hhmm(text: string): { hour: number; minute: number } {
  const [hour, minute] = text.split(":").map(Number);
  return { hour, minute };
}

/**
 * The instant a local wall-clock time names in `zone`, resolved the same way whatever the date the
 * code runs on: a time in the hour a fall-back change repeats is its earlier instant (the offset
 * before the change); a time in the hour a spring change skips is read with the offset before the
 * change, so it lands an hour later. AWS's text does not settle either case; luxon alone would
 * guess from the zone's offset at the moment the code runs.
 */
export function wallClockInstant(
  zone: string,
  local: { year: number; month: number; day: number; hour: number; minute: number },
): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  // The offsets a day either side: every candidate reading of the wall-clock time.
  const before = offsetAt(asUtc - 86_400_000);
  const after = offsetAt(asUtc + 86_400_000);
  const valid = [...new Set([before, after])]
    .map((offset) => asUtc - offset * MINUTE)
    .filter((ms) => offsetAt(ms) * MINUTE === asUtc - ms);
  return valid.length > 0 ? Math.min(...valid) : asUtc - before * MINUTE;
}

/** The instant of a local date and `HH:MM` in `zone`. */
function localInstant(day: DateTime, time: string): number {
  const zone = day.zoneName ?? "UTC";
  return wallClockInstant(zone, { year: day.year, month: day.month, day: day.day, ...hhmm(time) });
}

/** A rotation's start, `yyyy-MM-ddTHH:mm[:ss]` local in `zone`, cut to the minute. */
function startInstant(rotation: RotationDefinition): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rotation.startTime);
  const parsed = DateTime.fromISO(rotation.startTime, { zone: rotation.timeZone });
  if (m === null || !parsed.isValid) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number);
  return wallClockInstant(rotation.timeZone, { year, month, day, hour, minute });
}

/** The local hand-off times (`HH:MM`) that fall on `day`. */
function handOffsOn(recurrence: RotationRecurrence, day: DateTime): string[] {
  if (recurrence.daily !== undefined) return [...recurrence.daily];
  if (recurrence.weekly !== undefined) {
    const weekday = WEEKDAYS[day.weekday - 1];
    return recurrence.weekly.filter((w) => w.dayOfWeek === weekday).map((w) => w.handOffTime);
  }
  const last = day.daysInMonth ?? 31;
  return (recurrence.monthly ?? [])
    .filter((m) => Math.min(m.dayOfMonth, last) === day.day)
    .map((m) => m.handOffTime);
}

/** The shifts of one rotation that overlap [from, to). */
function shifts(rotation: RotationDefinition, from: number, to: number): Segment[] {
  const zone = rotation.timeZone;
  const start = startInstant(rotation);
  if (start === undefined) {
    throw new RangeError(`coverage: rotation ${rotation.name} has an invalid start time or zone`);
  }
  const begin = DateTime.fromMillis(start, { zone });
  if (start >= to || rotation.members.length === 0) return [];
  const every = rotation.recurrence.recurrenceMultiplier ?? 1;
  const onCall = Math.min(rotation.recurrence.numberOfOnCalls ?? 1, rotation.members.length);
  const membersOf = (shift: number) =>
    Array.from(
      { length: onCall },
      (_, i) => rotation.members[(shift * onCall + i) % rotation.members.length],
    );
  const boundaries: number[] = [];
  let count = 0;
  for (let day = begin.startOf("day"); day.toMillis() < to; day = day.plus({ days: 1 })) {
    const times = [
      ...new Set(handOffsOn(rotation.recurrence, day).map((t) => localInstant(day, t))),
    ];
    for (const at of times.sort((a, b) => a - b)) {
      if (at <= start || at >= to) continue;
      count++;
      if (count % every === 0) boundaries.push(at);
    }
  }
  const out: Segment[] = [];
  let shiftStart = start;
  [...boundaries, to].forEach((end, shift) => {
    if (end > from && shiftStart < to) {
      out.push({
        start: Math.max(shiftStart, from),
        end: Math.min(end, to),
        members: membersOf(shift),
      });
    }
    shiftStart = end;
  });
  return out;
}

/** The covered local times of a rotation, as instants overlapping [from, to); undefined is always. */
function coveredTimes(rotation: RotationDefinition, from: number, to: number) {
  const coverage = rotation.recurrence.coverage;
  if (coverage === undefined) return undefined;
  const zone = rotation.timeZone;
  const out: { start: number; end: number }[] = [];
  const first = DateTime.fromMillis(from, { zone }).startOf("day").minus({ days: 1 });
  for (let day = first; day.toMillis() < to; day = day.plus({ days: 1 })) {
    for (const time of coverage[WEEKDAYS[day.weekday - 1]] ?? []) {
      const start = localInstant(day, time.start);
      const overnight = time.end <= time.start;
      const end = localInstant(overnight ? day.plus({ days: 1 }) : day, time.end);
      if (end > from && start < to)
        out.push({ start: Math.max(start, from), end: Math.min(end, to) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The on-call segments of one rotation in [from, to), limited to its shift coverage. */
function rotationSegments(rotation: RotationDefinition, from: number, to: number): Segment[] {
  const segments = shifts(rotation, from, to);
  const covered = coveredTimes(rotation, from, to);
  if (covered === undefined) return segments;
  const out: Segment[] = [];
  for (const segment of segments) {
    for (const time of covered) {
      const start = Math.max(segment.start, time.start);
      const end = Math.min(segment.end, time.end);
      if (start < end) out.push({ start, end, members: segment.members });
    }
  }
  return out;
}

/** A window's bounds in milliseconds, to the minute; throws a RangeError for a bad window. */
function windowMillis(window: CoverageWindow): [number, number] {
  const from = toMillis(window.from, "`from`");
  const to =
    window.to !== undefined
      ? toMillis(window.to, "`to`")
      : from + Math.round((window.days ?? 7) * 24 * 60) * MINUTE;
  if (!(to > from)) throw new RangeError("coverage: the window must end after it starts");
  if (to - from > MAX_COVERAGE_DAYS * 24 * 60 * MINUTE) {
    throw new RangeError(`coverage: the window may span at most ${MAX_COVERAGE_DAYS} days`);
  }
  return [from, to];
}

/**
 * Who is on call in each interval of `window`, across `rotations`, and every gap, to the minute.
 *
 * @example coverage(team.rotationDefinitions, { from: "2026-03-02T00:00Z", days: 7 })
 */
export function coverage(
  rotations: readonly RotationDefinition[],
  window: CoverageWindow,
): CoverageReport {
  const [from, to] = windowMillis(window);
  const perRotation = rotations.map((r) => ({
    name: r.name,
    segments: rotationSegments(r, from, to),
  }));
  const cuts = new Set<number>([from, to]);
  for (const { segments } of perRotation) {
    for (const s of segments) cuts.add(s.start).add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const intervals: { start: number; end: number; rotations: Record<string, string[]> }[] = [];
  const cursor = perRotation.map(() => 0);
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const now: Record<string, string[]> = {};
    perRotation.forEach(({ name, segments }, r) => {
      while (cursor[r] < segments.length && segments[cursor[r]].end <= start) cursor[r]++;
      const seg = segments[cursor[r]];
      if (seg !== undefined && seg.start <= start) {
        now[name] = [...new Set([...(now[name] ?? []), ...seg.members])];
      }
    });
    const previous = intervals[intervals.length - 1];
    if (previous !== undefined && JSON.stringify(previous.rotations) === JSON.stringify(now)) {
      previous.end = end;
    } else {
      intervals.push({ start, end, rotations: now });
    }
  }
  const shaped: CoverageInterval[] = intervals.map((i) => ({
    start: formatInstant(i.start),
    end: formatInstant(i.end),
    onCall: [...new Set(Object.values(i.rotations).flat())],
    rotations: i.rotations,
  }));
  const gapMinutes = intervals
    .filter((i) => Object.keys(i.rotations).length === 0)
    .reduce((sum, i) => sum + (i.end - i.start) / MINUTE, 0);
  return {
    start: formatInstant(from),
    end: formatInstant(to),
    intervals: shaped,
    gaps: shaped.filter((i) => i.onCall.length === 0).map(({ start, end }) => ({ start, end })),
    coveredMinutes: (to - from) / MINUTE - gapMinutes,
    gapMinutes,
  };
}

/**
 * One stretch of a rotation's on-call time inside a window: a shift (from a hand-off to the next
 * one that moves the shift on), or, with shift coverage, each covered part of it. Times are UTC to
 * the minute; `start` and `end` are cut to the window.
 */
export interface RotationShift extends TimeSpan {
  /** The members on call, in rotation order. */
  readonly members: readonly string[];
  /**
   * When this stretch starts before the window cuts it: the shift's start, or the start of a
   * covered time inside the shift. The same in every window that holds the stretch.
   */
  readonly since: string;
  /** When the shift it belongs to starts: the rotation's start or a hand-off. */
  readonly shiftStart: string;
}

/**
 * The on-call stretches of one rotation that overlap `window`, in time order, each with the start
 * it has whatever the window: the same minutes {@link coverage} reports for the rotation, but kept
 * apart at every hand-off (also one that hands the shift to the same members) and at every gap of
 * its shift coverage.
 */
export function rotationShifts(
  rotation: RotationDefinition,
  window: CoverageWindow,
): RotationShift[] {
  const [from, to] = windowMillis(window);
  const begin = startInstant(rotation);
  if (begin === undefined) {
    throw new RangeError(`coverage: rotation ${rotation.name} has an invalid start time or zone`);
  }
  // From the rotation's own start, so no shift is cut by the window's start.
  const kept = shifts(rotation, Math.min(begin, from), to).filter((s) => s.end > from);
  if (kept.length === 0) return [];
  const covered = coveredTimes(rotation, kept[0].start, to);
  const out: RotationShift[] = [];
  for (const shift of kept) {
    const pieces =
      covered === undefined
        ? [shift]
        : covered
            .map((t) => ({
              start: Math.max(shift.start, t.start),
              end: Math.min(shift.end, t.end),
            }))
            .filter((p) => p.start < p.end);
    for (const piece of pieces) {
      if (piece.end <= from) continue;
      out.push({
        start: formatInstant(Math.max(piece.start, from)),
        end: formatInstant(piece.end),
        members: shift.members,
        since: formatInstant(piece.start),
        shiftStart: formatInstant(shift.start),
      });
    }
  }
  return out;
}

/** The aliases on call at `at` (empty in a gap). */
export function onCallAt(rotations: readonly RotationDefinition[], at: Date): string[] {
  const report = coverage(rotations, { from: at, to: new Date(at.getTime() + MINUTE) });
  return [...report.intervals[0].onCall];
}

/**
 * The readings of `rotation` that AWS's text does not settle, in words (empty when none applies):
 * results that depend on them may differ from what Incident Manager does.
 * - a multiplier with several hand-offs a day, week or month (is `recurrenceMultiplier` counted in hand-offs or
 *   in days, weeks, months? the model counts hand-offs);
 * - `numberOfOnCalls` of 2 or more (which members each shift picks: the model takes the next N, wrapping);
 * - a monthly hand-off on day 29-31 (a month without that day: the model uses its last day);
 * - overnight shift coverage (an `end` at or before `start`: the model runs it into the next day);
 * - a start time in an hour a daylight-saving change repeats or skips (the model takes the earlier
 *   instant, or an hour later).
 */
export function unsettledReadings(rotation: RotationDefinition): string[] {
  const r = rotation.recurrence;
  const out: string[] = [];
  const handOffs = (r.daily ?? r.weekly ?? r.monthly ?? []).length;
  const multiplier = r.recurrenceMultiplier ?? 1;
  if (multiplier > 1 && handOffs > 1) {
    out.push(
      `a multiplier (recurrenceMultiplier ${multiplier}) with ${handOffs} hand-offs: counted in hand-offs`,
    );
  }
  const numberOfOnCalls = r.numberOfOnCalls ?? 1;
  if (numberOfOnCalls >= 2) {
    out.push(`${numberOfOnCalls} on call at once: the next ${numberOfOnCalls} members, wrapping`);
  }
  const late = (r.monthly ?? []).filter((m) => m.dayOfMonth >= 29).map((m) => m.dayOfMonth);
  if (late.length > 0) {
    out.push(`a monthly hand-off on day ${late.join(", ")}: a shorter month's last day`);
  }
  const overnight = WEEKDAYS.filter((d) => (r.coverage?.[d] ?? []).some((t) => t.end <= t.start));
  if (overnight.length > 0) {
    out.push(`overnight coverage (${overnight.join(", ")}): runs into the next day`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(rotation.startTime);
  if (m !== null) {
    const [year, month, day, hour, minute] = m.slice(1).map(Number);
    const asUtc = Date.UTC(year, month - 1, day, hour, minute);
    const zone = rotation.timeZone;
    const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
    const offsets = [...new Set([offsetAt(asUtc - 86_400_000), offsetAt(asUtc + 86_400_000)])];
    const valid = offsets.filter((o) => offsetAt(asUtc - o * MINUTE) === o).length;
    if (DateTime.local().setZone(zone).isValid && valid !== 1) {
      out.push(
        valid > 1
          ? "a start time in the hour a daylight-saving change repeats: the earlier one"
          : "a start time in the hour a daylight-saving change skips: an hour later",
      );
    }
  }
  return out;
}
