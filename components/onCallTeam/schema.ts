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
  checkEmailAddress,
  checkTimeZoneId,
  CONTACT_CHANNEL_ARN as CHANNEL_ARN,
  DAY_OF_MONTH,
  fitsText,
  isPhoneCountry,
  MIN_COVERAGE_MINUTES,
  normalizePhoneNumber,
  RECURRENCE_MULTIPLIER,
  RETRY_INTERVAL_MINUTES,
  ROTATION_ARN,
  ROTATIONS_PER_SCHEDULE,
  STAGE_DURATION_MINUTES,
} from "../../aws";
import {
  CONTACT_ALIAS,
  contactAliasSchema,
  displayNameSchema,
  nativeDisplayNameSchema,
  setupSchema,
} from "../common";
import { WEEKDAYS } from "../coverage";
import { ChannelType } from "../references";
import { repeatsMessage } from "../schemaHelpers";
import { contactsTagsSchema } from "../tags";
import { describeValue, type FieldPath } from "../validation";
import { Weekday } from "./args";

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

/**
 * Checks and normalizes one address: an E.164 number for SMS and VOICE, a trimmed email for EMAIL.
 * Returns the address, or the broken rule (completing "`path` ...").
 */
export function normalizeAddress(
  type: ChannelType,
  written: string,
  defaultCountry: string | undefined,
): { address: string } | { rule: string } {
  if (type === "EMAIL") {
    const rule = checkEmailAddress(written.trim());
    return rule === undefined
      ? { address: written.trim() }
      : { rule: `${rule}; got ${describeValue(written)}. Check the address for typos.` };
  }
  const phone = normalizePhoneNumber(written, defaultCountry, type);
  return phone.ok
    ? { address: phone.e164 }
    : { rule: `${phone.rule}; got ${describeValue(written)}. ${phone.hint}` };
}

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

const rotationSchema = z.strictObject({
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

type TeamShape = z.output<typeof teamObject>;
type Report = (path: PropertyKey[], message: string) => void;

/**
 * Which parts of the args passed their own rules: `sound(path)` is true when no issue was
 * reported at `path` or under it (and `path` exists). The rules between fields read only those.
 */
function soundness(issues: readonly { code?: string; path?: readonly PropertyKey[] }[]) {
  // An unknown key changes no value the rules read.
  const broken = issues.filter((i) => i.code !== "unrecognized_keys").map((i) => i.path ?? []);
  return (...path: PropertyKey[]) =>
    !broken.some((at) => at.slice(0, path.length).every((key, i) => path[i] === key));
}

/** A channel reference that names no channel, or one of several. */
export function findChannel<C extends { readonly type: string; readonly name: string }>(
  channels: readonly C[],
  ref: string,
): C | string {
  const byName = channels.find((c) => c.name === ref);
  if (byName !== undefined) return byName;
  const byType = channels.filter((c) => c.type === ref);
  if (byType.length === 1) return byType[0];
  const names = [...new Set(channels.map((c) => c.name))].join(", ");
  return byType.length > 1
    ? `names the type ${ref}, which ${byType.length} channels share; got ${describeValue(ref)}. Name the channel instead (${names}).`
    : `names no channel of this member; got ${describeValue(ref)}. Use a channel's name or type (${names}).`;
}

/** Reports each item whose key repeats an earlier one's, at `pathOf(i)`, in the shared wording. */
function repeats<T>(
  items: readonly T[],
  key: (item: T, i: number) => string | undefined,
  pathOf: (i: number) => PropertyKey[],
  what: string,
  rule: string,
  report: Report,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = key(item, i);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else report(pathOf(i), repeatsMessage(what, value, pathOf(first) as FieldPath, rule));
  });
}

