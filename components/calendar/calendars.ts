/**
 * On-call calendars: the shifts of on-call schedules as iCalendar (RFC 5545) files, one per
 * schedule and one per person across every rotation they are in, from the coverage engine
 * ({@link rotationShifts}), so a calendar shows exactly the minutes `coverage()` reports.
 *
 * Each event is one shift of one rotation (or, with shift coverage, one covered part of it), cut
 * to the export's window. Times are UTC. UIDs are name-based UUIDs of the schedule, the rotation,
 * the person (in a person's calendar) and the start the shift has whatever the window, so a later
 * export updates the same events instead of adding copies. A calendar carries aliases and
 * display names, never a phone number or an email address.
 */
import { z } from "zod";
import { contactAliasSchema } from "../common";
import {
  MAX_COVERAGE_DAYS,
  rotationShifts,
  unsettledReadings,
  type RotationDefinition,
} from "../coverage";
import { rotationSchema } from "../onCallTeam/schema";
import type { ScheduleReference } from "../references";
import { describeValue, fail, validateArgs } from "../validation";
import {
  nameBasedUid,
  renderIcs,
  text,
  textList,
  utcDateTime,
  xText,
  type IcsComponent,
  type IcsProperty,
} from "./ics";

/** The days a calendar spans when its window gives neither `days` nor `to`. */
export const CALENDAR_DAYS = 28;

/** The calendars' PRODID (RFC 5545 §3.7.3). */
export const PRODUCT_ID = "-//pulumi-aws-incident-manager//On-call calendars//EN";

/** The category every event carries (CATEGORIES). */
export const ON_CALL_CATEGORY = "On call";

/**
 * The category of an event whose shift depends on a reading AWS's documentation does not settle
 * (see {@link unsettledReadings}); such an event also has an `X-INCIDENT-MANAGER-UNSETTLED`
 * property per reading and a line per reading in its DESCRIPTION.
 */
export const UNSETTLED_CATEGORY = "Unsettled reading";

/** An on-call schedule as data: what a calendar needs of it. */
export interface CalendarSchedule {
  /** The team's name (an OnCallTeam's resource name), shown in each event. */
  readonly team: string;
  /**
   * The ONCALL_SCHEDULE contact's alias: 1-255 of `a-z 0-9 _ -` (ssm-contacts CreateContact
   * Alias). It names the schedule's file, `schedule-<alias>.ics`.
   */
  readonly schedule: string;
  /**
   * The schedule's rotations, as OnCallTeam takes them (`rotations[]`, checked with the same
   * rules; see {@link RotationDefinition}). Each member alias follows the contact alias rule and
   * names a person's file, `person-<alias>.ics`.
   */
  readonly rotations: readonly RotationDefinition[];
  /**
   * Display names by member alias, shown next to the alias (`Taro (taro)`).
   * @default {} (aliases only)
   */
  readonly displayNames?: Readonly<Record<string, string>>;
}

/** What a calendar reads from an OnCallTeam (`team.schedule`, `team.rotationDefinitions`). */
export interface CalendarTeam {
  readonly schedule: ScheduleReference | undefined;
  readonly rotationDefinitions: readonly RotationDefinition[];
}

/** The span a calendar covers: `from`, and `days` or `to`. Times are cut to the minute. */
export interface CalendarWindow {
  /** The first minute, a Date or an ISO 8601 time with an offset (`2026-03-02T00:00Z`). */
  readonly from: Date | string;
  /**
   * How many days from `from`, more than 0 and at most 366 (the coverage engine's longest window).
   * @default 28 ({@link CALENDAR_DAYS}), when `to` is not given either
   */
  readonly days?: number;
  /** The end (exclusive), instead of `days`. */
  readonly to?: Date | string;
}

/** Options of {@link onCallCalendars}. */
export interface CalendarOptions {
  /**
   * Every event's DTSTAMP, the time the calendar is made (RFC 5545 §3.8.7.2); give a fixed one
   * for output that does not change between runs.
   * @default the current time
   */
  readonly stamp?: Date | string;
}

/** One event: a shift, or a covered part of one, of one rotation. */
export interface OnCallEvent {
  /** The event's UID: a name-based UUID (see the module's documentation). */
  readonly uid: string;
  /** UTC, to the minute (`2026-03-02T00:00Z`), cut to the window; `end` is exclusive. */
  readonly start: string;
  readonly end: string;
  /** When the shift (or its covered part) starts before the window cuts it: the UID's time. */
  readonly since: string;
  /** When the shift starts: the rotation's start or a hand-off. */
  readonly shiftStart: string;
  readonly team: string;
  readonly schedule: string;
  readonly rotation: string;
  /** The aliases on call, in rotation order. */
  readonly onCall: readonly string[];
  /** The readings AWS's text does not settle that the shift depends on (empty when none). */
  readonly unsettled: readonly string[];
  readonly summary: string;
  readonly description: string;
}

