/**
 * The links stack rules follow: a plan to its contact, a stage target to a contact or channel, a
 * channel to its contact, an on-call schedule to its rotations and their members. References are
 * matched by value (the ARN or id), or during preview through `propertyDependencies`.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import {
  isKind,
  isNative,
  itemReaders,
  label,
  list,
  memoPerStack,
  obj,
  resolveReference,
  resourcesOf,
  str,
} from "./common";
import { Stage, stagesOf, targetsOf } from "./plans/stages";

export function propsOf(resource: PolicyResource): Record<string, unknown> {
  return obj(resource.props) ?? {};
}

/** A contact's type: PERSONAL, ESCALATION or ONCALL_SCHEDULE (same field in both flavours). */
export function contactType(contact: PolicyResource): string | undefined {
  return str(propsOf(contact).type);
}

/** The contacts of one type (PERSONAL, ESCALATION, ONCALL_SCHEDULE) in a stack, both flavours. */
export function contactsOfType(args: StackValidationArgs, type: string): PolicyResource[] {
  return resourcesOf(args, "contact").filter((c) => contactType(c) === type);
}

/** The contact a plan or channel belongs to (its `contactId`), if it is in the stack. */
export function ownerOf(
  args: StackValidationArgs,
  resource: PolicyResource,
): PolicyResource | undefined {
  return resolveReference(
    args,
    resource,
    "contactId",
    () => propsOf(resource).contactId,
    "contact",
  );
}

/** The resources of `kind` grouped by the contact they belong to, in stack order. */
function byOwner(
  args: StackValidationArgs,
  kind: "plan" | "contactChannel",
  contact: PolicyResource,
): PolicyResource[] {
  const owners = memoPerStack(args, `owners ${kind}`, () => {
    const grouped = new Map<PolicyResource | undefined, PolicyResource[]>();
    for (const r of resourcesOf(args, kind)) {
      const owner = ownerOf(args, r);
      const group = grouped.get(owner);
      if (group === undefined) grouped.set(owner, [r]);
      else group.push(r);
    }
    return grouped;
  });
  return [...(owners.get(contact) ?? [])];
}

/** The Plan resources that belong to `contact`. */
export function planResourcesOf(
  args: StackValidationArgs,
  contact: PolicyResource,
): PolicyResource[] {
  return byOwner(args, "plan", contact);
}

/** Every stage of a contact: its aws-native inline `plan`, then the stages of its Plan resources. */
export function contactStages(
  args: StackValidationArgs,
  contact: PolicyResource,
): { owner: PolicyResource; stage: Stage }[] {
  const inline = stagesOf(contact.type, propsOf(contact)).map((stage) => ({
    owner: contact,
    stage,
  }));
  const separate = planResourcesOf(args, contact).flatMap((plan) =>
    stagesOf(plan.type, propsOf(plan)).map((stage) => ({ owner: plan, stage })),
  );
  return [...inline, ...separate];
}

/** The channels whose `contactId` is `contact`. */
export function channelsOf(args: StackValidationArgs, contact: PolicyResource): PolicyResource[] {
  return byOwner(args, "contactChannel", contact);
}

/** A channel's type: classic `type`, aws-native `channelType`. */
export function channelType(channel: PolicyResource): string | undefined {
  const props = propsOf(channel);
  return str(isNative(channel.type) ? props.channelType : props.type);
}

/** The property that holds the stages of `owner` (for propertyDependencies). */
function stagesProperty(owner: PolicyResource): string {
  return isKind(owner.type, "contact") ? "plan" : "stages";
}

/** The channel a channel target points at, if it is in the stack. */
export function targetChannel(
  args: StackValidationArgs,
  owner: PolicyResource,
  read: () => unknown,
): PolicyResource | undefined {
  return resolveReference(args, owner, stagesProperty(owner), read, "contactChannel");
}

/** The contact a contact target points at, if it is in the stack. */
export function targetContact(
  args: StackValidationArgs,
  owner: PolicyResource,
  read: () => unknown,
): PolicyResource | undefined {
  return resolveReference(args, owner, stagesProperty(owner), read, "contact");
}

/** A rotation id an on-call schedule lists, and the resource and property it is listed in. */
export interface RotationRef {
  readonly owner: PolicyResource;
  readonly property: string;
  readonly id: unknown;
}

/**
 * The rotation ids an on-call schedule lists: inline (aws-native `plan[].rotationIds`, or a classic
 * contact's `rotationIds`, which Terraform's newest contact has and `@pulumi/aws` 7.48 does not
 * yet), or in its Plan resources.
 */
export function rotationIdsOf(args: StackValidationArgs, contact: PolicyResource): RotationRef[] {
  const props = propsOf(contact);
  const inline = isNative(contact.type)
    ? list(props.plan).flatMap((s) =>
        list(obj(s)?.rotationIds).map((id) => ({ owner: contact, property: "plan", id })),
      )
    : list(props.rotationIds).map((id) => ({ owner: contact, property: "rotationIds", id }));
  const separate = planResourcesOf(args, contact).flatMap((p) =>
    list(propsOf(p).rotationIds).map((id) => ({ owner: p, property: "rotationIds", id })),
  );
  return [...inline, ...separate];
}

