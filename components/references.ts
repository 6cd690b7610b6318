/**
 * References to contacts that one component hands to another: `team.member("taro")` and
 * `team.schedule` from an OnCallTeam are accepted as targets by EscalationChain and as engagements
 * by ResponsePlanWithAlarms. A reference carries what those components need to check and explain
 * the paging (the channel types its engagement plan reaches, who is on call when), not only an ARN.
 */
import * as pulumi from "@pulumi/pulumi";
import { REPLICATION_SET_ARN } from "../aws";

/**
 * The kinds of contact channel Incident Manager supports (ssm-contacts ChannelType:
 * `SMS`, `VOICE`, `EMAIL`).
 */
export const ChannelType = { EMAIL: "EMAIL", SMS: "SMS", VOICE: "VOICE" } as const;
/** The kinds of contact channel Incident Manager supports. */
export type ChannelType = (typeof ChannelType)[keyof typeof ChannelType];

/**
 * The kinds of SSM Contacts contact (ssm-contacts ContactType: `PERSONAL`, `ESCALATION`,
 * `ONCALL_SCHEDULE`).
 */
export const ContactType = {
  PERSONAL: "PERSONAL",
  ESCALATION: "ESCALATION",
  ONCALL_SCHEDULE: "ONCALL_SCHEDULE",
} as const;
/** The kinds of SSM Contacts contact. */
export type ContactType = (typeof ContactType)[keyof typeof ContactType];

/**
 * What a component needs of the Incident Manager setup it builds on: an output bag. An
 * `IncidentManagerSetup` satisfies it (TypeScript: `setup: setup`); from another language, pass
 * the setup's outputs of the same names. Children depend on the replication set through
 * `replicationSetArn`'s dependencies.
 */
export interface SetupReference {
  /**
   * The replication set's ARN, `arn:<partition>:ssm-incidents::<account>:replication-set/<id>`.
   * Components that adopt existing resources derive their import IDs from its account and
   * partition, so it must then be a known string (the ARN itself, not another resource's output).
   */
  readonly replicationSetArn: pulumi.Input<string>;
  /** The replication set's first region, where contacts, plans, rotations and response plans go. */
  readonly primaryRegion: string;
  /**
   * Every region of the replication set, primary first.
   * @default `[primaryRegion]`
   */
  readonly regions?: string[];
  /**
   * The account Incident Manager runs in, for the IAM and KMS policies components write.
   * @default read from the provider's credentials (`aws.getCallerIdentity`)
   */
  readonly accountId?: pulumi.Input<string>;
  /**
   * The account's partition: `aws`, `aws-cn` or `aws-us-gov`.
   * @default read from the provider (`aws.getPartition`)
   */
  readonly partition?: pulumi.Input<string>;
  /**
   * Tags merged under every component's own tags (unless the component sets `inheritTags: false`).
   * @default `{}`
   */
  readonly tags?: Record<string, string>;
  /**
   * The ARN of the setup's PagerDuty credentials secret (`IncidentManagerSetup`'s
   * `pagerDutySecret`): a response plan whose `pagerDuty.secretId` is left out uses it.
   * @default none
   */
  readonly pagerDutySecretArn?: pulumi.Input<string>;
}

/**
 * A contact that an escalation stage or a response plan engages, as data: what crosses the wire
 * between components. `team.member("taro")`, `team.schedule` and an EscalationChain satisfy it;
 * from another language pass a team's `memberTargets["taro"]` or `scheduleTarget`, or a chain's
 * `target`. A contact made elsewhere is `{ arn }`.
 */
export interface ContactTarget {
  /**
   * The contact's ARN: `arn:<partition>:ssm-contacts:<region>:<account>:contact/<alias>`.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_CreateContact.html
   */
  readonly arn: pulumi.Input<string>;
  /**
   * The contact's alias, for timelines and to spot a contact engaged twice.
   * @default read from `arn`
   */
  readonly alias?: string;
  /**
   * The contact's type.
   * @default unknown
   */
  readonly type?: ContactType;
  /**
   * The channel types its engagement reaches: a PERSONAL contact's engagement plan; for an on-call
   * schedule, every type any of its members' plans reaches. With it an escalation checks that its
   * final stage only emails; without it that check cannot run for this target.
   * @default unknown
   */
  readonly channelTypes?: ChannelType[];
}

/**
 * Resource options' `dependsOn` that waits for every resource `inputs` depend on: an Output whose
 * value is no resource, so the SDK adds only the Outputs' own resources (their dependencies cross
 * the wire with them). Plain values contribute nothing.
 */
export function dependsOnOutputs(
  ...inputs: readonly pulumi.Input<unknown>[]
): pulumi.Output<pulumi.Resource[]> | undefined {
  const outputs = inputs.filter((i) => pulumi.Output.isInstance(i));
  if (outputs.length === 0) return undefined;
  return pulumi.all(outputs).apply((): pulumi.Resource[] => []);
}

