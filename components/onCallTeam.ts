import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { DateTime } from "luxon";
import { z } from "zod";
import {
  CFN_ROTATION_CONTACTS,
  CFN_ROTATION_NAME,
  CHANNEL_NAME as CHANNEL_NAME_RULE,
  checkEmailAddress,
  checkTimeZoneId,
  DAY_OF_MONTH,
  isPhoneCountry,
  MIN_COVERAGE_MINUTES,
  normalizePhoneNumber,
  RECURRENCE_MULTIPLIER,
  RETRY_INTERVAL_MINUTES,
  ROTATIONS_PER_SCHEDULE,
  STAGE_DURATION_MINUTES,
} from "../aws";
import {
  childOptions,
  CONTACT_ALIAS,
  contactAliasSchema,
  displayNameSchema,
  nativeDisplayNameSchema,
  setupSchema,
} from "./common";
import {
  coverage,
  CoverageReport,
  CoverageWindow,
  onCallAt,
  RotationDefinition,
  RotationRecurrence,
  Weekday,
  WEEKDAYS,
} from "./coverage";
import { IncidentManagerSetup } from "./incidentManagerSetup";
import {
  brandReference,
  ChannelType,
  EngagementStep,
  MemberReference,
  memberReference,
  ScheduleReference,
} from "./references";
import { contactsTagsSchema, mergedTagsIssues, Tags, toNativeTags } from "./tags";
import {
  describeValue,
  fail,
  validateArgs,
  ValidationContext,
  type ValidationIssue,
} from "./validation";

/** One way to reach a member. */
export interface ChannelArgs {
  /**
   * `EMAIL`, `SMS` or `VOICE`.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly type: ChannelType;
  /**
   * The address. SMS and VOICE: a phone number, `+819012345678`, `+81 90-1234-5678`, or in national
   * format (`090-1234-5678`) when `defaultCountry` is set; it is normalized to E.164 and must be
   * valid for its country, with no trunk prefix after the country code. SMS numbers the phone
   * library knows to be fixed lines are rejected. EMAIL: at most 320 characters (ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress). Kept secret in state
   * unless `plaintextAddresses` is set.
   */
  readonly address: string;
  /**
   * The channel's name, unique within the member: 1-255 characters of letters, digits, `_`, `-`
   * and `.`. Changing it replaces the channel (its owner must activate it again).
   * @default the type in lower case: `voice`, `sms` or `email`
   */
  readonly name?: string;
}

/** One step of a member's engagement plan. */
export interface EngagementArgs {
  /**
   * The channel to engage: its `name`, or its type when the member has one channel of that type.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly channel: string;
  /** Minutes after the member is engaged before this channel is tried, 0-30. Steps start at 0. */
  readonly afterMinutes: number;
  /** Minutes between retries of this channel, 0-60 (0: no retry). */
  readonly retryMinutes: number;
}

/** A member of the team: one PERSONAL contact. */
export interface MemberArgs {
  /**
   * The contact's alias: 1-255 characters of `a-z 0-9 _ -` (ssm-contacts CreateContact Alias: the
   * API has no `.`), unique in the team. Create-only:
   * changing it replaces the contact, and its owner must activate every channel again.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly alias: string;
  /**
   * The name shown in Incident Manager: 1-255 letters, spaces, digits, `_`, `.` and `-`
   * (ssm-contacts CreateContact DisplayName `^[\p{L}\p{Z}\p{N}_.\-]*$`).
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly displayName: string;
  /**
   * How to reach the member, at least one. AWS recommends two or more channel types.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly channels: readonly ChannelArgs[];
  /**
   * The engagement plan: which channel after how many minutes, with which retry interval.
   * @default every channel at 0 minutes, VOICE then SMS then EMAIL; VOICE and SMS retried every 5
   *   minutes, EMAIL not retried
   */
  readonly engagement?: readonly EngagementArgs[];
}

