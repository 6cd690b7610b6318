/**
 * Step 2 of OnCallTeam: `resolveOnCallTeam` turns the parsed data into what the component builds
 * (channels, engagement steps, the schedule, merged tags) and runs the rules that need more than
 * the data: the component's name (the schedule's default alias, child names) and the setup (its
 * tags, adoption's account). Pure: nothing registers. `prepareOnCallTeam` runs both steps, once
 * each, without throwing, for the constructor and the config-driven stack.
 */
import * as pulumi from "@pulumi/pulumi";
import { preparedSpecs, type Prepared } from "../prepared";
import { CONTACT_ALIAS, setupAdoptionIssue } from "../common";
import type { EngagementStep, SetupReference } from "../references";
import { ChannelType } from "../references";
import { mergedTagsIssues, type Tags } from "../tags";
import {
  describeValue,
  validateArgs,
  ValidationError,
  type ValidationContext,
  type ValidationIssue,
} from "../validation";
import type { OnCallTeamArgs, RotationArgs } from "./args";
import { childNameIssues, defaultScheduleAlias, defaultScheduleDisplayName } from "./names";
import { CHANNEL_TYPES, findChannel, onCallTeamSchema, type OnCallTeamData } from "./schema";

/** The component's class name, as errors name it. */
export const COMPONENT = "OnCallTeam";

/** How an address still unknown (an Output) is shown until it resolves. */
export const SECRET_ADDRESS = "[secret]";

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

/** One channel after resolution: the address normalized, the name defaulted. */
export interface ChannelSpec {
  readonly type: ChannelType;
  readonly name: string;
  /** The normalized address, or {@link SECRET_ADDRESS} while it is an Output. */
  readonly address: string;
  /** The address as given, when it is an Output: checked and normalized when it resolves. */
  readonly pendingAddress?: pulumi.Output<string>;
}

/** One member as the component builds it. */
export interface MemberSpec {
  readonly alias: string;
  readonly displayName: string;
  readonly channels: readonly ChannelSpec[];
  /** The engagement plan's steps, ordered by `afterMinutes` (empty: no plan). */
  readonly engagement: readonly EngagementStep[];
  readonly lastStageMinutes?: number;
}

/** The ONCALL_SCHEDULE contact as the team makes it. */
export interface ScheduleDefinition {
  readonly alias: string;
  readonly displayName: string;
  /** The aliases of the members its rotations put on call, once each, in rotation order. */
  readonly onCall: string[];
}

/** Everything an OnCallTeam builds, resolved: the result of {@link prepareOnCallTeam}. */
export interface OnCallTeamSpec {
  /** The component's name the spec was prepared for. */
  readonly name: string;
  readonly setup?: SetupReference;
  readonly defaultCountry?: string;
  readonly members: readonly MemberSpec[];
  /** The rotations with their defaults applied (`recurrenceMultiplier`, `numberOfOnCalls`). */
  readonly rotations: readonly RotationArgs[];
  /** Undefined for a team without rotations. */
  readonly schedule: ScheduleDefinition | undefined;
  readonly adopt: OnCallTeamData["adopt"];
  /** The tags every child carries: the setup's (unless `inheritTags: false`) under the team's. */
  readonly tags: Tags;
  readonly plaintextAddresses: boolean;
}

/** The result of a step that reports instead of throwing. */
export type { Prepared } from "../prepared";

/** How {@link prepareOnCallTeam} treats what it is not given. */
export interface PrepareOptions {
  /**
   * The setup is passed when the team is built, not now (the config-driven stack checks its one
   * setup for every entry): adoption's need for `setup.replicationSetArn` is not checked here.
   * @default false
   */
  readonly setupGivenLater?: boolean;
}

