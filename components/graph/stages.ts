/**
 * Engagement and escalation plan stages, read the same way from the three places they live: a
 * classic `aws:ssmcontacts/plan:Plan`, an aws-native `Plan`, and an aws-native `Contact`'s inline
 * `plan`. Reading a value still unknown in preview throws the policy SDK's error, as the pack's
 * rules expect; the reach model reads through {@link attempt}.
 */
import { isGraphKind, list, obj } from "./resources";

/** One stage and where it sits, for messages (`stages[1]` or `plan[1]`). */
export interface Stage {
  readonly path: string;
  readonly props: Record<string, unknown>;
}

/** One target of a stage: a contact, or one of the contact's own channels. */
export type Target =
  | {
      readonly kind: "contact";
      readonly path: string;
      readonly contactId: () => unknown;
      readonly isEssential: () => unknown;
    }
  | {
      readonly kind: "channel";
      readonly path: string;
      readonly channelId: () => unknown;
      readonly retryIntervalInMinutes: () => unknown;
    }
  | { readonly kind: "none"; readonly path: string };

/** The stages of a plan or contact resource; empty for any other type. */
export function stagesOf(type: string, props: Record<string, unknown>): Stage[] {
  const key = isGraphKind(type, "contact")
    ? "plan"
    : isGraphKind(type, "plan")
      ? "stages"
      : undefined;
  if (key === undefined) return [];
  return list(props[key]).map((s, i) => ({ path: `${key}[${i}]`, props: obj(s) ?? {} }));
}

/** The targets of a stage. */
export function targetsOf(stage: Stage): Target[] {
  return list(stage.props.targets).map((t, i): Target => {
    const target = obj(t) ?? {};
    const path = `${stage.path}.targets[${i}]`;
    const channel = obj(target.channelTargetInfo);
    if (channel !== undefined) {
      return {
        kind: "channel",
        path: `${path}.channelTargetInfo`,
        // Classic calls it contactChannelId, aws-native channelId.
        channelId: () => ("channelId" in channel ? channel.channelId : channel.contactChannelId),
        retryIntervalInMinutes: () => channel.retryIntervalInMinutes,
      };
    }
    const contact = obj(target.contactTargetInfo);
    if (contact !== undefined) {
      return {
        kind: "contact",
        path: `${path}.contactTargetInfo`,
        contactId: () => contact.contactId,
        isEssential: () => contact.isEssential,
      };
    }
    return { kind: "none", path };
  });
}