/** How a rotation moves on: the same shape the coverage model reads. */
export type RecurrenceArgs = RotationRecurrence;

/** One rotation of the on-call schedule: the same shape the coverage model reads. */
export type RotationArgs = RotationDefinition;

/** The team's ONCALL_SCHEDULE contact. */
export interface ScheduleArgs {
  /**
   * Its alias: 1-255 characters of `a-z 0-9 _ -` (ssm-contacts CreateContact Alias: no `.`),
   * not a member's alias. Create-only.
   * @default `<name>-oncall`, the component name in lower case with other characters as `-`
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule.html
   */
  readonly alias?: string;
  /**
   * The name shown in Incident Manager: 1-255 ASCII letters, digits, `_`, `-` and spaces. The
   * ONCALL_SCHEDULE contact is an aws-native resource, so CloudFormation's pattern applies
   * (AWS::SSMContacts::Contact DisplayName `^[a-zA-Z0-9_\-\s]*$`), not the API's wider one.
   * @default `<name> on-call schedule`, other characters of the name written as `-`
   */
  readonly displayName?: string;
}

/** Arguments of {@link OnCallTeam}. */
export interface OnCallTeamArgs {
  /**
   * The setup to depend on. Contacts, channels and plans are created in its primary region;
   * rotations and the schedule (aws-native) in the stack's `aws-native:region`, which the setup
   * checks is the primary region.
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/replication.html
   */
  readonly setup?: IncidentManagerSetup;
  /**
   * How to read phone numbers written in national format: an ISO 3166-1 alpha-2 code, e.g. `JP`.
   * @default none: numbers must start with `+`
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly defaultCountry?: string;
  /**
   * The team's members, at least one: a PERSONAL contact each.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/contacts.html
   */
  readonly members: readonly MemberArgs[];
  /**
   * The rotations of the team's on-call schedule, 1-25.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule.html
   */
  readonly rotations: readonly RotationArgs[];
  /**
   * The ONCALL_SCHEDULE contact that holds every rotation.
   * @default `{}`: the defaults of {@link ScheduleArgs}
   */
  readonly schedule?: ScheduleArgs;
  /**
   * Store channel addresses (phone numbers, emails) in plain text in the state. Off by default:
   * they are personal data and are kept secret.
   * @default false
   * @see https://www.pulumi.com/docs/iac/concepts/secrets/
   */
  readonly plaintextAddresses?: boolean;
  /**
   * Tags for contacts, rotations and the schedule, merged over the setup's tags. Keys may not
   * start with `aws:`.
   * @default `{}`
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/tagging.html
   */
  readonly tags?: Tags;
}

const COMPONENT = "OnCallTeam";
const CHANNEL_TYPES = ["VOICE", "SMS", "EMAIL"] as const;
/**
 * Channel names name child resources, so they keep to `A-Z a-z 0-9 _ . -`: narrower than the
 * API's pattern (ssm-contacts CreateContactChannel Name also allows other letters and spaces).
 */
const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9_.-]*$/;
const isChannelName = (n: string): boolean =>
  n.length >= CHANNEL_NAME_RULE.min &&
  n.length <= CHANNEL_NAME_RULE.max &&
  CHANNEL_NAME_PATTERN.test(n);
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** The rotation is an aws-native resource: CloudFormation's ContactIds limit. */
const MAX_ROTATION_MEMBERS = CFN_ROTATION_CONTACTS.max;
const MAX_ROTATIONS = ROTATIONS_PER_SCHEDULE;
/** Retry intervals of the default engagement plan. */
export const DEFAULT_RETRY_MINUTES: Readonly<Record<ChannelType, number>> = {
  VOICE: 5,
  SMS: 5,
  EMAIL: 0,
};

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

