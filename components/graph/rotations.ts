/**
 * A raw rotation, either flavour, as the coverage model's {@link RotationDefinition}.
 *
 * Field shapes, from AWS's artefacts:
 * - aws-native `ssmcontacts:Rotation` follows AWS::SSMContacts::Rotation (cfn-lint 1.51's schema):
 *   `StartTime` local `yyyy-MM-ddTHH:mm:ss`, `TimeZoneId`, `Recurrence` with `DailySettings` (hand-off
 *   times `H:MM` or `HH:MM`), `WeeklySettings` `{DayOfWeek, HandOffTime}`, `MonthlySettings`
 *   `{DayOfMonth, HandOffTime}`, `ShiftCoverages` `{DayOfWeek, CoverageTimes: [{StartTime, EndTime}]}`.
 * - classic `aws:ssm/contactsRotation:ContactsRotation` follows the API (botocore 1.43 ssm-contacts
 *   CreateRotation): `StartTime` a timestamp (@pulumi/aws: RFC 3339, with an offset), hand-off times
 *   `{HourOfDay, MinuteOfHour}`, shift coverages keyed by day (`mapBlockKey`) with `start`/`end`.
 *   `StartTime` is optional in the API, whose text does not say when a rotation without it starts:
 *   such a rotation is not modelled.
 */
import { DateTime } from "luxon";
import type { RotationDefinition, Weekday } from "../coverage";
import type { CoverageTime, WeeklyCoverage } from "../onCallTeam/args";
import { WEEKDAYS } from "../coverage";
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

/** A rotation read from the stack, or why it cannot be modelled. */
export type RawRotation =
  | {
      readonly rotation: RotationDefinition;
      /** Readings of the raw fields AWS's text does not settle (as `<rotation>: <reading>`). */
      readonly notes: readonly string[];
    }
  | Unknown;

const isNative = (r: GraphResource) => r.type.startsWith("aws-native:");

