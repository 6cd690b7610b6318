/**
 * The paging timeline of an escalation plan, worked out without any cloud call: who is paged, by
 * which channel, how many minutes after the incident starts. It combines the plan's stages with
 * each target's engagement plan, and asks an on-call schedule who is on call at a given moment.
 *
 * The timeline assumes nobody acknowledges: an acknowledgement by an essential target stops the
 * plan, so everything after it is what would happen if nobody answered. It also assumes every
 * engagement is sent: a channel's retry interval only resends an engagement that failed to send,
 * so it adds no entry.
 */
import { maskAddress } from "../aws/phone";
import { ChannelType, ContactReference, MemberReference } from "./references";

/** A target given by ARN: its alias when the ARN is known, and nothing about its channels. */
export interface ArnTarget {
  readonly kind: "arn";
  /** The alias at the end of the ARN; undefined while the ARN is an unresolved Output. */
  readonly alias?: string;
}

/** What a stage engages: an OnCallTeam reference or a contact given by ARN. */
export type TimelineTarget = ContactReference | ArnTarget;

/** One stage of an escalation plan, as the timeline reads it. */
export interface TimelineStage {
  /** Minutes before the next stage starts (0-30). */
  readonly durationInMinutes: number;
  readonly targets: readonly {
    readonly target: TimelineTarget;
    /** Whether an acknowledgement by this target stops the plan. */
    readonly isEssential: boolean;
  }[];
}

/**
 * What an entry says about its contact:
 * - `page`: a channel of the contact is engaged (`channelType`, `address`, `retryIntervalInMinutes` are set);
 * - `channels-unknown`: a contact given by ARN, whose channels cannot be seen here;
 * - `no-engagement-plan`: a contact whose engagement plan reaches no channel;
 * - `nobody-on-call`: an on-call schedule with nobody on call at that moment, so the stage pages
 *   no one through it.
 */
export type TimelineStatus = "page" | "channels-unknown" | "no-engagement-plan" | "nobody-on-call";

/** One engagement of the timeline. */
export interface TimelineEntry {
  /** Minutes from the start of the incident. */
  readonly offsetMinutes: number;
  /** The stage's number, counting from 1. */
  readonly stage: number;
  /** The alias of the contact engaged (for a schedule in a gap, the schedule's alias). */
  readonly contact: string;
  /** The on-call schedule the contact was reached through, if any. */
  readonly schedule?: string;
  /** Whether an acknowledgement by the stage's target stops the plan. */
  readonly isEssential: boolean;
  readonly status: TimelineStatus;
  /** The channel's name, for `page`. */
  readonly channelName?: string;
  /** The channel's type, for `page`. */
  readonly channelType?: ChannelType;
  /** The channel's address, masked (`+81******678`, `s*****@example.com`), for `page`. */
  readonly address?: string;
  /**
   * The channel's `RetryIntervalInMinutes` (0: no resend), for `page`: the wait before Incident
   * Manager resends an engagement that failed to send. It is not a re-page of an unanswered one.
   */
  readonly retryIntervalInMinutes?: number;
}

/** The contact shown for an ARN that is still an unresolved Output. */
export const UNKNOWN_CONTACT = "(unresolved ARN)";

interface EntryBase {
  readonly offsetMinutes: number;
  readonly stage: number;
  readonly isEssential: boolean;
  readonly schedule?: string;
}

function memberEntries(member: MemberReference, base: EntryBase): TimelineEntry[] {
  if (member.engagement.length === 0) {
    return [{ ...base, contact: member.alias, status: "no-engagement-plan" }];
  }
  return member.engagement.map((step) => ({
    ...base,
    offsetMinutes: base.offsetMinutes + step.afterMinutes,
    contact: member.alias,
    status: "page",
    channelName: step.channelName,
    channelType: step.type,
    address: maskAddress(step.address),
    retryIntervalInMinutes: step.retryIntervalInMinutes,
  }));
}