const channelSchema = z.strictObject({
  type: z.enum(CHANNEL_TYPES),
  address: z.string(),
  name: z
    .string()
    .refine(isChannelName, {
      error: (iss) =>
        `must be a channel name of ${CHANNEL_NAME_RULE.min}-${CHANNEL_NAME_RULE.max} letters, digits, "_", "-" and "."; got ${describeValue(iss.input)}. Rename it.`,
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
  retryMinutes: wholeNumber(
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
  engagement: z
    .array(engagementSchema)
    .min(1, { error: "needs at least one step, or leave it out for the default; got none" })
    .optional(),
});

const weekdaySchema = z.enum(WEEKDAYS as [Weekday, ...Weekday[]]);

const recurrenceSchema = z
  .strictObject({
    daily: z.array(hhmm).min(1).optional(),
    weekly: z
      .array(z.strictObject({ day: weekdaySchema, handOff: hhmm }))
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
          handOff: hhmm,
        }),
      )
      .min(1)
      .optional(),
    every: wholeNumber(
      RECURRENCE_MULTIPLIER.min,
      RECURRENCE_MULTIPLIER.max,
      RECURRENCE_MULTIPLIER.source,
      `Use ${RECURRENCE_MULTIPLIER.min}-${RECURRENCE_MULTIPLIER.max}.`,
    ).default(1),
    onCall: wholeNumber(1, 30, "members on call at once", "Use at least 1.").default(1),
    coverage: z
      .partialRecord(weekdaySchema, z.array(z.strictObject({ start: hhmm, end: hhmm })))
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
    for (const [day, times] of Object.entries(r.coverage ?? {})) {
      times?.forEach((t, i) => {
        const start = Number(t.start.slice(0, 2)) * 60 + Number(t.start.slice(3));
        const end = Number(t.end.slice(0, 2)) * 60 + Number(t.end.slice(3));
        const minutes = (end - start + 1440) % 1440 || 1440;
        if (HHMM.test(t.start) && HHMM.test(t.end) && minutes < MIN_COVERAGE_MINUTES) {
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
    }
  }),
  timeZone: z.string().superRefine((zone, ctx) => {
    const message = checkTimeZoneId(zone);
    if (message !== undefined) custom(ctx, [], message);
  }),
  recurrence: recurrenceSchema,
});

/** One channel after validation: the address normalized, the name defaulted. */
export interface ChannelSpec {
  readonly type: ChannelType;
  readonly name: string;
  readonly address: string;
}

/** A channel reference that names no channel, or one of several. */
function findChannel(channels: readonly ChannelSpec[], ref: string): ChannelSpec | string {
  const byName = channels.find((c) => c.name === ref);
  if (byName !== undefined) return byName;
  const byType = channels.filter((c) => c.type === ref);
  if (byType.length === 1) return byType[0];
  const names = [...new Set(channels.map((c) => c.name))].join(", ");
  return byType.length > 1
    ? `names the type ${ref}, which ${byType.length} channels share; got ${describeValue(ref)}. Name the channel instead (${names}).`
    : `names no channel of this member; got ${describeValue(ref)}. Use a channel's name or type (${names}).`;
}

/** The default engagement: every channel at 0 minutes, VOICE, SMS, then EMAIL. */
function defaultEngagement(channels: readonly ChannelSpec[]): EngagementStep[] {
  return CHANNEL_TYPES.flatMap((type) =>
    channels
      .filter((c) => c.type === type)
      .map((c) => ({
        channelName: c.name,
        type,
        address: c.address,
        afterMinutes: 0,
        retryMinutes: DEFAULT_RETRY_MINUTES[type],
      })),
  );
}

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
      error: "needs at least one rotation (an on-call schedule without one pages nobody); got none",
    })
    .max(MAX_ROTATIONS, {
      error: (iss) =>
        `holds at most ${MAX_ROTATIONS} rotations (an on-call schedule supports up to eight, per the Incident Manager user guide); got ${(iss.input as unknown[]).length}. Split them over two teams.`,
    }),
  schedule: z
    .strictObject({
      alias: contactAliasSchema.optional(),
      displayName: nativeDisplayNameSchema.optional(),
    })
    .default({}),
  plaintextAddresses: z.boolean().default(false),
  tags: contactsTagsSchema.default({}),
});

