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
  fitsText,
  isPhoneCountry,
  maskAddress,
  MIN_COVERAGE_MINUTES,
  normalizePhoneNumber,
  RECURRENCE_MULTIPLIER,
  RETRY_INTERVAL_MINUTES,
  ROTATIONS_PER_SCHEDULE,
  STAGE_DURATION_MINUTES,
  CONTACT_CHANNEL_ARN as CHANNEL_ARN,
  ROTATION_ARN,
} from "../aws";
import {
  childOptions,
  CONTACT_ALIAS,
  contactAliasSchema,
  displayNameSchema,
  setupAdoptionIssue,
  nativeDisplayNameSchema,
  setupSchema,
  validateAdopting,
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
  adoptedAccountOf,
} from "./references";
import { contactsTagsSchema, mergedTagsIssues, Tags, toNativeTags } from "./tags";
import {
  describeValue,
  fail,
  formatPath,
  type FieldPath,
  validateArgs,
  ValidationContext,
  ValidationError,
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
   *
   * An Output (for example `config.requireSecret("taroPhone")`) is checked and normalized with the
   * same rules when it resolves, and a failure names this field the same way; until then the
   * address is shown as `[secret]` (timeline, plan, picture).
   * @see https://www.pulumi.com/docs/iac/concepts/secrets/
   */
  readonly address: pulumi.Input<string>;
  /**
   * The channel's name, unique within the member: 1-255 characters of letters (any script),
   * digits, spaces, `_`, `.` and `-`, as the SSM Contacts API allows. Changing it replaces the
   * channel (its owner must activate it again). An adopted channel keeps its name as it exists.
   * It names the child `<team>-<alias>-<name>`, which must not be another member's channel's
   * child name (member `taro` with `mobile-sms` and member `taro-mobile` with `sms` are rejected).
   * @default the type in lower case: `voice`, `sms` or `email`
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_CreateContactChannel.html
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
  /**
   * The channel's `RetryIntervalInMinutes`, 0-60 (0: no resend): minutes to wait before Incident
   * Manager resends this engagement if sending it failed. It does not page again when nobody
   * acknowledges; add a later step or an escalation stage for that.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ChannelTargetInfo.html
   */
  readonly retryIntervalInMinutes: number;
}