/**
 * The replication set ARNs known before anything deploys, of setup objects whose
 * `replicationSetArn` property is an Output: an IncidentManagerSetup that adopts an existing
 * replication set registers the ARN it was given here.
 */
const knownArns = new WeakMap<object, string>();

/** Records that `setup`'s replication set ARN is `arn`, known before anything deploys. */
export function recordKnownReplicationSetArn(setup: object, arn: string): void {
  knownArns.set(setup, arn);
}

/**
 * The account and partition named by a setup's `replicationSetArn` when it is a known ARN (an
 * adopted replication set), else undefined: import IDs of adopted children are derived from them.
 */
export function adoptedAccountOf(
  setup: SetupReference | undefined,
): { readonly accountId: string; readonly partition: string } | undefined {
  if (setup === undefined) return undefined;
  const arn =
    typeof setup.replicationSetArn === "string" ? setup.replicationSetArn : knownArns.get(setup);
  if (arn === undefined) return undefined;
  const match = REPLICATION_SET_ARN.exec(arn);
  return match === null ? undefined : { accountId: match[2], partition: match[1] };
}

/** One step of a PERSONAL contact's engagement plan. */
export interface EngagementStep {
  /** The channel's name (unique within its contact). */
  readonly channelName: string;
  readonly type: ChannelType;
  /** The normalized address (E.164 number or email). Personal data: show it masked. */
  readonly address: string;
  /** Minutes after the contact is engaged before this channel is tried (0-30). */
  readonly afterMinutes: number;
  /** Minutes between retries of this channel (0-60). */
  readonly retryIntervalInMinutes: number;
}

const REFERENCE = Symbol.for("pulumi-aws-incident-manager.contact-reference");

interface ReferenceBase {
  /** The component that owns the contact (an OnCallTeam's resource name). */
  readonly team: string;
  /** The contact's alias. */
  readonly alias: string;
  readonly displayName: string;
  /**
   * The contact's ARN. It resolves once the contact is ready to be engaged and carries the
   * resources below as dependencies, so whatever takes it waits for them.
   */
  readonly arn: pulumi.Output<string>;
  /**
   * The resources a component engaging this contact should wait for, so that nothing pages a
   * half-built contact: for a member, its contact, channels and engagement plan; for a schedule,
   * the schedule contact, its rotations and every on-call member's contact, channels and plan.
   */
  readonly dependencies: readonly pulumi.Resource[];
}

/** A PERSONAL contact of an OnCallTeam. */
export interface MemberReference extends ReferenceBase {
  readonly kind: "member";
  readonly type: "PERSONAL";
  /** The channel types its engagement plan reaches, in engagement order. */
  readonly channelTypes: ChannelType[];
  /** Its engagement plan, ordered by `afterMinutes`. */
  readonly engagement: readonly EngagementStep[];
}

/** The ONCALL_SCHEDULE contact of an OnCallTeam: whoever is on call in its rotations. */
export interface ScheduleReference extends ReferenceBase {
  readonly kind: "schedule";
  readonly type: "ONCALL_SCHEDULE";
  /** Every channel type any of its on-call members' engagement plans reaches. */
  readonly channelTypes: ChannelType[];
  /** Every member of its rotations. */
  readonly members: readonly MemberReference[];
  /** The aliases on call at `at` across all rotations (empty in a coverage gap). */
  onCallAt(at: Date): readonly string[];
}

/** A contact from an OnCallTeam. */
export type ContactReference = MemberReference | ScheduleReference;

/** Marks an object as a contact reference (called by OnCallTeam). */
export function brandReference<T extends ContactReference>(reference: T): T {
  Object.defineProperty(reference, REFERENCE, { value: reference.kind, enumerable: false });
  return Object.freeze(reference);
}

/**
 * The reference to a PERSONAL contact: its channel types are the types its engagement plan
 * reaches, in engagement order.
 */
export function memberReference(
  team: string,
  member: {
    readonly alias: string;
    readonly displayName: string;
    readonly engagement: readonly EngagementStep[];
  },
  arn: pulumi.Output<string>,
  dependencies: readonly pulumi.Resource[],
): MemberReference {
  return brandReference<MemberReference>({
    kind: "member",
    type: "PERSONAL",
    team,
    alias: member.alias,
    displayName: member.displayName,
    arn,
    dependencies,
    channelTypes: [...new Set(member.engagement.map((s) => s.type))],
    engagement: member.engagement,
  });
}

/** True for a reference made by an OnCallTeam (of any copy of this package). */
export function isContactReference(value: unknown): value is ContactReference {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[REFERENCE] !== undefined
  );
}
