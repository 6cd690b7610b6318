/**
 * References to contacts that one component hands to another: `team.member("taro")` and
 * `team.schedule` from an OnCallTeam are accepted as targets by EscalationChain and as engagements
 * by ResponsePlanWithAlarms. A reference carries what those components need to check and explain
 * the paging (the channel types its engagement plan reaches, who is on call when), not only an ARN.
 */
import * as pulumi from "@pulumi/pulumi";

/** The kinds of contact channel Incident Manager supports. */
export type ChannelType = "EMAIL" | "SMS" | "VOICE";

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
  readonly retryMinutes: number;
}

const REFERENCE = Symbol.for("pulumi-aws-incident-manager.contact-reference");

interface ReferenceBase {
  /** The component that owns the contact (an OnCallTeam's resource name). */
  readonly team: string;
  /** The contact's alias. */
  readonly alias: string;
  readonly displayName: string;
  /** The contact's ARN. */
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
  /** The channel types its engagement plan reaches, in engagement order. */
  readonly channelTypes: readonly ChannelType[];
  /** Its engagement plan, ordered by `afterMinutes`. */
  readonly engagement: readonly EngagementStep[];
}

/** The ONCALL_SCHEDULE contact of an OnCallTeam: whoever is on call in its rotations. */
export interface ScheduleReference extends ReferenceBase {
  readonly kind: "schedule";
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
