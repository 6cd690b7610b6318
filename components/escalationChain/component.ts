/**
 * The EscalationChain class: registers what its resolved spec describes. Its public properties
 * are the package schema's outputs, and make it a ContactTarget another component can engage.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkContactArn, childOptions } from "../common";
import { ContactType, type ContactTarget } from "../references";
import { buildTimeline, type TimelineEntry, type TimelineStage } from "../timeline";
import { checkWhenKnown, formatPath, ValidationError, type ValidationContext } from "../validation";
import type { EscalationChainArgs } from "./args";
import { checkResolvedTarget, specFor, type EscalationChainSpec } from "./resolution";
import { COMPONENT, targetKey } from "./schema";

/** What an EscalationChain keeps for its TypeScript surface, out of the schema. */
interface ChainState {
  readonly contact: aws.ssmcontacts.Contact;
  readonly plan: aws.ssmcontacts.Plan;
  readonly timelineStages: readonly TimelineStage[];
}

const states = new WeakMap<EscalationChain, ChainState>();

/**
 * An escalation plan: an ESCALATION contact and its plan of ordered stages, each engaging contacts
 * or on-call schedules for a number of minutes before the next stage starts. An acknowledgement by
 * an essential target stops the plan.
 *
 * A response plan (ResponsePlanWithAlarms) engages the chain itself (it is a ContactTarget), and
 * the chain prints its own paging timeline without any cloud call ({@link EscalationChain.timeline}).
 */
export class EscalationChain extends pulumi.ComponentResource {
  /**
   * The ESCALATION contact's ARN: what a response plan engages. Its Output carries the
   * dependencies on the contact and its plan, so whatever engages it waits for both.
   */
  public readonly arn: pulumi.Output<string>;
  /** The ESCALATION contact's alias. */
  public readonly alias: string;
  /** The contact's type: always `ESCALATION`. */
  public readonly type: ContactType;
  /**
   * The chain as a contact target `{ arn, alias, type }`, for another component's engagements or
   * stage targets (from any language).
   */
  public readonly target: pulumi.Output<ContactTarget>;