type TeamShape = z.output<typeof teamObject>;
type Report = (path: PropertyKey[], message: string) => void;

/**
 * The rules that span fields (aliases, channel names, engagement, rotation members, the schedule
 * alias) and the normalized members: addresses in E.164 form, engagement steps resolved.
 */
function resolveTeam(args: TeamShape, report: Report) {
  const aliases = args.members.map((m) => m.alias);
  const members = args.members.map((member, i) => {
    const at = (...rest: PropertyKey[]) => ["members", i, ...rest];
    const first = aliases.indexOf(member.alias);
    if (first !== i) {
      report(
        at("alias"),
        `repeats ${describeValue(member.alias)}, already used by \`members[${first}]\`; each member needs its own alias.`,
      );
    }
    const channels: ChannelSpec[] = member.channels.map((channel, j) => {
      const name = channel.name ?? channel.type.toLowerCase();
      const written = channel.address;
      if (channel.type === "EMAIL") {
        const rule = checkEmailAddress(written.trim());
        if (rule !== undefined) {
          report(
            at("channels", j, "address"),
            `${rule}; got ${describeValue(written)}. Check the address for typos.`,
          );
        }
        return { type: channel.type, name, address: written.trim() };
      }
      const phone = normalizePhoneNumber(written, args.defaultCountry, channel.type);
      if (!phone.ok) {
        report(
          at("channels", j, "address"),
          `${phone.rule}; got ${describeValue(written)}. ${phone.hint}`,
        );
        return { type: channel.type, name, address: written };
      }
      return { type: channel.type, name, address: phone.e164 };
    });
    channels.forEach((channel, j) => {
      const firstName = channels.findIndex((c) => c.name === channel.name);
      if (firstName !== j) {
        report(
          member.channels[j].name === undefined ? at("channels", j) : at("channels", j, "name"),
          `is a second channel named ${describeValue(channel.name)} (like \`channels[${firstName}]\`); channel names are unique per member. Give it a distinct \`name\`.`,
        );
      }
    });
    let engagement: EngagementStep[];
    if (member.engagement === undefined) {
      engagement = defaultEngagement(channels);
    } else {
      engagement = [];
      // With no channel, or a channel whose name is broken, that rule is the one reported.
      const channelsBroken = channels.length === 0 || channels.some((c) => !isChannelName(c.name));
      member.engagement.forEach((step, k) => {
        const found = findChannel(channels, step.channel);
        if (typeof found === "string") {
          if (!channelsBroken) report(at("engagement", k, "channel"), found);
          return;
        }
        if (engagement.some((e) => e.channelName === found.name)) {
          report(
            at("engagement", k, "channel"),
            `engages the channel ${describeValue(found.name)} a second time; got ${describeValue(step.channel)}. Use \`retryMinutes\` to repeat a channel.`,
          );
          return;
        }
        engagement.push({
          channelName: found.name,
          type: found.type,
          address: found.address,
          afterMinutes: step.afterMinutes,
          retryMinutes: step.retryMinutes,
        });
      });
      engagement.sort((a, b) => a.afterMinutes - b.afterMinutes);
      const earliest = Math.min(...member.engagement.map((s) => s.afterMinutes));
      if (earliest > 0 && earliest <= 30) {
        report(
          at("engagement"),
          `starts at ${earliest} minutes, so nobody is paged at first; got no step at 0. Engage one channel at \`afterMinutes: 0\`.`,
        );
      }
    }
    return { alias: member.alias, displayName: member.displayName, channels, engagement };
  });
  const aliasBroken =
    aliases.length === 0 || aliases.some((a) => a.length > 255 || !CONTACT_ALIAS.test(a));
  const rotationNames = args.rotations.map((r) => r.name);
  args.rotations.forEach((rotation, r) => {
    const first = rotationNames.indexOf(rotation.name);
    if (first !== r) {
      report(
        ["rotations", r, "name"],
        `repeats ${describeValue(rotation.name)}, already used by \`rotations[${first}]\`; rotation names are unique in a team.`,
      );
    }
    rotation.members.forEach((alias, m) => {
      // A member whose own alias is broken (or no member at all) is already reported; a rotation
      // naming them is not.
      if (!aliases.includes(alias) && !aliasBroken) {
        report(
          ["rotations", r, "members", m],
          `names someone who is not a member of this team; got ${describeValue(alias)}. Add them to \`members\` or use one of: ${[...new Set(aliases)].join(", ")}.`,
        );
      }
    });
    const { onCall } = rotation.recurrence;
    // An empty rotation is reported as such, not as one with too few members for `onCall`.
    if (onCall > rotation.members.length && rotation.members.length > 0) {
      report(
        ["rotations", r, "recurrence", "onCall"],
        `puts more members on call at once than the rotation has; got ${onCall} for ${rotation.members.length}. Lower \`onCall\` or add members.`,
      );
    }
  });
  if (args.schedule.alias !== undefined && aliases.includes(args.schedule.alias)) {
    report(
      ["schedule", "alias"],
      `is also a member's alias; got ${describeValue(args.schedule.alias)}. Aliases are unique in an account: pick another.`,
    );
  }
  return members;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isArrayOf = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.every(item);

/**
 * True when the args have the shape the cross-field rules read, even if some field broke its own
 * rule, so that every issue (a bad address next to a bad display name) is reported at once.
 */
function isSound(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.defaultCountry !== undefined && !isPhoneCountry(String(value.defaultCountry))) {
    return false;
  }
  const channel = (c: unknown) =>
    isObject(c) &&
    (CHANNEL_TYPES as readonly unknown[]).includes(c.type) &&
    typeof c.address === "string" &&
    (c.name === undefined || typeof c.name === "string");
  const step = (e: unknown) =>
    isObject(e) &&
    typeof e.channel === "string" &&
    typeof e.afterMinutes === "number" &&
    typeof e.retryMinutes === "number";
  const member = (m: unknown) =>
    isObject(m) &&
    typeof m.alias === "string" &&
    isArrayOf(m.channels, channel) &&
    (m.engagement === undefined || isArrayOf(m.engagement, step));
  const rotation = (r: unknown) =>
    isObject(r) &&
    typeof r.name === "string" &&
    isArrayOf(r.members, (a) => typeof a === "string") &&
    isObject(r.recurrence);
  return (
    isArrayOf(value.members, member) &&
    isArrayOf(value.rotations, rotation) &&
    (value.schedule === undefined || isObject(value.schedule))
  );
}

