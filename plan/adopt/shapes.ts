/**
 * The pieces of a snapshot's conversion that read one AWS shape each: tags, hand-off times, a
 * contact's engagement plan, a rotation, a metric or composite alarm.
 */
import { DateTime } from "luxon";
import type { ContactChannel } from "@aws-sdk/client-ssm-contacts";
import type { ContactOutput, Snapshot, Timestamp } from "./snapshot";

export type Tags = Record<string, string>;
export type Stage = NonNullable<NonNullable<ContactOutput["Plan"]>["Stages"]>[number];

/** A spec entry's name: what stack/spec.ts accepts as a component name. */
export const COMPONENT_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** The comparison operators ResponseAlarm accepts. */
export const OPERATORS = [
  "GreaterThanOrEqualToThreshold",
  "GreaterThanThreshold",
  "LessThanThreshold",
  "LessThanOrEqualToThreshold",
];

export function tagsOf(list: readonly { Key?: string; Value?: string }[] | undefined): Tags {
  return Object.fromEntries((list ?? []).map((t) => [t.Key ?? "", t.Value ?? ""]));
}

/** The tags every one of `sets` carries with the same value. */
export function commonTags(sets: readonly Tags[]): Tags {
  if (sets.length === 0) return {};
  return Object.fromEntries(
    Object.entries(sets[0]).filter(([k, v]) => sets.every((s) => s[k] === v)),
  );
}

export function without(tags: Tags, drop: Tags): Tags {
  return Object.fromEntries(Object.entries(tags).filter(([k, v]) => drop[k] !== v));
}

export function sameTags(a: Tags, b: Tags): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** `{ tags }` when there are any. */
export function tagsField(tags: Tags): { tags?: Tags } {
  return Object.keys(tags).length === 0 ? {} : { tags };
}