/** What a target reaches: the channel types, and what could not be seen. */
export interface Reach {
  readonly types: Set<string>;
  readonly unseen: string[];
}

/**
 * The channel types a contact is reached by: a PERSONAL contact through the channels its
 * engagement plan targets; an on-call schedule through its rotations' members; an escalation
 * through its final stage.
 */
export function reachOfContact(
  args: StackValidationArgs,
  contact: PolicyResource,
  seen: Set<PolicyResource> = new Set(),
): Reach {
  const reach: Reach = { types: new Set(), unseen: [] };
  if (seen.has(contact)) return reach;
  seen.add(contact);
  const type = contactType(contact);
  if (type === "ONCALL_SCHEDULE") {
    const rotations = rotationIdsOf(args, contact).map((ref) =>
      resolveReference(args, ref.owner, ref.property, () => ref.id, "rotation"),
    );
    if (rotations.length === 0) reach.unseen.push(`${label(contact)} lists no rotations`);
    for (const rotation of rotations) {
      if (rotation === undefined) {
        reach.unseen.push(`a rotation of ${label(contact)} is not in this stack`);
        continue;
      }
      for (const id of list(propsOf(rotation).contactIds)) {
        const member = resolveReference(args, rotation, "contactIds", () => id, "contact");
        if (member === undefined)
          reach.unseen.push(`a member of ${label(rotation)} is not in this stack`);
        else merge(reach, reachOfContact(args, member, seen));
      }
    }
    return reach;
  }
  const stages = contactStages(args, contact);
  if (stages.length === 0) {
    // With channels but no engagement plan, a contact reaches nobody: it is never paged
    // (require-engaged-contact-plans says so, once).
    if (type === "PERSONAL" && channelsOf(args, contact).length > 0) return reach;
    reach.unseen.push(`${label(contact)} has no engagement plan, so its channels cannot be seen`);
    return reach;
  }
  const chosen = type === "ESCALATION" ? [stages[stages.length - 1]] : stages;
  for (const { owner, stage } of chosen) merge(reach, reachOfStage(args, owner, stage, seen));
  return reach;
}

/** The channel types the targets of one stage reach. */
export function reachOfStage(
  args: StackValidationArgs,
  owner: PolicyResource,
  stage: Stage,
  seen: Set<PolicyResource> = new Set(),
): Reach {
  const reach: Reach = { types: new Set(), unseen: [] };
  for (const target of targetsOf(stage)) {
    if (target.kind === "channel") {
      const channel = targetChannel(args, owner, target.channelId);
      const type = channel === undefined ? undefined : channelType(channel);
      if (type === undefined)
        reach.unseen.push(`the channel of \`${target.path}\` is not in this stack`);
      else reach.types.add(type);
    } else if (target.kind === "contact") {
      const contact = targetContact(args, owner, target.contactId);
      if (contact === undefined)
        reach.unseen.push(`the contact of \`${target.path}\` is not in this stack`);
      else merge(reach, reachOfContact(args, contact, seen));
    }
  }
  return reach;
}

function merge(into: Reach, from: Reach): void {
  for (const t of from.types) into.types.add(t);
  into.unseen.push(...from.unseen);
}

/** What engages a contact: a response plan, an escalation plan's stage, or a rotation. */
export interface Engager {
  readonly kind: "responsePlan" | "escalation" | "rotation";
  /** For messages: `ResponsePlan 'sev1' (\`engagements[0]\`)`. */
  readonly what: string;
}

/**
 * Who engages `contact` in this stack: a response plan's `engagements`, a contact target of an
 * escalation plan's stage, a rotation's `contactIds`. Throws the SDK's unknown-value error when a
 * reference is unknown during preview and cannot be followed.
 */
export function engagersOf(args: StackValidationArgs, contact: PolicyResource): Engager[] {
  const all = memoPerStack(args, "engagers", () => {
    const found = new Map<PolicyResource, Engager[]>();
    const add = (c: PolicyResource | undefined, engager: Engager) => {
      if (c === undefined) return;
      const known = found.get(c);
      if (known === undefined) found.set(c, [engager]);
      else known.push(engager);
    };
    for (const plan of resourcesOf(args, "responsePlan")) {
      itemReaders(propsOf(plan).engagements).forEach((read, i) => {
        const c = resolveReference(args, plan, "engagements", read, "contact");
        add(c, { kind: "responsePlan", what: `${label(plan)} (\`engagements[${i}]\`)` });
      });
    }
    for (const escalation of contactsOfType(args, "ESCALATION")) {
      for (const { owner, stage } of contactStages(args, escalation)) {
        for (const target of targetsOf(stage)) {
          if (target.kind !== "contact") continue;
          const c = targetContact(args, owner, target.contactId);
          add(c, { kind: "escalation", what: `${label(escalation)} (\`${target.path}\`)` });
        }
      }
    }
    for (const rotation of resourcesOf(args, "rotation")) {
      itemReaders(propsOf(rotation).contactIds).forEach((read, i) => {
        const c = resolveReference(args, rotation, "contactIds", read, "contact");
        add(c, { kind: "rotation", what: `${label(rotation)} (\`contactIds[${i}]\`)` });
      });
    }
    return found;
  });
  return [...(all.get(contact) ?? [])];
}
