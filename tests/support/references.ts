/**
 * Contact references built by hand, the way an OnCallTeam builds them, so that components which
 * engage a team can be tested on their own.
 */
import * as pulumi from "@pulumi/pulumi";
import {
  brandReference,
  ChannelType,
  EngagementStep,
  MemberReference,
  ScheduleReference,
} from "../../components/references";

/** The ARN the mocks give a contact with this alias in the primary region. */
export const contactArn = (alias: string) =>
  `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/${alias}`;

/** One engagement step: `[type, address, afterMinutes?, retryIntervalInMinutes?]`. */
export type Step = [ChannelType, string, number?, number?];

/** A PERSONAL contact of team `team` whose engagement plan follows `steps`. */
export function member(
  alias: string,
  steps: readonly Step[],
  options: { team?: string; dependencies?: pulumi.Resource[]; arn?: pulumi.Output<string> } = {},
): MemberReference {
  const engagement: EngagementStep[] = steps.map(([type, address, after, retry], i) => ({
    channelName: `${alias}-${type.toLowerCase()}-${i}`,
    type,
    address,
    afterMinutes: after ?? 0,
    retryIntervalInMinutes: retry ?? 0,
  }));
  return brandReference<MemberReference>({
    kind: "member",
    type: "PERSONAL",
    team: options.team ?? "sre",
    alias,
    displayName: alias,
    arn: options.arn ?? pulumi.output(contactArn(alias)),
    dependencies: options.dependencies ?? [],
    channelTypes: engagement.map((step) => step.type),
    engagement,
  });
}

/** The ONCALL_SCHEDULE contact of team `team`: `onCall` says who is on call when. */
export function schedule(
  alias: string,
  members: readonly MemberReference[],
  onCall: (at: Date) => readonly string[],
  options: { team?: string; dependencies?: pulumi.Resource[] } = {},
): ScheduleReference {
  return brandReference<ScheduleReference>({
    kind: "schedule",
    type: "ONCALL_SCHEDULE",
    channelTypes: [...new Set(members.flatMap((m) => m.channelTypes))],
    team: options.team ?? "sre",
    alias,
    displayName: alias,
    arn: pulumi.output(contactArn(alias)),
    dependencies: options.dependencies ?? [],
    members,
    onCallAt: onCall,
  });
}