/** The last part of an ARN's resource: the alias of a contact ARN. */
export function lastPart(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

export type HandOff = { HourOfDay?: number; MinuteOfHour?: number };

export function hhmm(t: HandOff | undefined): string {
  const pad = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return `${pad(t?.HourOfDay)}:${pad(t?.MinuteOfHour)}`;
}

/**
 * A rotation's start as the component takes it: local `yyyy-MM-ddTHH:mm:ss` in its time zone.
 * GetRotation returns a timestamp (`DateTime`, ssm-contacts 2021-05-03 model).
 */
export function localStart(start: Timestamp | undefined, zone: string): string {
  const at =
    start instanceof Date
      ? DateTime.fromJSDate(start)
      : DateTime.fromISO(String(start), { setZone: true });
  return at.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss");
}

/**
 * A PERSONAL contact's engagement plan as OnCallTeam's `engagement`: each channel target of a
 * stage is engaged at the minute the stage starts (the sum of the durations before it).
 */
export function engagementOf(
  alias: string,
  stages: readonly Stage[],
  channels: readonly ContactChannel[],
  notes: string[],
): Engagement {
  // No plan: `engagement: []` registers none, as it is.
  if (stages.length === 0) return { steps: [] };
  const steps: { channel: string; afterMinutes: number; retryIntervalInMinutes: number }[] = [];
  let at = 0;
  for (const stage of stages) {
    for (const target of stage.Targets ?? []) {
      const id = target.ChannelTargetInfo?.ContactChannelId;
      const channel = channels.find((c) => c.ContactChannelArn === id);
      if (channel === undefined) {
        notes.push(
          `The engagement plan of ${alias} engages ${id ?? "a contact"}, which is not one of its channels; OnCallTeam engages a member's own channels only, so it is left out.`,
        );
        continue;
      }
      if (steps.some((s) => s.channel === channel.Name)) {
        notes.push(
          `The engagement plan of ${alias} engages the channel ${JSON.stringify(channel.Name)} more than once; OnCallTeam engages a channel once (with retries), so only its first stage is kept.`,
        );
        continue;
      }
      steps.push({
        channel: channel.Name!,
        afterMinutes: at,
        retryIntervalInMinutes: target.ChannelTargetInfo?.RetryIntervalInMinutes ?? 0,
      });
    }
    at += stage.DurationInMinutes ?? 0;
  }
  // OnCallTeam makes the last stage last as long as its longest retry interval (at most 30),
  // unless `lastStageMinutes` says otherwise: write it when the plan's last stage differs.
  const last = stages[stages.length - 1];
  const lastSteps = (last.Targets ?? []).map(
    (t) => t.ChannelTargetInfo?.RetryIntervalInMinutes ?? 0,
  );
  const derived = Math.min(30, Math.max(0, ...lastSteps));
  const duration = last.DurationInMinutes ?? 0;
  if (steps.length === 0) {
    notes.push(
      `The engagement plan of ${alias} engages none of its own channels; the spec gives it \`engagement: []\`, so adopting it removes the plan.`,
    );
    return { steps };
  }
  return duration === derived ? { steps } : { steps, lastStageMinutes: duration };
}

/** A member's engagement as OnCallTeam takes it. */
export interface Engagement {
  readonly steps: { channel: string; afterMinutes: number; retryIntervalInMinutes: number }[];
  readonly lastStageMinutes?: number;
}

export function rotationOf(
  r: Snapshot["rotations"][number]["rotation"],
  team: string,
  notes: string[],
): Record<string, unknown> {
  const rec = r.Recurrence;
  const recurrence: Record<string, unknown> = {};
  if ((rec?.DailySettings ?? []).length > 0) recurrence.daily = rec!.DailySettings!.map(hhmm);
  if ((rec?.WeeklySettings ?? []).length > 0) {
    recurrence.weekly = rec!.WeeklySettings!.map((w) => ({
      dayOfWeek: w.DayOfWeek,
      handOffTime: hhmm(w.HandOffTime),
    }));
  }
  if ((rec?.MonthlySettings ?? []).length > 0) {
    recurrence.monthly = rec!.MonthlySettings!.map((m) => ({
      dayOfMonth: m.DayOfMonth,
      handOffTime: hhmm(m.HandOffTime),
    }));
  }
  recurrence.recurrenceMultiplier = rec?.RecurrenceMultiplier ?? 1;
  recurrence.numberOfOnCalls = rec?.NumberOfOnCalls ?? 1;
  const coverage = rec?.ShiftCoverages as
    Record<string, { Start?: HandOff; End?: HandOff }[] | undefined> | undefined;
  if (coverage !== undefined && Object.keys(coverage).length > 0) {
    recurrence.coverage = Object.fromEntries(
      ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"]
        .filter((d) => coverage[d] !== undefined)
        .map((d) => [d, coverage[d]!.map((t) => ({ start: hhmm(t.Start), end: hhmm(t.End) }))]),
    );
  }
  if (!/^[A-Za-z0-9_]+$/.test(r.Name ?? "")) {
    notes.push(
      `The rotation ${JSON.stringify(r.Name)} of ${team} has characters OnCallTeam does not accept in a rotation name (AWS's API allows spaces, "-" and "."); renaming it would replace it.`,
    );
  }
  return {
    name: r.Name,
    members: (r.ContactIds ?? []).map(lastPart),
    startTime: localStart(r.StartTime, r.TimeZoneId ?? "UTC"),
    timeZone: r.TimeZoneId,
    recurrence,
  };
}

export type MetricAlarmJson = NonNullable<Snapshot["describeAlarms"]["MetricAlarms"]>[number];
export type CompositeAlarmJson = NonNullable<Snapshot["describeAlarms"]["CompositeAlarms"]>[number];

/** Settings of an alarm that ResponseAlarm has no arg for: adopting would drop them. */
export function unsupported(
  alarm: Record<string, unknown>,
  fields: readonly string[],
  notes: string[],
) {
  const set = fields.filter((f) => {
    const v = alarm[f];
    return v !== undefined && !(Array.isArray(v) && v.length === 0);
  });
  if (set.length > 0) {
    notes.push(
      `The alarm ${alarm.AlarmName} sets ${set.join(", ")}, which ResponsePlanWithAlarms does not describe; adopting it would change them.`,
    );
  }
}

export function otherActions(
  list: readonly string[] | undefined,
  plan: string,
): { alarmActions?: string[] } {
  const others = (list ?? []).filter((a) => a !== plan);
  return others.length === 0 ? {} : { alarmActions: others };
}

export function metricAlarmOf(
  a: MetricAlarmJson,
  plan: string,
  notes: string[],
): Record<string, unknown>[] {
  if ((a.Metrics ?? []).length > 0 || a.MetricName === undefined) {
    notes.push(
      `The alarm ${a.AlarmName} watches metric math or several metrics; ResponsePlanWithAlarms describes single-metric alarms only, so it is left out (it keeps working, unmanaged).`,
    );
    return [];
  }
  if (!OPERATORS.includes(a.ComparisonOperator ?? "")) {
    notes.push(
      `The alarm ${a.AlarmName} compares with ${a.ComparisonOperator}, which ResponsePlanWithAlarms does not offer; it is left out.`,
    );
    return [];
  }
  unsupported(
    a as Record<string, unknown>,
    [
      "DatapointsToAlarm",
      "Unit",
      "InsufficientDataActions",
      "EvaluateLowSampleCountPercentile",
      "ThresholdMetricId",
    ],
    notes,
  );
  if (a.ActionsEnabled === false) {
    notes.push(
      `The alarm ${a.AlarmName} has its actions disabled; ResponsePlanWithAlarms enables them.`,
    );
  }
  return [
    {
      name: a.AlarmName,
      ...(a.AlarmDescription ? { alarmDescription: a.AlarmDescription } : {}),
      namespace: a.Namespace,
      metricName: a.MetricName,
      ...((a.Dimensions ?? []).length > 0
        ? { dimensions: Object.fromEntries(a.Dimensions!.map((d) => [d.Name, d.Value])) }
        : {}),
      ...(a.Statistic ? { statistic: a.Statistic } : {}),
      ...(a.ExtendedStatistic ? { extendedStatistic: a.ExtendedStatistic } : {}),
      period: a.Period,
      evaluationPeriods: a.EvaluationPeriods,
      threshold: a.Threshold,
      comparisonOperator: a.ComparisonOperator,
      ...(a.TreatMissingData ? { treatMissingData: a.TreatMissingData } : {}),
      ...((a.OKActions ?? []).length > 0 ? { okActions: a.OKActions } : {}),
      ...otherActions(a.AlarmActions, plan),
    },
  ];
}

export function compositeAlarmOf(
  a: CompositeAlarmJson,
  plan: string,
  notes: string[],
): Record<string, unknown> {
  unsupported(
    a as Record<string, unknown>,
    ["InsufficientDataActions", "ActionsSuppressor"],
    notes,
  );
  return {
    name: a.AlarmName,
    ...(a.AlarmDescription ? { alarmDescription: a.AlarmDescription } : {}),
    alarmRule: a.AlarmRule,
    ...((a.OKActions ?? []).length > 0 ? { okActions: a.OKActions } : {}),
    ...otherActions(a.AlarmActions, plan),
  };
}