function targetEntries(target: TimelineTarget, at: Date, base: EntryBase): TimelineEntry[] {
  switch (target.kind) {
    case "arn":
      return [{ ...base, contact: target.alias ?? UNKNOWN_CONTACT, status: "channels-unknown" }];
    case "member":
      return memberEntries(target, base);
    case "schedule": {
      // Who is on call when the stage engages the schedule, not only when the incident starts.
      const onCall = target.onCallAt(new Date(at.getTime() + base.offsetMinutes * 60_000));
      const schedule = { ...base, schedule: target.alias };
      if (onCall.length === 0) {
        return [{ ...schedule, contact: target.alias, status: "nobody-on-call" }];
      }
      return onCall.flatMap((alias) => {
        const member = target.members.find((m) => m.alias === alias);
        return member === undefined
          ? [{ ...schedule, contact: alias, status: "channels-unknown" as const }]
          : memberEntries(member, schedule);
      });
    }
  }
}

/**
 * The ordered engagements of an escalation plan whose incident starts at `at`: each stage starts
 * when the previous ones' durations have passed, and each target's channels follow its engagement
 * plan from there. An on-call schedule is asked who is on call when its stage starts. Ordered by
 * minute, then by stage and target order.
 */
export function buildTimeline(
  stages: readonly TimelineStage[],
  at: Date = new Date(),
): TimelineEntry[] {
  if (Number.isNaN(at.getTime())) {
    throw new RangeError("The timeline needs a valid date for `at`; got an invalid Date.");
  }
  const entries: TimelineEntry[] = [];
  let start = 0;
  stages.forEach((stage, i) => {
    for (const { target, isEssential } of stage.targets) {
      entries.push(
        ...targetEntries(target, at, { offsetMinutes: start, stage: i + 1, isEssential }),
      );
    }
    start += stage.durationInMinutes;
  });
  // Array.prototype.sort is stable: entries of the same minute keep stage and target order.
  return entries.sort((a, b) => a.offsetMinutes - b.offsetMinutes);
}

/**
 * What a channel's retry interval means, in words: AWS's ssm-contacts model defines
 * `RetryIntervalInMinutes` as "the number of minutes to wait before retrying to send engagement if
 * the engagement initially failed" (botocore 1.43, ssm-contacts ChannelTargetInfo). An unanswered
 * engagement is not sent again; the plan's later stages are what reach someone else.
 */
export function retryNote(
  entry: Pick<TimelineEntry, "retryIntervalInMinutes">,
): string | undefined {
  const minutes = entry.retryIntervalInMinutes ?? 0;
  return minutes > 0 ? `resend after ${minutes} min if sending fails` : undefined;
}

function describeEntry(entry: TimelineEntry): [string, string, string[]] {
  const notes: string[] = [];
  if (entry.schedule !== undefined && entry.status !== "nobody-on-call") {
    notes.push(`on call in ${entry.schedule}`);
  }
  const retry = retryNote(entry);
  if (retry !== undefined) notes.push(retry);
  if (!entry.isEssential) notes.push("not essential");
  switch (entry.status) {
    case "page":
      return [entry.channelType ?? "", entry.address ?? "", notes];
    case "channels-unknown":
      return ["channels unknown", "", notes];
    case "no-engagement-plan":
      return ["no engagement plan", "", notes];
    case "nobody-on-call":
      return ["-", "nobody on call: this stage pages no one through the schedule", notes];
  }
}

/**
 * The timeline as text, one engagement a line, columns aligned:
 * ```
 * t+0   stage 1  taro    VOICE  +81******001
 * t+5   stage 2  jiro    SMS    +81******002
 * t+10  stage 3  saburo  EMAIL  s*****@example.com
 * ```
 * A channel's resend interval (`resend after 5 min if sending fails`: a retry only resends an
 * engagement that failed to send), the schedule a contact was reached through and non-essential
 * targets are noted at the end of the line; an on-call schedule with nobody on call is flagged.
 */
export function renderTimeline(entries: readonly TimelineEntry[]): string {
  const rows = entries.map((entry) => {
    const [type, address, notes] = describeEntry(entry);
    return [
      `t+${entry.offsetMinutes}`,
      `stage ${entry.stage}`,
      entry.contact,
      type,
      address,
      notes.join(", "),
    ];
  });
  const widths = rows.reduce<number[]>(
    (acc, row) => row.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)),
    [],
  );
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i] + 2) : cell))
        .join("")
        .trimEnd(),
    )
    .join("\n");
}
