/**
 * Step 1 of OnCallTeam: the zod data schema of {@link OnCallTeamArgs}. It checks the data only
 * (types, ranges, AWS's patterns) and the rules between its own fields (aliases, channel names,
 * engagement, rotation members, adoption keys). A rule that reads several fields reads only the
 * parts that passed their own rules, so every issue is reported at once and none twice.
 */
import * as pulumi from "@pulumi/pulumi";
import { DateTime } from "luxon";
import { z } from "zod";
import {
  CFN_ROTATION_CONTACTS,
  CFN_ROTATION_NAME,
  CHANNEL_NAME as CHANNEL_NAME_RULE,
  checkTimeZoneId,
  DAY_OF_MONTH,
  fitsText,
  isPhoneCountry,
  MIN_COVERAGE_MINUTES,
  RECURRENCE_MULTIPLIER,
  RETRY_INTERVAL_MINUTES,
  ROTATIONS_PER_SCHEDULE,
  STAGE_DURATION_MINUTES,
} from "../../aws";
import {
  contactAliasSchema,
  displayNameSchema,
  nativeDisplayNameSchema,
  setupSchema,
} from "../common";
import { WEEKDAYS } from "../coverage";
import { ChannelType } from "../references";
import { contactsTagsSchema } from "../tags";
import { describeValue } from "../validation";
import { Weekday } from "./args";
import { normalizeAddress, soundness, teamRules } from "./rules";

export { findChannel, normalizeAddress } from "./rules";

/** The channel types in the default engagement's order: VOICE, SMS, then EMAIL. */
export const CHANNEL_TYPES = [ChannelType.VOICE, ChannelType.SMS, ChannelType.EMAIL] as const;
/**
 * A channel name: AWS's rule (ssm-contacts CreateContactChannel Name: 1-255 characters of
 * `^[\p{L}\p{Z}\p{N}_.\-]*$`), so an adopted channel keeps the name it has.
 */
export const isChannelName = (n: string): boolean => fitsText(CHANNEL_NAME_RULE, n);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** The rotation is an aws-native resource: CloudFormation's ContactIds limit. */
const MAX_ROTATION_MEMBERS = CFN_ROTATION_CONTACTS.max;
const MAX_ROTATIONS = ROTATIONS_PER_SCHEDULE;

function custom(ctx: z.RefinementCtx, path: PropertyKey[], message: string) {
  ctx.addIssue({ code: "custom", path, message });
}

/** A whole number in [min, max]; `what` names the limit, `fix` says what to do. */
function wholeNumber(min: number, max: number, what: string, fix: string) {
  return z.number().superRefine((n, ctx) => {
    if (!Number.isInteger(n) || n < min || n > max) {
      custom(ctx, [], `must be a whole number from ${min} to ${max} (${what}); got ${n}. ${fix}`);
    }
  });
}

const hhmm = z.string().superRefine((text, ctx) => {
  if (!HHMM.test(text)) {
    custom(
      ctx,
      [],
      `must be a local time HH:MM from 00:00 to 23:59; got ${describeValue(text)}. Write two digits each, e.g. 09:00.`,
    );
  }
});

