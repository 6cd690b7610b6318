/**
 * The OnCallTeam component: registers what {@link prepareOnCallTeam} resolved. Its public
 * properties are data (published in the package schema); the TypeScript references, coverage and
 * rotations are methods and getters, and its private state is in a module WeakMap.
 */
import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "../common";
import {
  coverage,
  type CoverageReport,
  type CoverageWindow,
  onCallAt,
  type RotationDefinition,
  WEEKDAYS,
} from "../coverage";
import {
  adoptedAccountOf,
  brandReference,
  ChannelType,
  type ContactTarget,
  type MemberReference,
  memberReference,
  type ScheduleReference,
} from "../references";
import { toNativeTags } from "../tags";
import {
  describeValue,
  type FieldPath,
  ValidationError,
  type ValidationContext,
} from "../validation";
import type { OnCallTeamArgs } from "./args";
import {
  COMPONENT,
  engagementStages,
  SECRET_ADDRESS,
  specFor,
  type OnCallTeamSpec,
} from "./resolution";
import { maskMessage } from "./rules";
import { normalizeAddress } from "./schema";

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

/** What a team keeps for its TypeScript surface: not properties, so not in the schema. */
interface TeamState {
  readonly name: string;
  readonly members: ReadonlyMap<string, MemberReference>;
  readonly schedule: ScheduleReference | undefined;
  readonly rotations: readonly RotationDefinition[];
}

const states = new WeakMap<OnCallTeam, TeamState>();

function stateOf(team: OnCallTeam): TeamState {
  return states.get(team)!;
}

/** An Output of `value` that also waits for every Output in `waitFor`. */
function waitingFor(value: pulumi.Output<string>, waitFor: pulumi.Output<unknown>[]) {
  return pulumi.all([value, ...waitFor]).apply(([v]) => v as string);
}