/** `H:MM`, `HH:MM` or `{hourOfDay, minuteOfHour}` as `HH:MM`; undefined for anything else. */
function handOff(value: unknown): string | undefined {
  const text = str(value);
  if (text !== undefined) {
    const m = /^([0-9]|[01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
    return m === null ? undefined : `${m[1].padStart(2, "0")}:${m[2]}`;
  }
  const o = obj(value);
  const hour = num(o?.hourOfDay);
  const minute = num(o?.minuteOfHour);
  if (hour === undefined || minute === undefined) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

const isWeekday = (d: unknown): d is Weekday => WEEKDAYS.includes(d as Weekday);

/** The rotation `resource` as the coverage model reads it. */
export function readRotation(graph: ResourceGraph, resource: GraphResource): RawRotation {
  const read = attempt(() => readUnsafe(graph, resource), `${labelOf(resource)}`);
  return read;
}

function unreadable(resource: GraphResource, why: string): Unknown {
  return { unknown: true, what: `${labelOf(resource)} (${why})` };
}

function readUnsafe(graph: ResourceGraph, resource: GraphResource): RawRotation {
  const props = obj(resource.props) ?? {};
  const name = str(props.name) ?? resource.name;
  const zone = str(props.timeZoneId);
  if (zone === undefined || !DateTime.local().setZone(zone).isValid) {
    return unreadable(resource, "no valid `timeZoneId`");
  }
  const notes: string[] = [];
  const rawStart = str(props.startTime);
  let startTime: string | undefined;
  if (rawStart !== undefined && isNative(resource)) {
    // AWS::SSMContacts::Rotation StartTime: `yyyy-MM-ddTHH:mm:ss`, local in TimeZoneId.
    startTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(rawStart) ? rawStart : undefined;
  } else if (rawStart !== undefined) {
    // The API's StartTime is an instant; the model wants the local time it names in the zone.
    const instant = DateTime.fromISO(rawStart, { setZone: true });
    const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(rawStart);
    if (instant.isValid && hasOffset) {
      startTime = instant.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    } else if (DateTime.fromISO(rawStart, { zone }).isValid) {
      startTime = DateTime.fromISO(rawStart, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
      notes.push(`${name}: a start time without an offset: read as local time in ${zone}`);
    }
  }
  if (startTime === undefined) return unreadable(resource, "no readable `startTime`");

  const members: string[] = [];
  for (const [i, id] of list(props.contactIds).entries()) {
    const member = graph.resolve(
      resource,
      "contactIds",
      () => id,
      "contact",
      `contactIds[${i}] of ${labelOf(resource)}`,
    );
    if (isUnknown(member)) return member;
    const alias =
      member === undefined ? aliasOfArn(id) : (graph.text(member, "alias") ?? member.name);
    if (alias === undefined) return unreadable(resource, `\`contactIds[${i}]\` is not an ARN`);
    members.push(alias);
  }
  if (members.length === 0) return unreadable(resource, "no `contactIds`");

  const r = obj(props.recurrence) ?? {};
  const daily = list(r.dailySettings).map(handOff);
  const weekly = list(r.weeklySettings).map((w) => ({
    dayOfWeek: obj(w)?.dayOfWeek,
    handOffTime: handOff(obj(w)?.handOffTime),
  }));
  const monthly = list(r.monthlySettings).map((m) => ({
    dayOfMonth: num(obj(m)?.dayOfMonth),
    handOffTime: handOff(obj(m)?.handOffTime),
  }));
  const settings = [daily, weekly, monthly].filter((s) => s.length > 0);
  if (settings.length !== 1) {
    return unreadable(resource, "not exactly one of daily, weekly or monthly settings");
  }
  if (
    daily.some((d) => d === undefined) ||
    weekly.some((w) => !isWeekday(w.dayOfWeek) || w.handOffTime === undefined) ||
    monthly.some((m) => m.dayOfMonth === undefined || m.handOffTime === undefined)
  ) {
    return unreadable(resource, "a hand-off it cannot read");
  }
  let coverage: WeeklyCoverage | undefined;
  if (r.shiftCoverages !== undefined && r.shiftCoverages !== null) {
    const days: { [D in Weekday]?: CoverageTime[] } = {};
    for (const c of list(r.shiftCoverages)) {
      const o = obj(c) ?? {};
      // aws-native names the day `dayOfWeek`; classic keys the map by `mapBlockKey`.
      const day = o.dayOfWeek ?? o.mapBlockKey;
      if (!isWeekday(day)) return unreadable(resource, "a shift coverage day it cannot read");
      for (const t of list(o.coverageTimes)) {
        const time = obj(t) ?? {};
        const start = handOff(time.startTime ?? time.start);
        const end = handOff(time.endTime ?? time.end);
        if (start === undefined || end === undefined) {
          return unreadable(resource, "a shift coverage time it cannot read");
        }
        days[day] = [...(days[day] ?? []), { start, end }];
      }
    }
    coverage = days;
  }
  const numberOfOnCalls = num(r.numberOfOnCalls);
  const recurrenceMultiplier = num(r.recurrenceMultiplier);
  return {
    rotation: {
      name,
      members,
      startTime,
      timeZone: zone,
      recurrence: {
        ...(daily.length > 0 ? { daily: daily as string[] } : {}),
        ...(weekly.length > 0
          ? {
              weekly: weekly.map((w) => ({
                dayOfWeek: w.dayOfWeek as Weekday,
                handOffTime: w.handOffTime!,
              })),
            }
          : {}),
        ...(monthly.length > 0
          ? {
              monthly: monthly.map((m) => ({
                dayOfMonth: m.dayOfMonth!,
                handOffTime: m.handOffTime!,
              })),
            }
          : {}),
        ...(numberOfOnCalls === undefined ? {} : { numberOfOnCalls }),
        ...(recurrenceMultiplier === undefined ? {} : { recurrenceMultiplier }),
        ...(coverage === undefined ? {} : { coverage }),
      },
    },
    notes,
  };
}