/** One calendar: a schedule's, or a person's across every rotation they are in. */
export interface OnCallCalendar {
  readonly kind: "schedule" | "person";
  /** The schedule's alias, or the person's. */
  readonly alias: string;
  /** `schedule-<alias>.ics` or `person-<alias>.ics`. */
  readonly fileName: string;
  /** The calendar's name (NAME and X-WR-CALNAME). */
  readonly name: string;
  readonly events: readonly OnCallEvent[];
  /** The iCalendar text, CRLF line ends. */
  readonly text: string;
}

const CONTEXT = { component: "onCallCalendars", name: "calendars" };
const MINUTE = 60_000;

const instantSchema = z.union([z.date(), z.string()]).superRefine((value, ctx) => {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) {
    ctx.addIssue({
      code: "custom",
      message: `must be a time, a Date or ISO 8601 with an offset such as 2026-03-02T00:00Z; got ${describeValue(value instanceof Date ? "Invalid Date" : value)}.`,
    });
  }
});

const scheduleSchema = z.strictObject({
  team: z.string().min(1, { error: 'must name the team, such as "sre"; got "".' }),
  schedule: contactAliasSchema,
  rotations: z.array(rotationSchema).min(1, {
    error: "needs at least one rotation; got none. A schedule without rotations has no shifts.",
  }),
  displayNames: z.record(z.string(), z.string()).optional(),
});

