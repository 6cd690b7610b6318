/**
 * The args of {@link OnCallTeam} and their docs: plain data (see the package's data-first rules),
 * so Pulumi's component analyzer publishes them for every language. No zod here (schema.ts).
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ChannelType, SetupReference } from "../references";
import type { Integer } from "../types";

/**
 * A day of the week, as Incident Manager writes it (ssm-contacts DayOfWeek: `MON` ... `SUN`,
 * botocore 1.43).
 */
export const Weekday = {
  MON: "MON",
  TUE: "TUE",
  WED: "WED",
  THU: "THU",
  FRI: "FRI",
  SAT: "SAT",
  SUN: "SUN",
} as const;
/** A day of the week, as Incident Manager writes it. */
export type Weekday = (typeof Weekday)[keyof typeof Weekday];

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
   * library knows to be fixed lines are rejected. EMAIL: at most 320 characters (ssm-contacts
   * CreateContactChannel DeliveryAddress.SimpleAddress). Kept secret in state unless
   * `plaintextAddresses` is set.
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
  /**
   * Minutes after the member is engaged before this channel is tried, a whole number 0-30. Steps
   * start at 0. The offsets become the plan's stage durations (ssm-contacts Stage
   * DurationInMinutes).
   */
  readonly afterMinutes: Integer;
  /**
   * The channel's `RetryIntervalInMinutes`, a whole number 0-60 (0: no resend): minutes to wait
   * before Incident Manager resends this engagement if sending it failed. It does not page again
   * when nobody acknowledges; add a later step or an escalation stage for that.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ChannelTargetInfo.html
   */
  readonly retryIntervalInMinutes: Integer;
}

/** A member of the team: one PERSONAL contact. */
export interface MemberArgs {
  /**
   * The contact's alias: 1-255 characters of `a-z 0-9 _ -` (ssm-contacts CreateContact Alias: the
   * API has no `.`), unique in the team and, since every contact, escalation plan and on-call
   * schedule shares one alias namespace, in the account and region (the config-driven stack and
   * the pack check that across teams). Create-only: changing it replaces the contact, and its
   * owner must activate every channel again.
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
  readonly channels: ChannelArgs[];
  /**
   * The engagement plan: which channel after how many minutes, and after how many minutes a
   * failed send is retried. `[]` registers no engagement plan, for an adopted contact that has
   * none (such a contact pages nobody when engaged).
   * @default every channel at 0 minutes, VOICE then SMS then EMAIL; a VOICE or SMS engagement that
   *   fails to send is resent after 5 minutes, EMAIL is not resent
   */
  readonly engagement?: EngagementArgs[];
  /**
   * How long the last stage of the engagement plan lasts, a whole number 0-30 of minutes, to
   * describe an adopted plan exactly (a plan written in CloudFormation often has one 1-minute
   * stage). It becomes the last Stage's DurationInMinutes.
   * @default the longest retry interval of the last stage's channels, at most 30
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_Stage.html
   */
  readonly lastStageMinutes?: Integer;
}

/** A local time range of one weekday, `HH:MM` to `HH:MM` (ssm-contacts CoverageTime). */
export interface CoverageTime {
  /** When the covered time starts, local `HH:MM`. */
  readonly start: string;
  /**
   * When it ends, local `HH:MM`, at least 30 minutes after `start`; an `end` at or before `start`
   * runs into the next day (AWS's text does not settle overnight coverage: see the README).
   */
  readonly end: string;
}

/**
 * The local times a rotation covers, one optional field per weekday; it becomes the rotation's
 * `ShiftCoverages` (ssm-contacts RecurrenceSettings). A weekday left out is not covered.
 */
export interface WeeklyCoverage {
  /** Monday's covered times. */
  readonly MON?: CoverageTime[];
  /** Tuesday's covered times. */
  readonly TUE?: CoverageTime[];
  /** Wednesday's covered times. */
  readonly WED?: CoverageTime[];
  /** Thursday's covered times. */
  readonly THU?: CoverageTime[];
  /** Friday's covered times. */
  readonly FRI?: CoverageTime[];
  /** Saturday's covered times. */
  readonly SAT?: CoverageTime[];
  /** Sunday's covered times. */
  readonly SUN?: CoverageTime[];
}

/** A weekly hand-off (ssm-contacts WeeklySetting). */
export interface WeeklySetting {
  /** The day of the week of the hand-off (ssm-contacts WeeklySetting DayOfWeek). */
  readonly dayOfWeek: Weekday;
  /** The local hand-off time, `HH:MM` (WeeklySetting HandOffTime). */
  readonly handOffTime: string;
}

