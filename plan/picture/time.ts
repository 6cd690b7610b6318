/**
 * The week view's time axis in one IANA time zone: the local midnights that start each day (a day
 * is 23 or 25 hours long when the clocks change), the hours between them, and instants written in
 * local time.
 */
import { DateTime, IANAZone } from "luxon";

/** The zone the picture uses when none is given. */
export const DEFAULT_TIME_ZONE = "UTC";

/** One local day of the axis, clipped to the window. */
export interface AxisDay {
  /** Where the day starts in the window (its local midnight, or the window's start), epoch ms. */
  readonly start: number;
  /** Where it ends (the next local midnight, or the window's end), epoch ms. */
  readonly end: number;
  /** Whether `start` is the day's local midnight (false for a window that starts mid-day). */
  readonly startsAtMidnight: boolean;
  /** The whole local day's length in hours: 24, or 23 / 25 on a daylight-saving change. */
  readonly hours: number;
  /**
   * Local weekday and date, longest first: `Mon 2026-06-01`, `Mon 06-01`, `Mon`; on a day of 23
   * or 25 hours, first with its length: `Sun 2026-10-25 (25 h)`.
   */
  readonly labels: readonly string[];
}

/** A day's labels, longest first; a day of 23 or 25 hours says so. */
function labels(day: DateTime, hours: number): string[] {
  const names = [day.toFormat("ccc yyyy-MM-dd"), day.toFormat("ccc MM-dd"), day.toFormat("ccc")];
  return hours === 24 ? names : [...names.slice(0, 2).map((l) => `${l} (${hours} h)`), ...names];
}

/** Throws unless `zone` is an IANA time zone luxon knows (`Europe/London`, `UTC`). */
export function checkTimeZone(zone: string): void {
  if (!IANAZone.isValidZone(zone)) {
    throw new RangeError(
      `the picture's time zone must be an IANA zone such as Europe/London or UTC; got ${JSON.stringify(zone)}`,
    );
  }
}

/** The local days of [start, end) in `zone`. */
export function axisDays(start: number, end: number, zone: string): AxisDay[] {
  const days: AxisDay[] = [];
  let day = DateTime.fromMillis(start, { zone }).startOf("day");
  while (day.toMillis() < end) {
    const next = day.plus({ days: 1 });
    days.push({
      start: Math.max(start, day.toMillis()),
      end: Math.min(end, next.toMillis()),
      startsAtMidnight: day.toMillis() >= start,
      hours: (next.toMillis() - day.toMillis()) / 3_600_000,
      labels: labels(day, (next.toMillis() - day.toMillis()) / 3_600_000),
    });
    day = next;
  }
  return days;
}

/** The instants of local `hours` (e.g. 6, 12, 18) on every day of [start, end) in `zone`. */
export function localHours(
  start: number,
  end: number,
  zone: string,
  hours: readonly number[],
): { readonly at: number; readonly hour: number }[] {
  const out: { at: number; hour: number }[] = [];
  for (const day of axisDays(start, end, zone)) {
    const midnight = DateTime.fromMillis(day.end - 1, { zone }).startOf("day");
    for (const hour of hours) {
      const at = midnight.set({ hour }).toMillis();
      if (at > start && at < end && at >= day.start && at < day.end) out.push({ at, hour });
    }
  }
  return out;
}

/** An instant in local time: `Mon 2026-06-01 09:00`. */
export function localTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat("ccc yyyy-MM-dd HH:mm");
}

/**
 * The zone's UTC offsets over [start, end), for the header: `UTC+01:00`, or
 * `UTC+01:00, UTC+00:00 from Sun 2026-10-25 01:00` when the clocks change in the window.
 */
export function offsetsText(start: number, end: number, zone: string): string {
  const offset = (ms: number) => `UTC${DateTime.fromMillis(ms, { zone }).toFormat("ZZ")}`;
  const parts = [offset(start)];
  // No zone changes its offset twice within 15 minutes: a 15-minute step finds each change, then
  // a minute step finds its instant.
  const QUARTER = 900_000;
  for (let t = start; t + QUARTER <= end; t += QUARTER) {
    if (offset(t + QUARTER) === offset(t)) continue;
    let at = t + 60_000;
    while (offset(at) === offset(t)) at += 60_000;
    parts.push(`${offset(at)} from ${localTime(at, zone)}`);
  }
  return parts.join(", ");
}