/** The schema of {@link OnCallTeamArgs}, shared with the config-driven stack. */
export const onCallTeamSchema = teamObject
  .superRefine(
    (args, ctx) => void resolveTeam(args, (path, message) => custom(ctx, path, message)),
    {
      when: (payload) => isSound(payload.value),
    },
  )
  .transform((args) => ({ ...args, members: resolveTeam(args, () => undefined) }));

/** Validated, defaulted, normalized args. */
export type OnCallTeamSpec = z.output<typeof onCallTeamSchema>;

/** `<name>-oncall`: the component name in the characters a contact alias allows. */
export function defaultScheduleAlias(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug === "" ? "team" : slug}-oncall`.slice(0, 255);
}

const SCHEDULE_SUFFIX = " on-call schedule";

/**
 * `<name> on-call schedule`, with every character of `name` that CloudFormation's display name
 * pattern (`^[a-zA-Z0-9_\-\s]*$`) refuses written as `-`, so it fits for any component name.
 */
export function defaultScheduleDisplayName(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9_ -]+/g, "-")
    .replace(/ {2,}/g, " ")
    .trim()
    .slice(0, 255 - SCHEDULE_SUFFIX.length)
    .trim();
  return `${slug === "" ? "team" : slug}${SCHEDULE_SUFFIX}`;
}

/**
 * The ONCALL_SCHEDULE contact as a team named `name` makes it: its alias and display name (given,
 * or derived from the name) and the aliases of the members its rotations put on call, once each.
 */
export function scheduleOf(
  name: string,
  spec: OnCallTeamSpec,
): { alias: string; displayName: string; onCall: string[] } {
  return {
    alias: spec.schedule.alias ?? defaultScheduleAlias(name),
    displayName: spec.schedule.displayName ?? defaultScheduleDisplayName(name),
    onCall: [...new Set(spec.rotations.flatMap((r) => r.members))],
  };
}

/**
 * The rules on the schedule's alias that need the component's name (its default alias is
 * `<name>-oncall`): it must be a contact alias and no member's alias. Shared with the
 * config-driven stack, which checks them before anything registers.
 */
export function scheduleAliasIssues(name: string, spec: OnCallTeamSpec): ValidationIssue[] {
  if (spec.schedule.alias !== undefined) return []; // Checked by the schema.
  const alias = defaultScheduleAlias(name);
  const path = ["schedule", "alias"];
  if (!CONTACT_ALIAS.test(alias)) {
    return [
      {
        path,
        message: `defaults to ${describeValue(alias)}, which is not a contact alias. Set \`schedule.alias\`.`,
      },
    ];
  }
  if (spec.members.some((m) => m.alias === alias)) {
    return [
      {
        path,
        message: `defaults to ${describeValue(alias)}, which is also a member's alias. Set \`schedule.alias\` to another alias.`,
      },
    ];
  }
  return [];
}