const isPending = (v: unknown) =>
  pulumi.Output.isInstance(v) ||
  (typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function");

const channelSchema = z.strictObject({
  type: z.enum(CHANNEL_TYPES),
  // A string is checked with the team (it needs `defaultCountry`); an Output when it resolves.
  address: z.custom<pulumi.Input<string>>((v) => typeof v === "string" || isPending(v), {
    error: (iss) =>
      `must be a string (a phone number or an email) or an Output of one, such as config.requireSecret("taroPhone"); got ${describeValue(iss.input)}`,
  }),
  name: z
    .string()
    .refine(isChannelName, {
      error: (iss) =>
        `must be a channel name of ${CHANNEL_NAME_RULE.min}-${CHANNEL_NAME_RULE.max} letters, digits, spaces, "_", "." and "-" (ssm-contacts CreateContactChannel Name); got ${describeValue(iss.input)}. Rename it.`,
    })
    .optional(),
});

const engagementSchema = z.strictObject({
  channel: z.string(),
  afterMinutes: wholeNumber(
    STAGE_DURATION_MINUTES.min,
    STAGE_DURATION_MINUTES.max,
    `an engagement plan stage lasts at most ${STAGE_DURATION_MINUTES.max} minutes: ${STAGE_DURATION_MINUTES.source}`,
    `Engage this channel within ${STAGE_DURATION_MINUTES.max} minutes, or page it from a later EscalationChain stage.`,
  ),
  retryIntervalInMinutes: wholeNumber(
    RETRY_INTERVAL_MINUTES.min,
    RETRY_INTERVAL_MINUTES.max,
    RETRY_INTERVAL_MINUTES.source,
    `Use ${RETRY_INTERVAL_MINUTES.max} or less (0: no retry).`,
  ),
});

const memberSchema = z.strictObject({
  alias: contactAliasSchema,
  displayName: displayNameSchema,
  channels: z.array(channelSchema).min(1, {
    error: "needs at least one channel (AWS recommends two or more types); got none",
  }),
  // `[]`: no engagement plan (an adopted contact that has none).
  engagement: z.array(engagementSchema).optional(),
  lastStageMinutes: wholeNumber(
    STAGE_DURATION_MINUTES.min,
    STAGE_DURATION_MINUTES.max,
    `an engagement plan stage lasts at most ${STAGE_DURATION_MINUTES.max} minutes`,
    `Use ${STAGE_DURATION_MINUTES.max} or less.`,
  ).optional(),
});

const weekdaySchema = z.enum(Weekday);
const coverageTimes = z.array(z.strictObject({ start: hhmm, end: hhmm })).optional();

const recurrenceSchema = z
  .strictObject({
    daily: z.array(hhmm).min(1).optional(),
    weekly: z
      .array(z.strictObject({ dayOfWeek: weekdaySchema, handOffTime: hhmm }))
      .min(1)
      .optional(),
    monthly: z
      .array(
        z.strictObject({
          dayOfMonth: wholeNumber(
            DAY_OF_MONTH.min,
            DAY_OF_MONTH.max,
            "a day of the month",
            `Use ${DAY_OF_MONTH.min}-${DAY_OF_MONTH.max}.`,
          ),
          handOffTime: hhmm,
        }),
      )
      .min(1)
      .optional(),
    recurrenceMultiplier: wholeNumber(
      RECURRENCE_MULTIPLIER.min,
      RECURRENCE_MULTIPLIER.max,
      RECURRENCE_MULTIPLIER.source,
      `Use ${RECURRENCE_MULTIPLIER.min}-${RECURRENCE_MULTIPLIER.max}.`,
    ).default(1),
    // ssm-contacts NumberOfOnCalls: an integer, min 1 (botocore 1.43); at most the rotation's
    // members, which CloudFormation caps at 25 (checked with the rotation below).
    numberOfOnCalls: wholeNumber(1, 30, "members on call at once", "Use at least 1.").default(1),
    coverage: z
      .strictObject({
        MON: coverageTimes,
        TUE: coverageTimes,
        WED: coverageTimes,
        THU: coverageTimes,
        FRI: coverageTimes,
        SAT: coverageTimes,
        SUN: coverageTimes,
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    const kinds = (["daily", "weekly", "monthly"] as const).filter((k) => r[k] !== undefined);
    if (kinds.length !== 1) {
      custom(
        ctx,
        [],
        `needs exactly one of \`daily\`, \`weekly\` or \`monthly\`; got ${kinds.length === 0 ? "none" : kinds.join(" and ")}. Keep one kind of hand-off.`,
      );
    }
    const days = WEEKDAYS.filter((d) => r.coverage?.[d] !== undefined);
    if (r.coverage !== undefined && days.length === 0) {
      // It would deploy `ShiftCoverages: []`, and AWS's text ("the days of the week that the
      // on-call rotation coverage includes", botocore 1.43 ssm-contacts RecurrenceSettings) does
      // not say whether an empty list means no coverage or coverage around the clock.
      custom(
        ctx,
        ["coverage"],
        "lists no weekday, and AWS does not say what an empty shift coverage means; got {}. Leave `coverage` out for coverage around the clock, or list the weekdays the rotation covers.",
      );
    }
    for (const day of days) {
      r.coverage![day]!.forEach((t, i) => {
        const start = Number(t.start.slice(0, 2)) * 60 + Number(t.start.slice(3));
        const end = Number(t.end.slice(0, 2)) * 60 + Number(t.end.slice(3));
        const minutes = (end - start + 1440) % 1440 || 1440;
        if (minutes < MIN_COVERAGE_MINUTES) {
          custom(
            ctx,
            ["coverage", day, i],
            `must cover at least ${MIN_COVERAGE_MINUTES} minutes (a limit on shifts); got ${t.start}-${t.end}. Widen it or remove it.`,
          );
        }
      });
    }
  });

export const rotationSchema = z.strictObject({
  name: z
    .string()
    .refine(
      (n) =>
        n.length >= CFN_ROTATION_NAME.min &&
        n.length <= CFN_ROTATION_NAME.max &&
        CFN_ROTATION_NAME.pattern!.test(n),
      {
        error: (iss) =>
          `must be a rotation name of ${CFN_ROTATION_NAME.min}-${CFN_ROTATION_NAME.max} letters, digits and "_" (${CFN_ROTATION_NAME.source}: ${CFN_ROTATION_NAME.patternText}); got ${describeValue(iss.input)}. Replace other characters with "_".`,
      },
    ),
  members: z
    .array(z.string())
    .min(1, { error: "needs at least one member; got none" })
    .max(MAX_ROTATION_MEMBERS, {
      error: (iss) =>
        `holds at most ${MAX_ROTATION_MEMBERS} members (${CFN_ROTATION_CONTACTS.source}); got ${(iss.input as unknown[]).length}. Split it into two rotations.`,
    }),
  startTime: z.string().superRefine((text, ctx) => {
    if (/(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 19) {
      custom(
        ctx,
        [],
        `must be a local time yyyy-MM-ddTHH:mm:ss without an offset (the rotation's \`timeZone\` gives it); got ${describeValue(text)}. Write ${text.slice(0, 19)}.`,
      );
    } else if (!LOCAL_TIME.test(text) || !DateTime.fromISO(text, { zone: "UTC" }).isValid) {
      custom(
        ctx,
        [],
        `must be a local time yyyy-MM-ddTHH:mm:ss such as 2026-04-01T09:00:00; got ${describeValue(text)}.`,
      );
    } else if (!text.endsWith(":00")) {
      // Hand-offs and shift coverage are whole minutes (AWS's HandOffTime has only HourOfDay and
      // MinuteOfHour, botocore 1.43 ssm-contacts); a start with seconds would begin mid-minute.
      custom(
        ctx,
        [],
        `must start on a whole minute (seconds :00), as hand-offs and shift coverage are to the minute; got ${describeValue(text)}. Write ${text.slice(0, 17)}00.`,
      );
    }
  }),
  timeZone: z.string().superRefine((zone, ctx) => {
    const message = checkTimeZoneId(zone);
    if (message !== undefined) custom(ctx, [], message);
  }),
  recurrence: recurrenceSchema,
});

const teamObject = z.strictObject({
  setup: setupSchema.optional(),
  defaultCountry: z
    .string()
    .refine(isPhoneCountry, {
      error: (iss) =>
        `must be an ISO 3166-1 alpha-2 country code such as JP or US; got ${describeValue(iss.input)}.`,
    })
    .optional(),
  members: z.array(memberSchema).min(1, { error: "needs at least one member; got none" }),
  rotations: z
    .array(rotationSchema)
    .min(1, {
      error:
        "needs at least one rotation (an on-call schedule without one pages nobody); got none. Leave `rotations` out for a team without an on-call schedule.",
    })
    .max(MAX_ROTATIONS, {
      error: (iss) =>
        `holds at most ${MAX_ROTATIONS} rotations (an on-call schedule supports up to eight, per the Incident Manager user guide); got ${(iss.input as unknown[]).length}. Split them over two teams.`,
    })
    .default([]),
  schedule: z
    .strictObject({
      alias: contactAliasSchema.optional(),
      displayName: nativeDisplayNameSchema.optional(),
    })
    .default({}),
  adopt: z
    .strictObject({
      contacts: z.array(z.string()).default([]),
      channels: z.record(z.string(), z.record(z.string(), z.string())).default({}),
      rotations: z.record(z.string(), z.string()).default({}),
    })
    .default({ contacts: [], channels: {}, rotations: {} }),
  plaintextAddresses: z.boolean().default(false),
  inheritTags: z.boolean().default(true),
  tags: contactsTagsSchema.default({}),
});

/** The args as the data schema reads them, before the rules between fields. */
export type TeamShape = z.output<typeof teamObject>;
/**
 * The data schema of {@link OnCallTeamArgs}, shared with the config-driven stack. Its output has
 * every default applied, channel names defaulted and string addresses normalized (E.164, trimmed
 * emails); an address given as an Output stays one, checked when it resolves.
 */
export const onCallTeamSchema = teamObject
  .superRefine(
    (args, ctx) => {
      const sound = soundness(ctx.issues ?? []);
      teamRules(args, sound, (path, message) => custom(ctx, path, message));
    },
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform((args) => ({
    ...args,
    members: args.members.map((member) => ({
      ...member,
      channels: member.channels.map((channel) => {
        const name = channel.name ?? channel.type.toLowerCase();
        if (typeof channel.address !== "string") return { ...channel, name };
        const normalized = normalizeAddress(channel.type, channel.address, args.defaultCountry);
        // Every string address passed the rule above; this only normalizes it.
        return { ...channel, name, address: "address" in normalized ? normalized.address : "" };
      }),
    })),
  }));

/** What the data schema gives: the args, checked and defaulted. */
export type OnCallTeamData = z.output<typeof onCallTeamSchema>;