  constructor(name: string, args: EscalationChainArgs, opts?: pulumi.ComponentResourceOptions) {
    const context: ValidationContext = { component: COMPONENT, name };
    const spec: EscalationChainSpec = specFor(name, args);
    super("incident-manager:index:EscalationChain", name, {}, opts);

    const { setup } = spec;
    this.alias = spec.alias;
    this.type = ContactType.ESCALATION;
    if (spec.interruptions.length > 0) {
      const list = spec.interruptions
        .map((i) => `${i.reach} (\`${formatPath(i.path)}\`)`)
        .join("; ");
      pulumi.log.warn(
        `${COMPONENT} '${name}': the final stage reaches ${list}; a late-night call or SMS as the last resort wakes people who are not responsible.`,
        this,
      );
    }
    const last = spec.stages.length - 1;
    if (!spec.allowInterruptiveFinalStage && spec.unchecked.length > 0) {
      const list = spec.unchecked.map((u) => `${u.what} (\`${formatPath(u.path)}\`)`).join(", ");
      pulumi.log.warn(
        `${COMPONENT} '${name}': the final stage engages ${list} without \`channelTypes\`, so it cannot be checked to reach its targets by EMAIL only. Pass the OnCallTeam's target, or give \`channelTypes\`.`,
        this,
      );
    }

    // Classic @pulumi/aws for both: its Contact and Plan take a `region` input, so the escalation
    // plan lands in the setup's primary region whatever the provider's region is. (aws-native's
    // Contact takes the stages inline, but only in the stack's aws-native region.)
    const region = setup === undefined ? {} : { region: setup.primaryRegion };
    const tags = spec.mergedTags;
    // The contact's import ID, and its plan's (@pulumi/aws imports a plan by its contact's ARN).
    const adopted: pulumi.CustomResourceOptions =
      spec.importId === undefined ? {} : { import: spec.importId };
    const contact = new aws.ssmcontacts.Contact(
      `${name}-contact`,
      {
        alias: spec.alias,
        displayName: spec.displayName,
        type: "ESCALATION",
        ...region,
        ...(Object.keys(tags).length > 0 ? { tags } : {}),
      },
      childOptions(this, setup, adopted),
    );

    // A target from an OnCallTeam names the resources to wait for; the rest ride on the ARN.
    const targetDependencies = [
      ...new Set(
        spec.stages.flatMap((s) =>
          s.targets.flatMap(({ target }) =>
            target.kind === "known" ? (target.reference?.dependencies ?? []) : [],
          ),
        ),
      ),
    ];
    const plan = new aws.ssmcontacts.Plan(
      `${name}-plan`,
      {
        contactId: contact.arn,
        ...region,
        stages: spec.stages.map((stage, i) => ({
          durationInMinutes: stage.durationInMinutes,
          targets: stage.targets.map(({ target, isEssential }, j) => {
            const path = ["stages", i, "targets", j, "target"];
            let contactId: pulumi.Input<string>;
            if (target.kind === "known") {
              contactId = pulumi.Output.isInstance(target.arn)
                ? checkWhenKnown(context, path, target.arn, checkContactArn)
                : target.arn;
            } else {
              // The same rules as for a target given as data, against the stage's targets before
              // it, once everything they are made of is known.
              const before = stage.targets
                .slice(0, j)
                .map(({ target: t }) =>
                  t.kind === "known"
                    ? pulumi.output({ arn: t.arn, alias: t.alias })
                    : (t.value as pulumi.Output<{ arn: unknown; alias?: string }>),
                );
              contactId = pulumi
                .all([target.value, pulumi.all(before)])
                .apply(([resolved, earlier]) => {
                  const keys = new Map<string, number>();
                  earlier.forEach((t, k) => {
                    const key =
                      typeof t === "object" && t !== null ? targetKey(t as never) : undefined;
                    if (key !== undefined && !keys.has(key)) keys.set(key, k);
                  });
                  const finalStage = i === last && !spec.allowInterruptiveFinalStage;
                  const issue = checkResolvedTarget(resolved, i, keys, finalStage);
                  if (issue !== undefined) {
                    throw new ValidationError(context, [
                      { path: [...path, ...issue.path], message: issue.message },
                    ]);
                  }
                  if (finalStage && resolved.channelTypes === undefined) {
                    pulumi.log.warn(
                      `${COMPONENT} '${name}': the final stage engages ${resolved.alias ?? resolved.arn} (\`${formatPath(path)}\`) without \`channelTypes\`, so it cannot be checked to reach its targets by EMAIL only. Pass the OnCallTeam's target, or give \`channelTypes\`.`,
                      this,
                    );
                  }
                  return resolved.arn;
                });
            }
            return { contactTargetInfo: { contactId, isEssential } };
          }),
        })),
      },
      childOptions(this, setup, { ...adopted, dependsOn: targetDependencies }),
    );

    const timelineStages: TimelineStage[] = spec.stages.map((stage) => ({
      durationInMinutes: stage.durationInMinutes,
      targets: stage.targets.map(({ target, isEssential }) => ({
        target:
          target.kind === "known" && target.reference !== undefined
            ? target.reference
            : { kind: "arn" as const, alias: target.kind === "known" ? target.alias : undefined },
        isEssential,
      })),
    }));
    states.set(this, { contact, plan, timelineStages });
    this.arn = pulumi.all([contact.arn, plan.id]).apply(([arn]) => arn);
    const alias = this.alias;
    this.target = this.arn.apply((arn): ContactTarget => ({
      arn,
      alias,
      type: ContactType.ESCALATION,
    }));
    // Until every engaging component takes a ContactTarget, a response plan recognizes the chain
    // by this mark.

    this.registerOutputs({
      arn: this.arn,
      alias: this.alias,
      type: this.type,
      target: this.target,
    });
  }

  /** The ESCALATION contact. */
  public get contact(): aws.ssmcontacts.Contact {
    return states.get(this)!.contact;
  }

  /** Its escalation plan. */
  public get plan(): aws.ssmcontacts.Plan {
    return states.get(this)!.plan;
  }

  /** What a component engaging this chain waits for: the contact and its plan. */
  public get dependencies(): readonly pulumi.Resource[] {
    const { contact, plan } = states.get(this)!;
    return [contact, plan];
  }

  /**
   * The paging timeline of an incident that starts at `at`, if nobody acknowledges: every
   * engagement in order, with its minute, stage, contact, channel type, masked address and
   * retries. An on-call schedule target is resolved to whoever is on call when its stage starts,
   * and flagged when nobody is. Render it with `renderTimeline`. No cloud call is made.
   * @param at when the incident starts. @default now
   */
  public timeline(at: Date = new Date()): TimelineEntry[] {
    return buildTimeline(states.get(this)!.timelineStages, at);
  }
}