/** Step 1: the data schema over `args`; its issues, or the parsed data. */
export function parseOnCallTeamArgs(
  name: string,
  args: unknown,
): { ok: true; data: OnCallTeamData } | { ok: false; issues: readonly ValidationIssue[] } {
  try {
    return { ok: true, data: validateArgs(onCallTeamSchema, args, { component: COMPONENT, name }) };
  } catch (err) {
    if (ValidationError.isValidationError(err)) return { ok: false, issues: err.issues };
    throw err;
  }
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

/** The members as built: channels with their addresses (or pending), engagement steps. */
function membersOf(data: OnCallTeamData): MemberSpec[] {
  return data.members.map((member) => {
    const channels: ChannelSpec[] = member.channels.map((channel) =>
      typeof channel.address === "string"
        ? { type: channel.type, name: channel.name, address: channel.address }
        : {
            type: channel.type,
            name: channel.name,
            address: SECRET_ADDRESS,
            pendingAddress: pulumi.output(channel.address),
          },
    );
    const engagement =
      member.engagement === undefined
        ? defaultEngagement(channels)
        : member.engagement
            .map((step): EngagementStep => {
              // The data schema checked that every step names one channel.
              const found = findChannel(channels, step.channel) as ChannelSpec;
              return {
                channelName: found.name,
                type: found.type,
                address: found.address,
                afterMinutes: step.afterMinutes,
                retryIntervalInMinutes: step.retryIntervalInMinutes,
              };
            })
            .sort((a, b) => a.afterMinutes - b.afterMinutes);
    return {
      alias: member.alias,
      displayName: member.displayName,
      channels,
      engagement,
      lastStageMinutes: member.lastStageMinutes,
    };
  });
}

/**
 * The rules on the schedule's alias that need the component's name (its default alias is
 * `<name>-oncall`): it must be a contact alias and no member's alias, and every alias in
 * `adopt.contacts` must name a member or the schedule.
 */
function scheduleAliasIssues(
  name: string,
  data: OnCallTeamData,
  schedule: ScheduleDefinition | undefined,
): ValidationIssue[] {
  const known = [...data.members.map((m) => m.alias), ...(schedule ? [schedule.alias] : [])];
  const issues: ValidationIssue[] = data.adopt.contacts.flatMap((alias, i) =>
    known.includes(alias)
      ? []
      : [
          {
            path: ["adopt", "contacts", i],
            message: `names no contact of this team; got ${describeValue(alias)}. Use a member's alias${schedule ? " or the schedule's alias" : ""} (${known.join(", ")}).`,
          },
        ],
  );
  // A given alias is checked by the data schema; a team without rotations has no schedule.
  if (data.schedule.alias !== undefined || schedule === undefined) return issues;
  const alias = defaultScheduleAlias(name);
  const path = ["schedule", "alias"];
  if (!CONTACT_ALIAS.test(alias)) {
    issues.push({
      path,
      message: `defaults to ${describeValue(alias)}, which is not a contact alias. Set \`schedule.alias\`.`,
    });
  } else if (data.members.some((m) => m.alias === alias)) {
    issues.push({
      path,
      message: `defaults to ${describeValue(alias)}, which is also a member's alias. Set \`schedule.alias\` to another alias.`,
    });
  }
  return issues;
}

/**
 * Step 2: what a team named `name` builds from its parsed data, or the rules it breaks that need
 * the name or the setup (the schedule's default alias, adopted aliases, child names, tags merged
 * with the setup's, adoption's account). Pure: registers nothing and throws nothing.
 */
export function resolveOnCallTeam(
  name: string,
  data: OnCallTeamData,
  options: PrepareOptions = {},
): Prepared<OnCallTeamSpec> {
  const schedule: ScheduleDefinition | undefined =
    data.rotations.length === 0
      ? undefined // No rotations: no on-call schedule.
      : {
          alias: data.schedule.alias ?? defaultScheduleAlias(name),
          displayName: data.schedule.displayName ?? defaultScheduleDisplayName(name),
          onCall: [...new Set(data.rotations.flatMap((r) => r.members))],
        };
  const setupTags = data.inheritTags ? data.setup?.tags : undefined;
  const adoption = setupAdoptionIssue(
    data.adopt.contacts.length > 0 && options.setupGivenLater !== true,
    data.setup,
    ["adopt", "contacts"],
    "the contacts' import IDs are",
  );
  const issues = [
    ...scheduleAliasIssues(name, data, schedule),
    ...childNameIssues(name, data),
    ...mergedTagsIssues(setupTags, data.tags),
    ...(adoption === undefined ? [] : [adoption]),
  ];
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    spec: {
      name,
      setup: data.setup,
      defaultCountry: data.defaultCountry,
      members: membersOf(data),
      rotations: data.rotations,
      schedule,
      adopt: data.adopt,
      tags: { ...(setupTags ?? {}), ...data.tags },
      plaintextAddresses: data.plaintextAddresses,
    },
  };
}

/**
 * Both steps over `args`, once each, without throwing: the spec to build, or every issue. When the
 * data schema fails, an adoption that cannot derive its import IDs from `setup` is reported with
 * its issues, so one error lists everything.
 */
export function prepareOnCallTeam(
  name: string,
  args: OnCallTeamArgs,
  options: PrepareOptions = {},
): Prepared<OnCallTeamSpec> {
  const parsed = parseOnCallTeamArgs(name, args);
  if (parsed.ok) return resolveOnCallTeam(name, parsed.data, options);
  if (options.setupGivenLater === true) return parsed;
  const raw = args as { adopt?: { contacts?: unknown }; setup?: unknown } | undefined;
  const adoption = setupAdoptionIssue(
    Array.isArray(raw?.adopt?.contacts) && raw.adopt.contacts.length > 0,
    raw?.setup,
    ["adopt", "contacts"],
    "the contacts' import IDs are",
  );
  return { ok: false, issues: [...parsed.issues, ...(adoption === undefined ? [] : [adoption])] };
}

/** Specs prepared earlier, by the args object they were prepared from. */
const prepared = preparedSpecs<OnCallTeamArgs, OnCallTeamSpec>(
  COMPONENT,
  (name, args) => prepareOnCallTeam(name, args),
  (spec) => spec.name,
);

/**
 * Hands the constructor a spec `prepareOnCallTeam(spec.name, args)` returned, so that
 * `new OnCallTeam(spec.name, args)` builds it without validating `args` again (the config-driven
 * stack prepares every entry first to report every issue at once). The args object must not
 * change in between.
 */
export function usePrepared(args: OnCallTeamArgs, spec: OnCallTeamSpec): void {
  prepared.use(args, spec);
}

/** The spec for `args` of a team named `context.name`: prepared earlier, or prepared now; throws issues. */
export function specFor(context: ValidationContext, args: OnCallTeamArgs): OnCallTeamSpec {
  return prepared.specFor(context.name, args);
}

/**
 * The ONCALL_SCHEDULE contact a resolved team makes: its alias, display name and on-call members.
 * Undefined for a team without rotations.
 */
export function scheduleOf(spec: Pick<OnCallTeamSpec, "schedule">): ScheduleDefinition | undefined {
  return spec.schedule;
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