/** The rules between fields of one team, over the parts that passed their own rules. */
function teamRules(args: TeamShape, sound: ReturnType<typeof soundness>, report: Report): void {
  const members = Array.isArray(args.members) ? args.members : [];
  const aliasesKnown = members.length > 0 && members.every((_, i) => sound("members", i, "alias"));
  const aliases = aliasesKnown ? members.map((m) => m.alias) : [];
  repeats(
    members,
    (m, i) => (sound("members", i, "alias") ? m.alias : undefined),
    (i) => ["members", i, "alias"],
    "alias",
    "each member needs its own alias.",
    report,
  );
  const countryOk = sound("defaultCountry");
  members.forEach((member, i) => {
    if (!Array.isArray(member?.channels)) return;
    const at = (...rest: PropertyKey[]) => ["members", i, ...rest];
    const channelsOk = sound(...at("channels"));
    const names = member.channels.map((c, j) =>
      sound(...at("channels", j)) ? (c.name ?? c.type.toLowerCase()) : undefined,
    );
    member.channels.forEach((channel, j) => {
      if (!countryOk || !sound(...at("channels", j)) || typeof channel.address !== "string") return;
      const checked = normalizeAddress(channel.type, channel.address, args.defaultCountry);
      if ("rule" in checked) report(at("channels", j, "address"), checked.rule);
    });
    repeats(
      member.channels,
      (_, j) => names[j],
      (j) =>
        member.channels[j].name === undefined ? at("channels", j) : at("channels", j, "name"),
      "channel name",
      "channel names are unique per member. Give it a distinct `name`.",
      report,
    );
    if (!Array.isArray(member.engagement) || !channelsOk) return;
    const channels = member.channels.map((c, j) => ({ type: c.type, name: names[j]! }));
    const engaged = new Set<string>();
    member.engagement.forEach((step, k) => {
      if (!sound(...at("engagement", k))) return;
      const found = findChannel(channels, step.channel);
      if (typeof found === "string") {
        report(at("engagement", k, "channel"), found);
      } else if (engaged.has(found.name)) {
        report(
          at("engagement", k, "channel"),
          `engages the channel ${describeValue(found.name)} a second time; got ${describeValue(step.channel)}. Engage each channel once: to reach the member again, engage another channel later or add an escalation stage (\`retryIntervalInMinutes\` only resends a failed send).`,
        );
      } else engaged.add(found.name);
    });
    const minutes = member.engagement
      .filter((_, k) => sound(...at("engagement", k, "afterMinutes")))
      .map((s) => s.afterMinutes);
    const earliest = Math.min(...minutes);
    if (minutes.length > 0 && earliest > 0) {
      report(
        at("engagement"),
        `starts at ${earliest} minutes, so nobody is paged at first; got no step at 0. Engage one channel at \`afterMinutes: 0\`.`,
      );
    }
  });
  const rotations = Array.isArray(args.rotations) ? args.rotations : [];
  repeats(
    rotations,
    (r, i) => (sound("rotations", i, "name") ? r.name : undefined),
    (i) => ["rotations", i, "name"],
    "rotation name",
    "rotation names are unique in a team.",
    report,
  );
  rotations.forEach((rotation, r) => {
    if (!sound("rotations", r, "members")) return;
    // A member whose own alias is broken (or no member at all) is already reported; a rotation
    // naming them is not.
    if (aliasesKnown) {
      rotation.members.forEach((alias, m) => {
        if (!aliases.includes(alias)) {
          report(
            ["rotations", r, "members", m],
            `names someone who is not a member of this team; got ${describeValue(alias)}. Add them to \`members\` or use one of: ${[...new Set(aliases)].join(", ")}.`,
          );
        }
      });
    }
    if (!sound("rotations", r, "recurrence", "numberOfOnCalls")) return;
    const numberOfOnCalls = rotation.recurrence?.numberOfOnCalls ?? 1;
    if (numberOfOnCalls > rotation.members.length) {
      report(
        ["rotations", r, "recurrence", "numberOfOnCalls"],
        `puts more members on call at once than the rotation has; got ${numberOfOnCalls} for ${rotation.members.length}. Lower \`numberOfOnCalls\` or add members.`,
      );
    }
  });
  const schedule = sound("schedule") ? args.schedule : {};
  if (
    sound("rotations") &&
    rotations.length === 0 &&
    (schedule.alias !== undefined || schedule.displayName !== undefined)
  ) {
    report(
      ["schedule"],
      `describes the on-call schedule, which a team without rotations does not have; got ${describeValue(schedule)}. Add \`rotations\`, or remove \`schedule\`.`,
    );
  }
  if (schedule.alias !== undefined && aliases.includes(schedule.alias)) {
    report(
      ["schedule", "alias"],
      `is also a member's alias; got ${describeValue(schedule.alias)}. Aliases are unique in an account: pick another.`,
    );
  }
  if (sound("adopt") && aliasesKnown) {
    adoptionRules(
      args,
      aliases,
      sound("rotations") ? rotations.map((r) => r.name) : undefined,
      report,
    );
  }
}

/** The rules of `adopt`: every key names something of this team, every ARN is well formed. */
function adoptionRules(
  args: TeamShape,
  aliases: readonly string[],
  rotationNames: readonly string[] | undefined,
  report: Report,
): void {
  const { adopt } = args;
  const readable = aliases.filter((a) => CONTACT_ALIAS.test(a));
  // Which contact each adopted alias names needs the component's name (the schedule's default
  // alias): see the resolution step.
  for (const [alias, channels] of Object.entries(adopt.channels)) {
    const member = args.members.find((m) => m.alias === alias);
    if (member === undefined) {
      report(
        ["adopt", "channels", alias],
        `names no member of this team; got ${describeValue(alias)}. Use a member's alias (${readable.join(", ")}).`,
      );
      continue;
    }
    if (!adopt.contacts.includes(alias)) {
      report(
        ["adopt", "channels", alias],
        `adopts channels of a contact that is not adopted; got ${describeValue(alias)}. A channel belongs to its existing contact: add ${describeValue(alias)} to \`adopt.contacts\`.`,
      );
    }
    const names = member.channels.map((c) => c.name ?? c.type.toLowerCase());
    for (const [channelName, arn] of Object.entries(channels)) {
      if (!names.includes(channelName)) {
        report(
          ["adopt", "channels", alias, channelName],
          `names no channel of ${alias}; got ${describeValue(channelName)}. Use a channel's name (${names.join(", ")}), written as it exists in AWS.`,
        );
      } else if (!CHANNEL_ARN.test(arn) || !arn.includes(`:contact-channel/${alias}/`)) {
        report(
          ["adopt", "channels", alias, channelName],
          `must be the ARN of a channel of ${alias}, such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact-channel/${alias}/0f2b2d1e-...; got ${describeValue(arn)}. Run \`aws ssm-contacts list-contact-channels --contact-id <contact ARN>\` to print it.`,
        );
      }
    }
  }
  if (rotationNames === undefined) return;
  for (const [rotationName, arn] of Object.entries(adopt.rotations)) {
    if (!rotationNames.includes(rotationName)) {
      report(
        ["adopt", "rotations", rotationName],
        `names no rotation of this team; got ${describeValue(rotationName)}. Use a rotation's name (${rotationNames.join(", ") || "none"}).`,
      );
    } else if (!ROTATION_ARN.test(arn)) {
      report(
        ["adopt", "rotations", rotationName],
        `must be a rotation ARN such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:rotation/0f2b2d1e-...; got ${describeValue(arn)}. Run \`aws ssm-contacts list-rotations\` to print it.`,
      );
    }
  }
}

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