/**
 * Turns an engagement into plan stages. Steps at the same minute share a stage; a stage lasts
 * until the next step's minute. The last stage lasts as long as its longest retry interval
 * (at most 30 minutes), so a retried channel is tried again before the plan ends.
 */
export function engagementStages(
  steps: readonly EngagementStep[],
): { durationInMinutes: number; steps: EngagementStep[] }[] {
  const minutes = [...new Set(steps.map((s) => s.afterMinutes))].sort((a, b) => a - b);
  return minutes.map((at, i) => {
    const here = steps.filter((s) => s.afterMinutes === at);
    const next = minutes[i + 1];
    return {
      durationInMinutes:
        next === undefined ? Math.min(30, Math.max(...here.map((s) => s.retryMinutes))) : next - at,
      steps: here,
    };
  });
}

/**
 * An on-call team in Incident Manager: a PERSONAL contact per member with its EMAIL, SMS and
 * VOICE channels and an engagement plan, the team's rotations, and the ONCALL_SCHEDULE contact
 * that holds them. `member(alias)` and `schedule` are references EscalationChain and
 * ResponsePlanWithAlarms accept; `coverage()` shows who is on call when, and every gap.
 *
 * Child names come from aliases, channel names and rotation names, never list positions:
 * reordering members or channels replaces nothing (a replaced contact loses its activated
 * channels).
 */
export class OnCallTeam extends pulumi.ComponentResource {
  /** Contact ARN by member alias. */
  public readonly contacts: pulumi.Output<Record<string, string>>;
  /** Channel ARN by member alias, then channel name. */
  public readonly channels: pulumi.Output<Record<string, Record<string, string>>>;
  /** Rotation ARN by rotation name. */
  public readonly rotations: pulumi.Output<Record<string, string>>;
  /** The ONCALL_SCHEDULE contact's ARN. */
  public readonly scheduleArn: pulumi.Output<string>;
  /** The ONCALL_SCHEDULE contact, as a target for EscalationChain and ResponsePlanWithAlarms. */
  public readonly schedule: ScheduleReference;
  /** The rotations as the coverage model reads them (see {@link coverage}). */
  public readonly rotationDefinitions: readonly RotationDefinition[];