/** A member of the team: one PERSONAL contact. */
export interface MemberArgs {
  /**
   * The contact's alias: 1-255 characters of `a-z 0-9 _ -` (ssm-contacts CreateContact Alias: the
   * API has no `.`), unique in the team and, since every contact, escalation plan and on-call
   * schedule shares one alias namespace, in the account and region (the config-driven stack and
   * the pack check that across teams). Create-only:
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
   * The engagement plan: which channel after how many minutes, and after how many minutes a
   * failed send is retried. `[]` registers no engagement plan, for an adopted contact that has
   * none (such a contact pages nobody when engaged).
   * @default every channel at 0 minutes, VOICE then SMS then EMAIL; a VOICE or SMS engagement that
   *   fails to send is resent after 5 minutes, EMAIL is not resent
   */
  readonly engagement?: readonly EngagementArgs[];
  /**
   * How long the last stage of the engagement plan lasts, 0-30 minutes, to describe an adopted
   * plan exactly (a plan written in CloudFormation often has one 1-minute stage).
   * @default the longest retry interval of the last stage's channels, at most 30
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_Stage.html
   */
  readonly lastStageMinutes?: number;
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

/** The existing resources an {@link OnCallTeam} imports. */
export interface TeamAdoption {
  /**
   * Aliases of existing contacts: members, and the schedule's alias. Each member's engagement plan
   * is imported with its contact. Needs `setup` with `replicationSetArn`.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ListContacts.html
   */
  readonly contacts?: readonly string[];
  /**
   * Channel ARNs by member alias, then channel name
   * (`arn:<partition>:ssm-contacts:<region>:<account>:contact-channel/<alias>/<id>`); the member's
   * contact must be adopted too.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ListContactChannels.html
   */
  readonly channels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * Rotation ARNs by rotation name (`arn:<partition>:ssm-contacts:<region>:<account>:rotation/<id>`).
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ListRotations.html
   */
  readonly rotations?: Readonly<Record<string, string>>;
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
   * The rotations of the team's on-call schedule, 1-25. Without rotations the team has no
   * ONCALL_SCHEDULE contact (`schedule` is undefined); its members are still targets.
   * @default none: no on-call schedule
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule.html
   */
  readonly rotations?: readonly RotationArgs[];
  /**
   * The ONCALL_SCHEDULE contact that holds every rotation; only with `rotations`.
   * @default `{}`: the defaults of {@link ScheduleArgs}
   */
  readonly schedule?: ScheduleArgs;
  /**
   * Existing resources to import (Pulumi's `import` option) instead of creating them, by their
   * natural keys. Only what AWS generates is given; a contact's ID and its engagement plan's are
   * derived from its alias and `setup.replicationSetArn`'s account:
   * `arn:<partition>:ssm-contacts:<primary region>:<account>:contact/<alias>`. Leaving the IDs in
   * after the first `pulumi up` is harmless: Pulumi ignores `import` once the resource is in the
   * state with that ID. Imported resources must be described as they exist (names, display names,
   * engagement, tags: see `inheritTags`), or the import fails.
   * @default none: every child is created
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/import/
   */
  readonly adopt?: TeamAdoption;
  /**
   * Merge the setup's tags under `tags`. Set it to false to describe adopted contacts and
   * rotations with exactly the tags they have.
   * @default true
   */
  readonly inheritTags?: boolean;
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
 * A channel name: AWS's rule (ssm-contacts CreateContactChannel Name: 1-255 characters of
 * `^[\p{L}\p{Z}\p{N}_.\-]*$`), so an adopted channel keeps the name it has.
 */
const isChannelName = (n: string): boolean => fitsText(CHANNEL_NAME_RULE, n);
/** How an address still unknown (an Output) is shown until it resolves. */
export const SECRET_ADDRESS = "[secret]";
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** The rotation is an aws-native resource: CloudFormation's ContactIds limit. */
const MAX_ROTATION_MEMBERS = CFN_ROTATION_CONTACTS.max;
const MAX_ROTATIONS = ROTATIONS_PER_SCHEDULE;
/**
 * Retry intervals of the default engagement plan: how long Incident Manager waits before resending
 * an engagement that failed to send ("the number of minutes to wait before retrying to send
 * engagement if the engagement initially failed", botocore 1.43 ssm-contacts ChannelTargetInfo).
 * A phone call or SMS that fails to go out is worth resending after 5 minutes; an email is not.
 */
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
    0,
    30,
    "an engagement plan stage lasts at most 30 minutes",
    "Use 30 or less.",
  ).optional(),
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
    if (r.coverage !== undefined && Object.keys(r.coverage).length === 0) {
      // It would deploy `ShiftCoverages: []`, and AWS's text ("the days of the week that the
      // on-call rotation coverage includes", botocore 1.43 ssm-contacts RecurrenceSettings) does
      // not say whether an empty list means no coverage or coverage around the clock.
      custom(
        ctx,
        ["coverage"],
        "lists no weekday, and AWS does not say what an empty shift coverage means; got {}. Leave `coverage` out for coverage around the clock, or list the weekdays the rotation covers.",
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

/** One channel after validation: the address normalized, the name defaulted. */
export interface ChannelSpec {
  readonly type: ChannelType;
  readonly name: string;
  /** The normalized address, or {@link SECRET_ADDRESS} while it is an Output. */
  readonly address: string;
  /** The address as given, when it is an Output: checked and normalized when it resolves. */
  readonly pendingAddress?: pulumi.Output<string>;
}

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

/**
 * An address given as an Output, checked and normalized with the same rules when it resolves; a
 * broken rule fails the deployment with a ValidationError naming `path`. The value stays secret.
 */
function resolveAddress(
  context: ValidationContext,
  path: FieldPath,
  type: ChannelType,
  address: pulumi.Output<string>,
  defaultCountry: string | undefined,
): pulumi.Output<string> {
  return address.apply((written) => {
    // `plan` puts SECRET_ADDRESS where a stack file holds a secure value it cannot decrypt: the
    // channel's type and name are checked, its address cannot be. (AWS itself refuses the text
    // as an address, should it ever be deployed.)
    if (written === SECRET_ADDRESS) return written;
    const checked =
      typeof written === "string"
        ? normalizeAddress(type, written, defaultCountry)
        : {
            rule: `must be an address (a phone number or an email); got ${describeValue(written)}`,
          };
    if ("rule" in checked) {
      // The address was given as an Output (a secret, usually): the message masks it, and any
      // number or email it suggests.
      throw new ValidationError(context, [{ path, message: maskMessage(checked.rule, written) }]);
    }
    return checked.address;
  });
}

/** `message` with `written`, and every phone number and email in it, masked. */
function maskMessage(message: string, written: unknown): string {
  const raw = typeof written === "string" && written !== "" ? written : undefined;
  const withoutRaw =
    raw === undefined
      ? message
      : message.split(JSON.stringify(raw)).join(JSON.stringify(maskAddress(raw)));
  return withoutRaw
    .replace(/[^\s@"]+@[^\s@"]+\.[A-Za-z]{2,}/g, (email) => maskAddress(email))
    .replace(/\+\d{6,15}\b/g, (phone) => maskAddress(phone));
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
        retryIntervalInMinutes: DEFAULT_RETRY_MINUTES[type],
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
      if (typeof written !== "string") {
        const pendingAddress = pulumi.output(written);
        return { type: channel.type, name, address: SECRET_ADDRESS, pendingAddress };
      }
      const checked = normalizeAddress(channel.type, written, args.defaultCountry);
      if ("rule" in checked) {
        report(at("channels", j, "address"), checked.rule);
        return {
          type: channel.type,
          name,
          address: channel.type === "EMAIL" ? written.trim() : written,
        };
      }
      return { type: channel.type, name, address: checked.address };
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
            `engages the channel ${describeValue(found.name)} a second time; got ${describeValue(step.channel)}. Engage each channel once: to reach the member again, engage another channel later or add an escalation stage (\`retryIntervalInMinutes\` only resends a failed send).`,
          );
          return;
        }
        engagement.push({
          channelName: found.name,
          type: found.type,
          address: found.address,
          afterMinutes: step.afterMinutes,
          retryIntervalInMinutes: step.retryIntervalInMinutes,
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
    return {
      alias: member.alias,
      displayName: member.displayName,
      channels,
      engagement,
      lastStageMinutes: member.lastStageMinutes,
    };
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
  if (
    args.rotations.length === 0 &&
    (args.schedule.alias !== undefined || args.schedule.displayName !== undefined)
  ) {
    report(
      ["schedule"],
      `describes the on-call schedule, which a team without rotations does not have; got ${describeValue(args.schedule)}. Add \`rotations\`, or remove \`schedule\`.`,
    );
  }
  adoptionIssues(args, report);
  if (args.schedule.alias !== undefined && aliases.includes(args.schedule.alias)) {
    report(
      ["schedule", "alias"],
      `is also a member's alias; got ${describeValue(args.schedule.alias)}. Aliases are unique in an account: pick another.`,
    );
  }
  return members;
}

/** The rules of `adopt`: every key names something of this team, every ARN is well formed. */
function adoptionIssues(args: TeamShape, report: Report): void {
  const { adopt } = args;
  const aliases = args.members.map((m) => m.alias).filter((a) => CONTACT_ALIAS.test(a));
  if (aliases.length === 0) return; // No readable members: their own rule is reported.
  // Which contact each adopted alias names needs the component's name (the schedule's default
  // alias): see scheduleAliasIssues.
  for (const [alias, channels] of Object.entries(adopt.channels)) {
    const member = args.members.find((m) => m.alias === alias);
    if (member === undefined) {
      report(
        ["adopt", "channels", alias],
        `names no member of this team; got ${describeValue(alias)}. Use a member's alias (${aliases.join(", ")}).`,
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
  const rotationNames = args.rotations.map((r) => r.name);
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isArrayOf = (v: unknown, item: (x: unknown) => boolean) => Array.isArray(v) && v.every(item);

/**
 * The parts of the args whose shape the cross-field rules can read, even when other fields broke
 * their own rules (or are missing), so that every issue is reported at once: a bad address next to
 * a missing `members` field's neighbours, a bad rotation next to a bad display name. A part whose
 * shape is broken is read as empty (its own rule is reported by the schema).
 */
function soundView(value: unknown): TeamShape | undefined {
  if (!isObject(value)) return undefined;
  const countryOk =
    value.defaultCountry === undefined || isPhoneCountry(String(value.defaultCountry));
  const channel = (c: unknown) =>
    isObject(c) &&
    (CHANNEL_TYPES as readonly unknown[]).includes(c.type) &&
    (typeof c.address === "string" || isPending(c.address)) &&
    (c.name === undefined || typeof c.name === "string");
  const step = (e: unknown) =>
    isObject(e) &&
    typeof e.channel === "string" &&
    typeof e.afterMinutes === "number" &&
    typeof e.retryIntervalInMinutes === "number";
  const member = (m: unknown) =>
    isObject(m) &&
    typeof m.alias === "string" &&
    isArrayOf(m.channels, channel) &&
    (m.engagement === undefined || isArrayOf(m.engagement, step));
  const rotation = (r: unknown) =>
    isObject(r) &&
    typeof r.name === "string" &&
    isArrayOf(r.members, (a) => typeof a === "string") &&
    isObject(r.recurrence) &&
    typeof (r.recurrence as { onCall?: unknown }).onCall === "number";
  const rotationsOk = value.rotations === undefined || isArrayOf(value.rotations, rotation);
  const adopt = value.adopt;
  const adoptOk =
    isObject(adopt) &&
    isArrayOf(adopt.contacts, (a) => typeof a === "string") &&
    isObject(adopt.channels) &&
    Object.values(adopt.channels).every(
      (c) => isObject(c) && Object.values(c).every((a) => typeof a === "string"),
    ) &&
    isObject(adopt.rotations) &&
    Object.values(adopt.rotations).every((a) => typeof a === "string");
  return {
    ...(value as unknown as TeamShape),
    defaultCountry: countryOk ? (value.defaultCountry as TeamShape["defaultCountry"]) : undefined,
    // Without a readable country, national numbers cannot be read: the members wait for it.
    // A member whose own shape is broken (a missing alias, say) stands in as a member with no
    // channels, so the others' addresses are still checked, at their own positions.
    members:
      countryOk && Array.isArray(value.members)
        ? (value.members as unknown[]).map((m, i) =>
            member(m)
              ? (m as TeamShape["members"][number])
              : {
                  alias: `\u0000member ${i}`,
                  displayName: "-",
                  channels: [],
                  engagement: undefined,
                },
          )
        : [],
    rotations: rotationsOk ? ((value.rotations ?? []) as TeamShape["rotations"]) : [],
    // Rotations that are there but broken are reported as such, not as a schedule without them.
    schedule:
      rotationsOk &&
      isObject(value.schedule) &&
      (value.rotations === undefined || (value.rotations as unknown[]).length > 0)
        ? (value.schedule as TeamShape["schedule"])
        : {},
    adopt: adoptOk
      ? {
          ...(adopt as unknown as TeamShape["adopt"]),
          rotations: rotationsOk ? (adopt.rotations as TeamShape["adopt"]["rotations"]) : {},
        }
      : { contacts: [], channels: {}, rotations: {} },
  };
}

/** The schema of {@link OnCallTeamArgs}, shared with the config-driven stack. */
export const onCallTeamSchema = teamObject
  .superRefine(
    (args, ctx) => {
      const view = soundView(args);
      if (view !== undefined) resolveTeam(view, (path, message) => custom(ctx, path, message));
    },
    { when: (payload) => isObject(payload.value) },
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
 * Undefined for a team without rotations, which has no schedule.
 */
export function scheduleOf(
  name: string,
  spec: OnCallTeamSpec,
): { alias: string; displayName: string; onCall: string[] } | undefined {
  if (spec.rotations.length === 0) return undefined; // No rotations: no on-call schedule.
  return {
    alias: spec.schedule.alias ?? defaultScheduleAlias(name),
    displayName: spec.schedule.displayName ?? defaultScheduleDisplayName(name),
    onCall: [...new Set(spec.rotations.flatMap((r) => r.members))],
  };
}

/**
 * The rules on the schedule's alias that need the component's name (its default alias is
 * `<name>-oncall`): it must be a contact alias and no member's alias, and every alias in
 * `adopt.contacts` must name a member or the schedule. Shared with the config-driven stack, which
 * checks them before anything registers.
 */
export function scheduleAliasIssues(name: string, spec: OnCallTeamSpec): ValidationIssue[] {
  const schedule = scheduleOf(name, spec);
  const known = [...spec.members.map((m) => m.alias), ...(schedule ? [schedule.alias] : [])];
  const adoptIssues: ValidationIssue[] = spec.adopt.contacts.flatMap((alias, i) =>
    known.includes(alias)
      ? []
      : [
          {
            path: ["adopt", "contacts", i],
            message: `names no contact of this team; got ${describeValue(alias)}. Use a member's alias${schedule ? " or the schedule's alias" : ""} (${known.join(", ")}).`,
          },
        ],
  );
  if (spec.schedule.alias !== undefined || schedule === undefined) return adoptIssues; // Checked by the schema.
  return [...adoptIssues, ...defaultAliasIssues(name, spec)];
}

function defaultAliasIssues(name: string, spec: OnCallTeamSpec): ValidationIssue[] {
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

/** A child a component registers: its type, its name and the arg it is named after. */
export interface ChildName {
  readonly type: string;
  readonly name: string;
  readonly path: readonly PropertyKey[];
}

/**
 * Every child a team named `name` registers, by type and name, with the arg its name comes from.
 * All of them have the team as parent; Pulumi refuses two resources with one URN, that is one
 * type, one name and one parent type (the parent's name is not part of the URN).
 */
export function teamChildNames(name: string, spec: OnCallTeamSpec): ChildName[] {
  const members = spec.members.flatMap((m, i): ChildName[] => [
    {
      type: "aws:ssmcontacts/contact:Contact",
      name: `${name}-${m.alias}`,
      path: ["members", i, "alias"],
    },
    ...m.channels.map((c, j) => ({
      type: "aws:ssmcontacts/contactChannel:ContactChannel",
      name: `${name}-${m.alias}-${c.name}`,
      path: ["members", i, "channels", j],
    })),
    {
      type: "aws:ssmcontacts/plan:Plan",
      name: `${name}-${m.alias}-plan`,
      path: ["members", i, "alias"],
    },
  ]);
  const rotations = spec.rotations.map((r, i) => ({
    type: "aws-native:ssmcontacts:Rotation",
    name: `${name}-${r.name}`,
    path: ["rotations", i, "name"],
  }));
  // A team without rotations has no schedule contact.
  const schedule =
    spec.rotations.length === 0
      ? []
      : [{ type: "aws-native:ssmcontacts:Contact", name: `${name}-schedule`, path: ["schedule"] }];
  return [...members, ...rotations, ...schedule];
}

/**
 * Two children of one type with one name: a channel `mobile-sms` of member `taro` and a channel
 * `sms` of member `taro-mobile` are both `<name>-taro-mobile-sms`. Child names keep their readable
 * `-` form (reordering never renames anything), so such a pair is rejected before anything
 * registers, naming both args.
 */
export function childNameIssues(name: string, spec: OnCallTeamSpec): ValidationIssue[] {
  const seen = new Map<string, ChildName>();
  const issues: ValidationIssue[] = [];
  for (const child of teamChildNames(name, spec)) {
    const key = `${child.type}::${child.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, child);
      continue;
    }
    issues.push({
      path: child.path,
      message: `names a child ${describeValue(child.name)} (${child.type}), like \`${formatPath(first.path)}\`; Pulumi refuses two resources with one name and type. Rename one of the two (a channel's \`name\`, or an alias).`,
    });
  }
  return issues;
}

/**
 * Turns an engagement into plan stages. Steps at the same minute share a stage; a stage lasts
 * until the next step's minute. The last stage lasts `lastStageMinutes`, or as long as its longest
 * retry interval (at most 30 minutes), so that an engagement that failed to send can be resent
 * while its stage lasts. AWS's text does not say whether a resend waits for the stage; a longer
 * stage costs nothing, as a retry resends only a failed engagement and never re-pages an
 * unanswered one.
 */
export function engagementStages(
  steps: readonly EngagementStep[],
  lastStageMinutes?: number,
): { durationInMinutes: number; steps: EngagementStep[] }[] {
  const minutes = [...new Set(steps.map((s) => s.afterMinutes))].sort((a, b) => a - b);
  return minutes.map((at, i) => {
    const here = steps.filter((s) => s.afterMinutes === at);
    const next = minutes[i + 1];
    return {
      durationInMinutes:
        next !== undefined
          ? next - at
          : (lastStageMinutes ??
            Math.min(30, Math.max(...here.map((s) => s.retryIntervalInMinutes)))),
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
  /** Rotation ARN by rotation name; empty without rotations. */
  public readonly rotations: pulumi.Output<Record<string, string>>;
  /** The ONCALL_SCHEDULE contact's ARN; undefined for a team without rotations. */
  public readonly scheduleArn: pulumi.Output<string> | undefined;
  /**
   * The ONCALL_SCHEDULE contact, as a target for EscalationChain and ResponsePlanWithAlarms;
   * undefined for a team without rotations.
   */
  public readonly schedule: ScheduleReference | undefined;
  /** The rotations as the coverage model reads them (see {@link coverage}). */
  public readonly rotationDefinitions: readonly RotationDefinition[];

  private readonly memberReferences: ReadonlyMap<string, MemberReference>;

  constructor(name: string, args: OnCallTeamArgs, opts?: pulumi.ComponentResourceOptions) {
    const context: ValidationContext = { component: COMPONENT, name };
    const raw = args as { adopt?: { contacts?: unknown } } | undefined;
    const spec: OnCallTeamSpec = validateAdopting(
      context,
      () => validateArgs(onCallTeamSchema, args, context),
      setupAdoptionIssue(
        Array.isArray(raw?.adopt?.contacts) && raw.adopt.contacts.length > 0,
        args?.setup,
        ["adopt", "contacts"],
        "the contacts' import IDs are",
      ),
    );
    const scheduleIssues = [
      ...scheduleAliasIssues(name, spec),
      ...childNameIssues(name, spec),
      ...mergedTagsIssues(spec.inheritTags ? spec.setup?.tags : undefined, spec.tags),
    ];
    if (scheduleIssues.length > 0) fail(context, scheduleIssues);
    const scheduleDefinition = scheduleOf(name, spec);
    super("incident-manager:index:OnCallTeam", name, {}, opts);

    const { setup, adopt } = spec;
    const tags = { ...(spec.inheritTags ? (setup?.tags ?? {}) : {}), ...spec.tags };
    const region = setup === undefined ? {} : { region: setup.primaryRegion };
    const classicTags = Object.keys(tags).length === 0 ? {} : { tags };
    const secretOptions: pulumi.CustomResourceOptions = spec.plaintextAddresses
      ? {}
      : { additionalSecretOutputs: ["deliveryAddress"] };
    // The import ID of an adopted contact (and of its plan, which @pulumi/aws imports by the
    // contact's ARN): AWS derives it from the alias, in the primary region of the setup's account.
    const adopted = (alias: string): pulumi.CustomResourceOptions => {
      const account = adoptedAccountOf(setup);
      if (!adopt.contacts.includes(alias) || setup === undefined || account === undefined)
        return {};
      const { partition, accountId } = account;
      return {
        import: `arn:${partition}:ssm-contacts:${setup.primaryRegion}:${accountId}:contact/${alias}`,
      };
    };

    // Contacts, channels and plans: classic @pulumi/aws, whose `region` input puts them in the
    // setup's primary region whatever the stack's provider region is. (aws-native's
    // `deferActivation` is not needed: the owner activates each channel with the code AWS sends.)
    const contactArns: Record<string, pulumi.Output<string>> = {};
    const channelArns: Record<string, Record<string, pulumi.Output<string>>> = {};
    const references = new Map<string, MemberReference>();
    spec.members.forEach((member, i) => {
      const contact = new aws.ssmcontacts.Contact(
        `${name}-${member.alias}`,
        {
          alias: member.alias,
          displayName: member.displayName,
          type: "PERSONAL",
          ...region,
          ...classicTags,
        },
        childOptions(this, setup, adopted(member.alias)),
      );
      const channels = new Map<string, aws.ssmcontacts.ContactChannel>();
      member.channels.forEach((channel, j) => {
        const address =
          channel.pendingAddress === undefined
            ? channel.address
            : resolveAddress(
                context,
                ["members", i, "channels", j, "address"],
                channel.type,
                channel.pendingAddress,
                spec.defaultCountry,
              );
        const deliveryAddress = { simpleAddress: address };
        const channelArn = adopt.channels[member.alias]?.[channel.name];
        channels.set(
          channel.name,
          new aws.ssmcontacts.ContactChannel(
            `${name}-${member.alias}-${channel.name}`,
            {
              contactId: contact.arn,
              name: channel.name,
              type: channel.type,
              deliveryAddress:
                spec.plaintextAddresses && channel.pendingAddress === undefined
                  ? deliveryAddress
                  : pulumi.secret(deliveryAddress),
              ...region,
            },
            childOptions(this, setup, {
              ...secretOptions,
              ...(channelArn === undefined ? {} : { import: channelArn }),
            }),
          ),
        );
      });
      // `engagement: []`: no plan (an adopted contact that has none).
      const stages = engagementStages(member.engagement, member.lastStageMinutes);
      const plan =
        stages.length === 0
          ? undefined
          : new aws.ssmcontacts.Plan(
              `${name}-${member.alias}-plan`,
              {
                contactId: contact.arn,
                stages: stages.map((stage) => ({
                  durationInMinutes: stage.durationInMinutes,
                  targets: stage.steps.map((step) => ({
                    channelTargetInfo: {
                      contactChannelId: channels.get(step.channelName)!.arn,
                      retryIntervalInMinutes: step.retryIntervalInMinutes,
                    },
                  })),
                })),
                ...region,
              },
              childOptions(this, setup, adopted(member.alias)),
            );
      contactArns[member.alias] = contact.arn;
      channelArns[member.alias] = Object.fromEntries(
        [...channels].map(([channelName, c]) => [channelName, c.arn]),
      );
      const memberDependencies: pulumi.Resource[] = [
        contact,
        ...channels.values(),
        ...(plan === undefined ? [] : [plan]),
      ];
      // The reference's ARN carries what an engaging component waits for.
      const memberArn = pulumi
        .all([contact.arn, ...memberDependencies.map((r) => r.urn)])
        .apply(([arn]) => arn);
      references.set(member.alias, memberReference(name, member, memberArn, memberDependencies));
    });
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
    // An adopted rotation's import ID is its ARN (the primaryIdentifier of
    // AWS::SSMContacts::Rotation in cfn-lint 1.51's schema).
    const rotations = spec.rotations.map((r) => {
      const { recurrence } = r;
      const rotationArn = adopt.rotations[r.name];
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
        childOptions(this, setup, rotationArn === undefined ? {} : { import: rotationArn }),
      );
    });

    this.contacts = pulumi.output(contactArns);
    this.channels = pulumi.output(channelArns);
    this.rotations = pulumi.output(
      Object.fromEntries(spec.rotations.map((r, i) => [r.name, rotations[i].arn])),
    );

    if (scheduleDefinition === undefined) {
      // No rotations: no ONCALL_SCHEDULE contact. The members are still targets.
      this.scheduleArn = undefined;
      this.schedule = undefined;
    } else {
      // The ONCALL_SCHEDULE contact: aws-native, because @pulumi/aws cannot link a contact to
      // rotations (its Contact and Plan have no rotation ids). Its import ID is its ARN (the
      // primaryIdentifier of AWS::SSMContacts::Contact), derived from its alias like a member's.
      const schedule = new awsnative.ssmcontacts.Contact(
        `${name}-schedule`,
        {
          alias: scheduleDefinition.alias,
          displayName: scheduleDefinition.displayName,
          type: "ONCALL_SCHEDULE",
          plan: [{ rotationIds: rotations.map((r) => r.arn) }],
          tags: toNativeTags(tags),
        },
        childOptions(this, setup, adopted(scheduleDefinition.alias)),
      );
      this.scheduleArn = schedule.arn;
      const onCallMembers = scheduleDefinition.onCall;
      const definitions = this.rotationDefinitions;
      const scheduleDependencies: pulumi.Resource[] = [
        schedule,
        ...rotations,
        ...onCallMembers.flatMap((alias) => references.get(alias)!.dependencies),
      ];
      this.schedule = brandReference<ScheduleReference>({
        kind: "schedule",
        team: name,
        alias: scheduleDefinition.alias,
        displayName: scheduleDefinition.displayName,
        // Nothing pages a half-built contact: an escalation plan or response plan engaging the
        // schedule waits for it, its rotations, and every on-call member's contact, channels and
        // engagement plan (through its ARN, and listed in `dependencies`).
        arn: pulumi
          .all([schedule.arn, ...scheduleDependencies.map((r) => r.urn)])
          .apply(([arn]) => arn),
        dependencies: scheduleDependencies,
        members: onCallMembers.map((alias) => references.get(alias)!),
        onCallAt: (at: Date) => onCallAt(definitions, at),
      });
    }

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
        `${COMPONENT} '${[...this.memberReferences.values()][0].team}' has no member ${JSON.stringify(alias)}; its members are ${[...this.memberReferences.keys()].join(", ")}.`,
      );
    }
    return found;
  }

  /** Who is on call in each interval of `window`, and every gap (see {@link coverage}). */
  public coverage(window: CoverageWindow): CoverageReport {
    return coverage(this.rotationDefinitions, window);
  }
}