const argsSchema = z
  .strictObject({
    schedules: z.array(scheduleSchema.nullable()),
    window: z.strictObject({
      from: instantSchema,
      days: z
        .number()
        .refine((d) => d > 0 && d <= MAX_COVERAGE_DAYS, {
          error: (iss) =>
            `must be more than 0 and at most ${MAX_COVERAGE_DAYS} days (the coverage engine's longest window); got ${describeValue(iss.input)}.`,
        })
        .optional(),
      to: instantSchema.optional(),
    }),
    stamp: instantSchema.optional(),
  })
  .superRefine((args, ctx) => {
    const issue = (path: PropertyKey[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    const seen = new Map<string, number>();
    args.schedules.forEach((s, i) => {
      if (s === null) return;
      const first = seen.get(s.schedule);
      if (first !== undefined) {
        issue(
          ["schedules", i, "schedule"],
          `names the schedule ${JSON.stringify(s.schedule)} again, like \`schedules[${first}].schedule\`: its calendar would be written twice. List each schedule once.`,
        );
      } else seen.set(s.schedule, i);
      const names = new Set<string>();
      s.rotations.forEach((r, j) => {
        if (names.has(r.name)) {
          issue(
            ["schedules", i, "rotations", j, "name"],
            `names the rotation ${JSON.stringify(r.name)} twice in one schedule; got it again. Give each rotation its own name.`,
          );
        }
        names.add(r.name);
        r.members.forEach((alias, k) => {
          const result = contactAliasSchema.safeParse(alias);
          if (!result.success) {
            issue(["schedules", i, "rotations", j, "members", k], result.error.issues[0].message);
          }
        });
      });
    });
    const { window } = args;
    if (window.days !== undefined && window.to !== undefined) {
      issue(
        ["window"],
        `takes \`days\` or \`to\`, not both; got days ${window.days} and to ${describeValue(window.to)}. Keep one.`,
      );
    } else if (window.to !== undefined) {
      const from = toMillis(window.from);
      const to = toMillis(window.to);
      if (!Number.isNaN(from) && !Number.isNaN(to)) {
        if (!(to > from)) {
          issue(
            ["window", "to"],
            `must be after \`window.from\`; got ${describeValue(window.to)}. Give a later end.`,
          );
        } else if (to - from > MAX_COVERAGE_DAYS * 1440 * MINUTE) {
          issue(
            ["window", "to"],
            `must be at most ${MAX_COVERAGE_DAYS} days after \`window.from\` (the coverage engine's longest window); got ${describeValue(window.to)}. Export a shorter span.`,
          );
        }
      }
    }
  });

function toMillis(value: Date | string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Math.floor(ms / MINUTE) * MINUTE;
}

function isTeam(source: CalendarSchedule | CalendarTeam): source is CalendarTeam {
  return typeof source === "object" && source !== null && "rotationDefinitions" in source;
}

/**
 * The schedule of an OnCallTeam as calendar data: its name, its ONCALL_SCHEDULE alias, its
 * rotations and its members' display names. Undefined for a team without rotations.
 */
export function calendarScheduleOf(team: CalendarTeam): CalendarSchedule | undefined {
  const schedule = team.schedule;
  if (schedule === undefined) return undefined;
  return {
    team: schedule.team,
    schedule: schedule.alias,
    rotations: team.rotationDefinitions,
    displayNames: Object.fromEntries(schedule.members.map((m) => [m.alias, m.displayName])),
  };
}

interface Shift {
  readonly source: CalendarSchedule;
  readonly rotation: RotationDefinition;
  readonly timeZone: string;
  readonly start: string;
  readonly end: string;
  readonly since: string;
  readonly shiftStart: string;
  readonly onCall: readonly string[];
  readonly unsettled: readonly string[];
}

function shiftLines(shift: Shift): string[] {
  const lines = [
    `Shift starting ${shift.shiftStart}; hand-offs follow the rotation's time zone, ${shift.timeZone}.`,
  ];
  if (shift.since !== shift.shiftStart) {
    lines.push(`This part starts ${shift.since}, as the rotation's shift coverage allows.`);
  }
  if (shift.start !== shift.since) {
    lines.push(`Shown from ${shift.start}, where this calendar's window starts.`);
  }
  for (const reading of shift.unsettled) {
    lines.push(
      `Depends on a reading AWS's documentation does not settle (check it in the Incident Manager console): ${reading}.`,
    );
  }
  return lines;
}

function eventComponent(event: OnCallEvent, stamp: string): IcsComponent {
  const properties: IcsProperty[] = [
    ["UID", event.uid],
    ["DTSTAMP", stamp],
    ["DTSTART", utcDateTime(event.start)],
    ["DTEND", utcDateTime(event.end)],
    text("SUMMARY", event.summary),
    text("DESCRIPTION", event.description),
    textList("CATEGORIES", [
      ON_CALL_CATEGORY,
      ...(event.unsettled.length > 0 ? [UNSETTLED_CATEGORY] : []),
    ]),
    ["TRANSP", "TRANSPARENT"],
    xText("X-INCIDENT-MANAGER-TEAM", event.team),
    xText("X-INCIDENT-MANAGER-SCHEDULE", event.schedule),
    xText("X-INCIDENT-MANAGER-ROTATION", event.rotation),
    xText("X-INCIDENT-MANAGER-ON-CALL", event.onCall.join(",")),
    xText("X-INCIDENT-MANAGER-SHIFT-START", event.shiftStart),
    ...event.unsettled.map((u) => xText("X-INCIDENT-MANAGER-UNSETTLED", u)),
  ];
  return { name: "VEVENT", properties };
}

function calendarText(
  name: string,
  description: string,
  events: readonly OnCallEvent[],
  stamp: string,
) {
  return renderIcs({
    name: "VCALENDAR",
    properties: [
      ["PRODID", PRODUCT_ID],
      ["VERSION", "2.0"],
      ["CALSCALE", "GREGORIAN"],
      ["METHOD", "PUBLISH"],
      text("NAME", name),
      text("X-WR-CALNAME", name),
      text("DESCRIPTION", description),
    ],
    components: events.map((e) => eventComponent(e, stamp)),
  });
}

const byTime = (a: OnCallEvent, b: OnCallEvent) =>
  a.start.localeCompare(b.start) ||
  a.schedule.localeCompare(b.schedule) ||
  a.rotation.localeCompare(b.rotation);

/**
 * The on-call calendars of `schedules` (OnCallTeams, or schedules as data) over `window`: first one per schedule (in the order given),
 * then one per person (in the order they first appear in a rotation), each with its iCalendar
 * text. A person in a rotation with no shift in the window still gets a calendar, with no event,
 * so a subscription to it keeps working. Teams without rotations are left out.
 *
 * Invalid input throws one {@link ValidationError} naming every broken rule before any shift is
 * worked out.
 *
 * @example onCallCalendars([team], { from: "2026-03-02T00:00Z", days: 28 })
 */
export function onCallCalendars(
  schedules: readonly (CalendarSchedule | CalendarTeam)[],
  window: CalendarWindow,
  options: CalendarOptions = {},
): OnCallCalendar[] {
  if (!Array.isArray(schedules)) {
    fail(CONTEXT, [
      {
        path: ["schedules"],
        message: `must be a list of OnCallTeams or schedules; got ${describeValue(schedules)}.`,
      },
    ]);
  }
  // A team without rotations has no schedule: null, so every other entry keeps its index.
  const given = schedules.map((s) => (isTeam(s) ? (calendarScheduleOf(s) ?? null) : s));
  const args = validateArgs(
    argsSchema,
    { schedules: given, window, ...(options.stamp === undefined ? {} : { stamp: options.stamp }) },
    CONTEXT,
  );
  const sources = args.schedules.filter((s) => s !== null);
  const coverageWindow = {
    from: args.window.from,
    ...(args.window.to === undefined
      ? { days: args.window.days ?? CALENDAR_DAYS }
      : { to: args.window.to }),
  };
  const stamp = utcDateTime(args.stamp ?? new Date());

  const displayNames = new Map<string, string>();
  for (const s of sources) {
    for (const [alias, name] of Object.entries(s.displayNames ?? {})) {
      if (!displayNames.has(alias)) displayNames.set(alias, name);
    }
  }
  const shortName = (alias: string) => displayNames.get(alias) ?? alias;
  const fullName = (alias: string) =>
    displayNames.has(alias) ? `${displayNames.get(alias)} (${alias})` : alias;

  const shifts: Shift[] = sources.flatMap((source) =>
    source.rotations.flatMap((rotation) => {
      const unsettled = unsettledReadings(rotation);
      return rotationShifts(rotation, coverageWindow).map((s): Shift => ({
        source,
        rotation,
        timeZone: rotation.timeZone,
        start: s.start,
        end: s.end,
        since: s.since,
        shiftStart: s.shiftStart,
        onCall: s.members,
        unsettled,
      }));
    }),
  );
  const where = (s: Shift) =>
    `rotation ${s.rotation.name} of on-call schedule ${s.source.schedule} (team ${s.source.team})`;
  const event = (s: Shift, uidName: string, summary: string, lead: string[]): OnCallEvent => ({
    uid: nameBasedUid(uidName),
    start: s.start,
    end: s.end,
    since: s.since,
    shiftStart: s.shiftStart,
    team: s.source.team,
    schedule: s.source.schedule,
    rotation: s.rotation.name,
    onCall: s.onCall,
    unsettled: s.unsettled,
    summary,
    description: [...lead, ...shiftLines(s)].join("\n"),
  });

  const first = new Date(toMillis(args.window.from)).toISOString().slice(0, 16) + "Z";
  const span = `from ${first}, ${
    args.window.to === undefined
      ? `${args.window.days ?? CALENDAR_DAYS} days`
      : `to ${new Date(toMillis(args.window.to)).toISOString().slice(0, 16)}Z`
  } (times in UTC)`;

  const out: OnCallCalendar[] = sources.map((source) => {
    const events = shifts
      .filter((s) => s.source === source)
      .map((s) =>
        event(
          s,
          `schedule/${source.schedule}/${s.rotation.name}/${s.since}`,
          `${s.onCall.map(shortName).join(", ")} on call (${s.rotation.name})`,
          [`On call: ${s.onCall.map(fullName).join(", ")}.`, `In ${where(s)}.`],
        ),
      )
      .sort(byTime);
    const name = `${source.schedule} on-call schedule (team ${source.team})`;
    return {
      kind: "schedule" as const,
      alias: source.schedule,
      fileName: `schedule-${source.schedule}.ics`,
      name,
      events,
      text: calendarText(name, `Shifts of ${name}, ${span}.`, events, stamp),
    };
  });

  const people = [...new Set(sources.flatMap((s) => s.rotations.flatMap((r) => r.members)))];
  for (const alias of people) {
    const events = shifts
      .filter((s) => s.onCall.includes(alias))
      .map((s) => {
        const others = s.onCall.filter((a) => a !== alias);
        return event(
          s,
          `person/${alias}/${s.source.schedule}/${s.rotation.name}/${s.since}`,
          `On call: ${s.rotation.name} (${s.source.schedule})`,
          [
            `${fullName(alias)} on call in ${where(s)}.`,
            ...(others.length > 0 ? [`With: ${others.map(fullName).join(", ")}.`] : []),
          ],
        );
      })
      .sort(byTime);
    const name = `${fullName(alias)} on call`;
    out.push({
      kind: "person",
      alias,
      fileName: `person-${alias}.ics`,
      name,
      events,
      text: calendarText(name, `Shifts of ${fullName(alias)}, ${span}.`, events, stamp),
    });
  }
  return out;
}