  private readonly memberReferences: ReadonlyMap<string, MemberReference>;

  constructor(name: string, args: OnCallTeamArgs, opts?: pulumi.ComponentResourceOptions) {
    const context: ValidationContext = { component: COMPONENT, name };
    const spec: OnCallTeamSpec = validateArgs(onCallTeamSchema, args, context);
    const scheduleIssues = [
      ...scheduleAliasIssues(name, spec),
      ...mergedTagsIssues(spec.setup?.tags, spec.tags),
    ];
    if (scheduleIssues.length > 0) fail(context, scheduleIssues);
    const scheduleDefinition = scheduleOf(name, spec);
    super("incident-manager:index:OnCallTeam", name, {}, opts);

    const { setup } = spec;
    const tags = { ...(setup?.tags ?? {}), ...spec.tags };
    const region = setup === undefined ? {} : { region: setup.primaryRegion };
    const classicTags = Object.keys(tags).length === 0 ? {} : { tags };
    const secretOptions: pulumi.CustomResourceOptions = spec.plaintextAddresses
      ? {}
      : { additionalSecretOutputs: ["deliveryAddress"] };

    // Contacts, channels and plans: classic @pulumi/aws, whose `region` input puts them in the
    // setup's primary region whatever the stack's provider region is. (aws-native's
    // `deferActivation` is not needed: the owner activates each channel with the code AWS sends.)
    const contactArns: Record<string, pulumi.Output<string>> = {};
    const channelArns: Record<string, Record<string, pulumi.Output<string>>> = {};
    const references = new Map<string, MemberReference>();
    for (const member of spec.members) {
      const contact = new aws.ssmcontacts.Contact(
        `${name}-${member.alias}`,
        {
          alias: member.alias,
          displayName: member.displayName,
          type: "PERSONAL",
          ...region,
          ...classicTags,
        },
        childOptions(this, setup),
      );
      const channels = new Map<string, aws.ssmcontacts.ContactChannel>();
      for (const channel of member.channels) {
        const deliveryAddress = { simpleAddress: channel.address };
        channels.set(
          channel.name,
          new aws.ssmcontacts.ContactChannel(
            `${name}-${member.alias}-${channel.name}`,
            {
              contactId: contact.arn,
              name: channel.name,
              type: channel.type,
              deliveryAddress: spec.plaintextAddresses
                ? deliveryAddress
                : pulumi.secret(deliveryAddress),
              ...region,
            },
            childOptions(this, setup, secretOptions),
          ),
        );
      }
      const plan = new aws.ssmcontacts.Plan(
        `${name}-${member.alias}-plan`,
        {
          contactId: contact.arn,
          stages: engagementStages(member.engagement).map((stage) => ({
            durationInMinutes: stage.durationInMinutes,
            targets: stage.steps.map((step) => ({
              channelTargetInfo: {
                contactChannelId: channels.get(step.channelName)!.arn,
                retryIntervalInMinutes: step.retryMinutes,
              },
            })),
          })),
          ...region,
        },
        childOptions(this, setup),
      );
      contactArns[member.alias] = contact.arn;
      channelArns[member.alias] = Object.fromEntries(
        [...channels].map(([channelName, c]) => [channelName, c.arn]),
      );
      references.set(
        member.alias,
        memberReference(name, member, contact.arn, [contact, ...channels.values(), plan]),
      );
    }
    this.memberReferences = references;

    this.rotationDefinitions = spec.rotations.map((r) => ({
      name: r.name,
      members: r.members,
      startTime: r.startTime,
      timeZone: r.timeZone,
      recurrence: r.recurrence,
    }));

    // Rotations: aws-native, whose startTime is the local `yyyy-MM-ddTHH:mm:ss` users write and
    // whose ARN the ONCALL_SCHEDULE contact lists. A rotation needs its members' contacts to exist
    // (it lists their ARNs), not their channels or plans: those are created in parallel with it,
    // and the schedule reference below makes whatever engages the schedule wait for them all.
    const rotations = spec.rotations.map((r) => {
      const { recurrence } = r;
      return new awsnative.ssmcontacts.Rotation(
        `${name}-${r.name}`,
        {
          name: r.name,
          contactIds: r.members.map((alias) => contactArns[alias]),
          startTime: r.startTime,
          timeZoneId: r.timeZone,
          recurrence: {
            numberOfOnCalls: recurrence.onCall,
            recurrenceMultiplier: recurrence.every,
            dailySettings: recurrence.daily,
            weeklySettings: recurrence.weekly?.map((w) => ({
              dayOfWeek: w.day as awsnative.types.enums.ssmcontacts.RotationDayOfWeek,
              handOffTime: w.handOff,
            })),
            monthlySettings: recurrence.monthly?.map((m) => ({
              dayOfMonth: m.dayOfMonth,
              handOffTime: m.handOff,
            })),
            shiftCoverages:
              recurrence.coverage === undefined
                ? undefined
                : WEEKDAYS.filter((d) => recurrence.coverage?.[d] !== undefined).map((d) => ({
                    dayOfWeek: d as awsnative.types.enums.ssmcontacts.RotationDayOfWeek,
                    coverageTimes: recurrence.coverage![d]!.map((t) => ({
                      startTime: t.start,
                      endTime: t.end,
                    })),
                  })),
          },
          tags: toNativeTags(tags),
        },
        childOptions(this, setup),
      );
    });

    // The ONCALL_SCHEDULE contact: aws-native, because @pulumi/aws cannot link a contact to
    // rotations (its Contact and Plan have no rotation ids).
    const schedule = new awsnative.ssmcontacts.Contact(
      `${name}-schedule`,
      {
        alias: scheduleDefinition.alias,
        displayName: scheduleDefinition.displayName,
        type: "ONCALL_SCHEDULE",
        plan: [{ rotationIds: rotations.map((r) => r.arn) }],
        tags: toNativeTags(tags),
      },
      childOptions(this, setup),
    );

    this.contacts = pulumi.output(contactArns);
    this.channels = pulumi.output(channelArns);
    this.rotations = pulumi.output(
      Object.fromEntries(spec.rotations.map((r, i) => [r.name, rotations[i].arn])),
    );
    this.scheduleArn = schedule.arn;
    const onCallMembers = scheduleDefinition.onCall;
    const definitions = this.rotationDefinitions;
    this.schedule = brandReference<ScheduleReference>({
      kind: "schedule",
      team: name,
      alias: scheduleDefinition.alias,
      displayName: scheduleDefinition.displayName,
      arn: schedule.arn,
      // Nothing pages a half-built contact: an escalation plan or response plan engaging the
      // schedule waits for it, its rotations, and every on-call member's contact, channels and
      // engagement plan.
      dependencies: [
        schedule,
        ...rotations,
        ...onCallMembers.flatMap((alias) => references.get(alias)!.dependencies),
      ],
      members: onCallMembers.map((alias) => references.get(alias)!),
      onCallAt: (at: Date) => onCallAt(definitions, at),
    });

    this.registerOutputs({
      contacts: this.contacts,
      channels: this.channels,
      rotations: this.rotations,
      scheduleArn: this.scheduleArn,
    });
  }

  /** The reference to a member's PERSONAL contact. Throws for an alias not in the team. */
  public member(alias: string): MemberReference {
    const found = this.memberReferences.get(alias);
    if (found === undefined) {
      throw new Error(
        `${COMPONENT} '${this.schedule.team}' has no member ${JSON.stringify(alias)}; its members are ${[...this.memberReferences.keys()].join(", ")}.`,
      );
    }
    return found;
  }

  /** Who is on call in each interval of `window`, and every gap (see {@link coverage}). */
  public coverage(window: CoverageWindow): CoverageReport {
    return coverage(this.rotationDefinitions, window);
  }
}