/**
 * An on-call team in Incident Manager: a PERSONAL contact per member with its EMAIL, SMS and
 * VOICE channels and an engagement plan, the team's rotations, and the ONCALL_SCHEDULE contact
 * that holds them. `member(alias)` and `schedule` are references EscalationChain and
 * ResponsePlanWithAlarms accept (from other languages: `memberTargets` and `scheduleTarget`);
 * `coverage()` shows who is on call when, and every gap.
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
   * Each member's PERSONAL contact as a target for EscalationChain stages and
   * ResponsePlanWithAlarms engagements, by alias: `{ arn, alias, type: "PERSONAL", channelTypes }`
   * (the channel types its engagement plan reaches, in engagement order). Its `arn` resolves once
   * the contact, its channels and its engagement plan exist, so whatever engages it waits for them.
   */
  public readonly memberTargets: pulumi.Output<Record<string, ContactTarget>>;
  /**
   * The ONCALL_SCHEDULE contact as a target: `{ arn, alias, type: "ONCALL_SCHEDULE", channelTypes }`
   * (every type any on-call member's plan reaches); undefined for a team without rotations. Its
   * `arn` resolves once the schedule, its rotations and every on-call member's contact, channels
   * and plan exist.
   */
  public readonly scheduleTarget: pulumi.Output<ContactTarget | undefined>;

  constructor(name: string, args: OnCallTeamArgs, opts?: pulumi.ComponentResourceOptions) {
    const context: ValidationContext = { component: COMPONENT, name };
    const spec: OnCallTeamSpec = specFor(context, args);
    super("incident-manager:index:OnCallTeam", name, {}, opts);

    const { setup, adopt, tags, schedule: scheduleDefinition } = spec;
    const region = setup === undefined ? {} : { region: setup.primaryRegion };
    const classicTags = Object.keys(tags).length === 0 ? {} : { tags: { ...tags } };
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
      const parts = [contact, ...channels.values(), ...(plan === undefined ? [] : [plan])];
      // Nothing pages a half-built contact: the reference's ARN resolves once the contact, its
      // channels and its engagement plan exist, and carries them as dependencies.
      const arn = waitingFor(contact.arn, [
        ...[...channels.values()].map((c) => c.arn),
        ...(plan === undefined ? [] : [plan.urn]),
      ]);
      references.set(member.alias, memberReference(name, member, arn, parts));
    });

    const rotationDefinitions: RotationDefinition[] = spec.rotations.map((r) => ({
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
      const coverageDays = WEEKDAYS.filter((d) => recurrence.coverage?.[d] !== undefined);
      return new awsnative.ssmcontacts.Rotation(
        `${name}-${r.name}`,
        {
          name: r.name,
          contactIds: r.members.map((alias) => contactArns[alias]),
          startTime: r.startTime,
          timeZoneId: r.timeZone,
          recurrence: {
            numberOfOnCalls: recurrence.numberOfOnCalls ?? 1,
            recurrenceMultiplier: recurrence.recurrenceMultiplier ?? 1,
            dailySettings: recurrence.daily,
            weeklySettings: recurrence.weekly?.map((w) => ({
              dayOfWeek: w.dayOfWeek as awsnative.types.enums.ssmcontacts.RotationDayOfWeek,
              handOffTime: w.handOffTime,
            })),
            monthlySettings: recurrence.monthly?.map((m) => ({
              dayOfMonth: m.dayOfMonth,
              handOffTime: m.handOffTime,
            })),
            shiftCoverages:
              recurrence.coverage === undefined
                ? undefined
                : coverageDays.map((d) => ({
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
    this.memberTargets = pulumi.output(
      Object.fromEntries(
        [...references].map(([alias, ref]): [string, ContactTarget] => [
          alias,
          { arn: ref.arn, alias, type: "PERSONAL", channelTypes: [...ref.channelTypes] },
        ]),
      ),
    ) as pulumi.Output<Record<string, ContactTarget>>;

    let scheduleReference: ScheduleReference | undefined;
    if (scheduleDefinition === undefined) {
      // No rotations: no ONCALL_SCHEDULE contact. The members are still targets.
      this.scheduleArn = undefined;
      this.scheduleTarget = pulumi.output(undefined);
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
      const members = scheduleDefinition.onCall.map((alias) => references.get(alias)!);
      const channelTypes = [...new Set(members.flatMap((m) => m.channelTypes))];
      // Nothing pages a half-built schedule: an escalation plan or response plan engaging it
      // waits for it, its rotations, and every on-call member's contact, channels and plan.
      const arn = waitingFor(schedule.arn, [
        ...rotations.map((r) => r.arn),
        ...members.map((m) => m.arn),
      ]);
      scheduleReference = brandReference<ScheduleReference>({
        kind: "schedule",
        type: "ONCALL_SCHEDULE",
        team: name,
        alias: scheduleDefinition.alias,
        displayName: scheduleDefinition.displayName,
        arn,
        channelTypes,
        dependencies: [schedule, ...rotations, ...members.flatMap((m) => m.dependencies)],
        members,
        onCallAt: (at: Date) => onCallAt(rotationDefinitions, at),
      });
      this.scheduleTarget = pulumi.output<ContactTarget | undefined>({
        arn,
        alias: scheduleDefinition.alias,
        type: "ONCALL_SCHEDULE",
        channelTypes,
      }) as pulumi.Output<ContactTarget | undefined>;
    }
    states.set(this, {
      name,
      members: references,
      schedule: scheduleReference,
      rotations: rotationDefinitions,
    });

    this.registerOutputs({
      contacts: this.contacts,
      channels: this.channels,
      rotations: this.rotations,
      scheduleArn: this.scheduleArn,
      memberTargets: this.memberTargets,
      scheduleTarget: this.scheduleTarget,
    });
  }

  /**
   * The ONCALL_SCHEDULE contact, as a target for EscalationChain and ResponsePlanWithAlarms;
   * undefined for a team without rotations.
   */
  public get schedule(): ScheduleReference | undefined {
    return stateOf(this).schedule;
  }

  /** The rotations as the coverage model reads them (see {@link coverage}). */
  public get rotationDefinitions(): readonly RotationDefinition[] {
    return stateOf(this).rotations;
  }

  /** The reference to a member's PERSONAL contact. Throws for an alias not in the team. */
  public member(alias: string): MemberReference {
    const { name, members } = stateOf(this);
    const found = members.get(alias);
    if (found === undefined) {
      throw new Error(
        `${COMPONENT} '${name}' has no member ${JSON.stringify(alias)}; its members are ${[...members.keys()].join(", ")}.`,
      );
    }
    return found;
  }

  /** Who is on call in each interval of `window`, and every gap (see {@link coverage}). */
  public coverage(window: CoverageWindow): CoverageReport {
    return coverage(stateOf(this).rotations, window);
  }

  /** The aliases on call at `at` across all rotations (empty in a gap or without rotations). */
  public onCallAt(at: Date): string[] {
    return onCallAt(stateOf(this).rotations, at);
  }
}