/** A monthly hand-off (ssm-contacts MonthlySetting). */
export interface MonthlySetting {
  /**
   * The day of the month, a whole number 1-31 (ssm-contacts MonthlySetting DayOfMonth). AWS's
   * text does not say what happens in a month without that day; the coverage model uses the
   * month's last day.
   */
  readonly dayOfMonth: Integer;
  /** The local hand-off time, `HH:MM` (MonthlySetting HandOffTime). */
  readonly handOffTime: string;
}

/**
 * How a rotation moves on (ssm-contacts RecurrenceSettings): exactly one of `daily`, `weekly` or
 * `monthly`.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule-create.html
 */
export interface RecurrenceArgs {
  /** Local hand-off times each day, `HH:MM` (RecurrenceSettings DailySettings). */
  readonly daily?: string[];
  /** Hand-offs on days of the week (RecurrenceSettings WeeklySettings). */
  readonly weekly?: WeeklySetting[];
  /** Hand-offs on days of the month (RecurrenceSettings MonthlySettings). */
  readonly monthly?: MonthlySetting[];
  /**
   * A whole number 1-100: a shift lasts this many hand-offs (ssm-contacts RecurrenceSettings
   * RecurrenceMultiplier). AWS's text does not say how it counts with several hand-offs a day,
   * week or month; the coverage model counts hand-offs.
   * @default 1
   */
  readonly recurrenceMultiplier?: Integer;
  /**
   * How many members are on call at once, a whole number at least 1 and at most the rotation's
   * members (ssm-contacts RecurrenceSettings NumberOfOnCalls, min 1). AWS's text does not say
   * which members 2 or more picks; the coverage model takes the next ones, wrapping.
   * @default 1
   */
  readonly numberOfOnCalls?: Integer;
  /**
   * The local times the rotation covers, per weekday (`{ start, end }`, at least 30 minutes; an
   * `end` at or before `start` runs into the next day). A weekday left out is not covered. It
   * becomes RecurrenceSettings ShiftCoverages.
   * @default around the clock
   */
  readonly coverage?: WeeklyCoverage;
}

/**
 * One rotation of the on-call schedule: an AWS::SSMContacts::Rotation, and what the coverage model
 * reads.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule-create.html
 */
export interface RotationArgs {
  /**
   * The rotation's name: 1-255 letters, digits and `_` (AWS::SSMContacts::Rotation Name), unique
   * in the team.
   */
  readonly name: string;
  /**
   * Aliases of team members in shift order, 1-30 (AWS::SSMContacts::Rotation ContactIds, cfn-lint
   * 1.51).
   */
  readonly members: string[];
  /**
   * When the rotation starts: local `yyyy-MM-ddTHH:mm:ss` in `timeZone`, no offset, on a whole
   * minute (AWS::SSMContacts::Rotation StartTime).
   */
  readonly startTime: string;
  /**
   * An IANA time zone id such as `Asia/Tokyo`, not an abbreviation such as JST
   * (AWS::SSMContacts::Rotation TimeZoneId).
   */
  readonly timeZone: string;
  /** When shifts hand off. */
  readonly recurrence: RecurrenceArgs;
}

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
   * is imported with its contact. Needs `setup` with a known `replicationSetArn`.
   * @default `[]`
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ListContacts.html
   */
  readonly contacts?: string[];
  /**
   * Channel ARNs by member alias, then channel name
   * (`arn:<partition>:ssm-contacts:<region>:<account>:contact-channel/<alias>/<id>`); the member's
   * contact must be adopted too.
   * @default `{}`
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ListContactChannels.html
   */
  readonly channels?: Record<string, Record<string, string>>;
  /**
   * Rotation ARNs by rotation name (`arn:<partition>:ssm-contacts:<region>:<account>:rotation/<id>`).
   * @default `{}`
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ListRotations.html
   */
  readonly rotations?: Record<string, string>;
}

/** Arguments of {@link OnCallTeam}. */
export interface OnCallTeamArgs {
  /**
   * The setup to depend on: an `IncidentManagerSetup` (TypeScript: `setup: setup`), or its
   * outputs as a {@link SetupReference}. Contacts, channels and plans are created in its primary
   * region; rotations and the schedule (aws-native) in the stack's `aws-native:region`, which the
   * setup checks is the primary region. Every child depends on the replication set through
   * `replicationSetArn`.
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/replication.html
   */
  readonly setup?: SetupReference;
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
  readonly members: MemberArgs[];
  /**
   * The rotations of the team's on-call schedule, 1-8 (an on-call schedule holds up to eight
   * rotations, per the Incident Manager user guide). Without rotations the team has no
   * ONCALL_SCHEDULE contact (`schedule` and `scheduleTarget` are undefined); its members are
   * still targets.
   * @default none: no on-call schedule
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule.html
   */
  readonly rotations?: RotationArgs[];
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
  readonly tags?: Record<string, string>;
}
