import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { STAGE_DURATION_MINUTES } from "../aws";
import {
  CONTACT_ARN,
  checkContactArn,
  childOptions,
  contactAliasSchema,
  displayNameSchema,
  setupAdoptionIssue,
  setupSchema,
  validateAdopting,
} from "./common";
import { IncidentManagerSetup } from "./incidentManagerSetup";
import { ChannelType, ContactReference, isContactReference, adoptedAccountOf } from "./references";
import { contactsTagsSchema, mergedTagsIssues, Tags } from "./tags";
import { buildTimeline, TimelineEntry, TimelineStage } from "./timeline";
import {
  checkWhenKnown,
  describeValue,
  fail,
  FieldPath,
  formatPath,
  validateArgs,
  ValidationContext,
} from "./validation";

/**
 * What a stage engages: a contact from an OnCallTeam (`team.member("taro")`), its on-call schedule
 * (`team.schedule`), or the ARN of any SSM Contacts contact.
 */
export type EscalationTarget = ContactReference | pulumi.Input<string>;

/** One target of a stage. */
export interface EscalationStageTarget {
  /**
   * The contact or on-call schedule engaged. A reference from an OnCallTeam lets the chain check
   * the final stage and print the target's channels in its timeline; a contact ARN
   * (`arn:aws:ssm-contacts:<region>:<account>:contact/<alias>`) cannot be checked here.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/escalation.html
   */
  readonly target: EscalationTarget;
  /**
   * Whether an acknowledgement by this target stops the escalation plan.
   * @default true
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ContactTargetInfo.html
   */
  readonly isEssential?: boolean;
}

/** One stage of the escalation plan. */
export interface EscalationStage {
  /**
   * Minutes before the next stage starts: a whole number from 0 to 30. The last stage may be 0.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_Stage.html
   */
  readonly durationInMinutes: number;
  /**
   * The contacts and on-call schedules engaged when the stage starts: at least one.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_Target.html
   */
  readonly targets: readonly EscalationStageTarget[];
}

/** Arguments of {@link EscalationChain}. */
export interface EscalationChainArgs {
  /**
   * The Incident Manager setup. When given, the contact and its plan are created in its primary
   * region after its replication set, and carry its tags.
   * @default the provider's region, no dependency
   */
  readonly setup?: IncidentManagerSetup;
  /**
   * The ESCALATION contact's alias: 1-255 characters of `a-z 0-9 _ -` (no `.`: ssm-contacts
   * CreateContact Alias). Changing it replaces the
   * contact.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_CreateContact.html
   */
  readonly alias: string;
  /**
   * The name shown in the console: 1-255 letters, spaces, digits, `_`, `.` and `-` (ssm-contacts
   * CreateContact DisplayName).
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_CreateContact.html
   */
  readonly displayName: string;
  /**
   * The stages, in order: at least one. The final stage must reach its targets by EMAIL only
   * (checked for targets from an OnCallTeam) unless `allowInterruptiveFinalStage` is set.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/escalation.html
   */
  readonly stages: readonly EscalationStage[];
  /**
   * Accept a final stage that reaches a target by SMS or VOICE. A warning is logged: a late-night
   * call or SMS as the last resort wakes people who are not responsible.
   * @default false
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/escalation.html
   */
  readonly allowInterruptiveFinalStage?: boolean;
  /**
   * Tags for the contact, merged over the setup's tags. Keys may not start with `aws:`.
   * @default {}
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/tagging.html
   */
  readonly tags?: Tags;
  /**
   * Merge the setup's tags under `tags`. Set it to false to describe an adopted contact with
   * exactly the tags it has.
   * @default true
   */
  readonly inheritTags?: boolean;
  /**
   * Import the existing ESCALATION contact with this alias and its escalation plan (Pulumi's
   * `import` option) instead of creating them. Both import IDs are the contact's ARN, derived from
   * the alias and `setup.replicationSetArn`'s account:
   * `arn:<partition>:ssm-contacts:<primary region>:<account>:contact/<alias>`. Needs `setup` with
   * `replicationSetArn`. Leaving it on after the first `pulumi up` is harmless: Pulumi ignores
   * `import` once the resource is in the state with that ID. The stages, display name and tags
   * must be written as they exist.
   * @default false
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/import/
   */
  readonly adopt?: boolean;
}

const COMPONENT = "EscalationChain";
/** Source: ssm-contacts CreateContact Plan.Stages[].DurationInMinutes. */
const MAX_DURATION = STAGE_DURATION_MINUTES.max;

/** A validated stage target: an OnCallTeam reference, or a contact ARN (checked when known). */
export class ChainTarget {
  constructor(
    /** The reference, when the target came from an OnCallTeam. */
    readonly reference: ContactReference | undefined,
    /** The contact's ARN. */
    readonly arn: pulumi.Input<string>,
    /** The contact's alias, when known at construction. */
    readonly alias: string | undefined,
  ) {}
}

const targetSchema = z.any().transform((value, ctx): ChainTarget => {
  if (isContactReference(value)) return new ChainTarget(value, value.arn, value.alias);
  if (typeof value === "string") {
    const rule = checkContactArn(value);
    if (rule === undefined) return new ChainTarget(undefined, value, aliasOfArn(value));
    ctx.addIssue({ code: "custom", message: rule, input: value });
    return z.NEVER;
  }
  if (pulumi.Output.isInstance(value) || value instanceof Promise) {
    // Checked when it resolves, in the constructor (the error names the component then).
    return new ChainTarget(undefined, pulumi.output(value as pulumi.Input<string>), undefined);
  }
  ctx.addIssue({
    code: "custom",
    message: `must be a reference from an OnCallTeam (\`team.member("alias")\` or \`team.schedule\`) or a contact ARN; got ${describeValue(value)}. Pass the reference the team returns, or the contact's ARN.`,
    input: value,
  });
  return z.NEVER;
});

function aliasOfArn(arn: string): string | undefined {
  return CONTACT_ARN.test(arn) ? arn.slice(arn.lastIndexOf("/") + 1) : undefined;
}

const durationSchema = z.any().superRefine((value, ctx) => {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_DURATION) {
    return;
  }
  const hint =
    typeof value === "number" && value > MAX_DURATION
      ? ` Use ${MAX_DURATION} or less, and add a stage that engages the next targets.`
      : typeof value === "number" && value < 0
        ? " Use 0 to start the next stage at once."
        : "";
  ctx.addIssue({
    code: "custom",
    message: `must be a whole number of minutes from 0 to ${MAX_DURATION} (${STAGE_DURATION_MINUTES.source}); got ${describeValue(value)}.${hint}`,
  });
}) as unknown as z.ZodType<number>;

const stageTargetSchema = z.strictObject(
  { target: targetSchema, isEssential: z.boolean().default(true) },
  {
    error: (iss) =>
      iss.code === "invalid_type"
        ? `must be { target, isEssential? }; got ${describeValue(iss.input)}`
        : undefined,
  },
);

const stageSchema = z.strictObject(
  {
    durationInMinutes: durationSchema,
    targets: z.array(stageTargetSchema).min(1, {
      error:
        "needs at least one target (a contact or an on-call schedule); got none. Add a target, or remove the stage.",
    }),
  },
  {
    error: (iss) =>
      iss.code === "invalid_type"
        ? `must be { durationInMinutes, targets }; got ${describeValue(iss.input)}`
        : undefined,
  },
);

type ParsedStage = z.output<typeof stageSchema>;

/** A target of the final stage that is reached by SMS or VOICE, and how. */
interface Interruption {
  readonly path: FieldPath;
  /** e.g. `saburo by VOICE`, `sre-oncall (on-call schedule) member taro by VOICE, SMS`. */
  readonly reach: string;
}

function interruptiveTypes(types: readonly ChannelType[]): ChannelType[] {
  return [...new Set(types.filter((type) => type !== "EMAIL"))];
}

/** The final stage's targets that an OnCallTeam shows to be reached by SMS or VOICE. */
function finalStageInterruptions(stages: readonly ParsedStage[]): Interruption[] {
  const last = stages.length - 1;
  const found: Interruption[] = [];
  if (last < 0) return found;
  stages[last].targets.forEach(({ target }, j) => {
    const path = ["stages", last, "targets", j, "target"];
    const reference = target.reference;
    if (reference === undefined) return; // An ARN: left to the policy pack.
    if (reference.kind === "member") {
      const types = interruptiveTypes(reference.channelTypes);
      if (types.length > 0)
        found.push({ path, reach: `${reference.alias} by ${types.join(", ")}` });
      return;
    }
    const members = reference.members
      .map((m) => ({ alias: m.alias, types: interruptiveTypes(m.channelTypes) }))
      .filter((m) => m.types.length > 0);
    if (members.length > 0) {
      const reach = members.map((m) => `${m.alias} by ${m.types.join(", ")}`).join("; ");
      found.push({ path, reach: `${reference.alias} (on-call schedule) member ${reach}` });
    }
  });
  return found;
}

/** The key that says two targets of a stage are the same contact, when it is known now. */
function targetKey(target: ChainTarget): string | undefined {
  if (target.reference !== undefined) return `${target.reference.team}/${target.reference.alias}`;
  return typeof target.arn === "string" ? target.arn : undefined;
}

/** The schema of {@link EscalationChainArgs}, shared with the config-driven stack. */
export const escalationChainSchema = z
  .strictObject({
    setup: setupSchema.optional(),
    alias: contactAliasSchema,
    displayName: displayNameSchema,
    stages: z.array(stageSchema).min(1, {
      error:
        "needs at least one stage; got none. Add a stage with a duration and at least one target.",
    }),
    allowInterruptiveFinalStage: z.boolean().default(false),
    tags: contactsTagsSchema.default({}),
    inheritTags: z.boolean().default(true),
    adopt: z.boolean().default(false),
  })
  .superRefine((spec, ctx) => {
    spec.stages.forEach((stage, i) => {
      const seen = new Map<string, number>();
      stage.targets.forEach(({ target }, j) => {
        const key = targetKey(target);
        if (key === undefined) return;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, j);
          return;
        }
        ctx.addIssue({
          code: "custom",
          path: ["stages", i, "targets", j, "target"],
          message: `engages ${target.alias ?? key} again, already at \`stages[${i}].targets[${first}]\`; a stage engages each contact once. Remove the duplicate.`,
        });
      });
    });
    if (spec.allowInterruptiveFinalStage) return;
    for (const { path, reach } of finalStageInterruptions(spec.stages)) {
      ctx.addIssue({
        code: "custom",
        path: [...path],
        message: `is in the final stage, which must reach its targets by EMAIL only (a late-night call or SMS as the last resort wakes people who are not responsible); got ${reach}. Engage a contact whose engagement plan uses only EMAIL, or set \`allowInterruptiveFinalStage: true\`.`,
      });
    }
  });

/** Validated, defaulted args. */
type ChainSpec = z.output<typeof escalationChainSchema>;

/**
 * An escalation plan: an ESCALATION contact and its plan of ordered stages, each engaging contacts
 * or on-call schedules for a number of minutes before the next stage starts. An acknowledgement by
 * an essential target stops the plan.
 *
 * A response plan (ResponsePlanWithAlarms) accepts the chain itself as an engagement, and the
 * chain prints its own paging timeline without any cloud call ({@link EscalationChain.timeline}).
 */
export class EscalationChain extends pulumi.ComponentResource {
  /** The ESCALATION contact's ARN: what a response plan engages. */
  public readonly arn: pulumi.Output<string>;
  /** The ESCALATION contact's alias. */
  public readonly alias: string;
  /** The ESCALATION contact. */
  public readonly contact: aws.ssmcontacts.Contact;
  /** Its escalation plan. */
  public readonly plan: aws.ssmcontacts.Plan;
  /** What a response plan engaging this chain waits for: the contact and its plan. */
  public readonly dependencies: readonly pulumi.Resource[];

  private readonly timelineStages: readonly TimelineStage[];

  constructor(name: string, args: EscalationChainArgs, opts?: pulumi.ComponentResourceOptions) {
    const context: ValidationContext = { component: COMPONENT, name };
    const spec: ChainSpec = validateAdopting(
      context,
      () => validateArgs(escalationChainSchema, args, context),
      setupAdoptionIssue(
        args?.adopt === true,
        args?.setup,
        ["adopt"],
        "the contact's import ID is",
      ),
    );
    const tagIssues = mergedTagsIssues(spec.inheritTags ? spec.setup?.tags : undefined, spec.tags);
    if (tagIssues.length > 0) fail(context, tagIssues);
    super("incident-manager:index:EscalationChain", name, {}, opts);

    const { setup } = spec;
    this.alias = spec.alias;
    const interruptions = finalStageInterruptions(spec.stages);
    if (interruptions.length > 0) {
      const list = interruptions.map((i) => `${i.reach} (\`${formatPath(i.path)}\`)`).join("; ");
      pulumi.log.warn(
        `${COMPONENT} '${name}': the final stage reaches ${list}; a late-night call or SMS as the last resort wakes people who are not responsible.`,
        this,
      );
    }

    // Classic @pulumi/aws for both: its Contact and Plan take a `region` input, so the escalation
    // plan lands in the setup's primary region whatever the provider's region is. (aws-native's
    // Contact takes the stages inline, but only in the stack's aws-native region.)
    const region = setup === undefined ? {} : { region: setup.primaryRegion };
    const tags = { ...(spec.inheritTags ? (setup?.tags ?? {}) : {}), ...spec.tags };
    // The contact's import ID, and its plan's (@pulumi/aws imports a plan by its contact's ARN).
    const adopted: pulumi.CustomResourceOptions =
      spec.adopt && setup !== undefined && adoptedAccountOf(setup) !== undefined
        ? {
            import: `arn:${adoptedAccountOf(setup)!.partition}:ssm-contacts:${setup.primaryRegion}:${adoptedAccountOf(setup)!.accountId}:contact/${spec.alias}`,
          }
        : {};
    this.contact = new aws.ssmcontacts.Contact(
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

    const targetDependencies = [
      ...new Set(
        spec.stages.flatMap((s) =>
          s.targets.flatMap((t) => t.target.reference?.dependencies ?? []),
        ),
      ),
    ];
    this.plan = new aws.ssmcontacts.Plan(
      `${name}-plan`,
      {
        contactId: this.contact.arn,
        ...region,
        stages: spec.stages.map((stage, i) => ({
          durationInMinutes: stage.durationInMinutes,
          targets: stage.targets.map(({ target, isEssential }, j) => ({
            contactTargetInfo: {
              contactId: pulumi.Output.isInstance(target.arn)
                ? checkWhenKnown(
                    context,
                    ["stages", i, "targets", j, "target"],
                    target.arn,
                    checkContactArn,
                  )
                : target.arn,
              isEssential: isEssential,
            },
          })),
        })),
      },
      childOptions(this, setup, { ...adopted, dependsOn: targetDependencies }),
    );

    this.timelineStages = spec.stages.map((stage) => ({
      durationInMinutes: stage.durationInMinutes,
      targets: stage.targets.map(({ target, isEssential }) => ({
        target: target.reference ?? { kind: "arn" as const, alias: target.alias },
        isEssential,
      })),
    }));
    // The chain's ARN carries its escalation plan: an engaging response plan waits for both.
    this.arn = pulumi.all([this.contact.arn, this.plan.id]).apply(([arn]) => arn);
    this.dependencies = [this.contact, this.plan];

    this.registerOutputs({ arn: this.arn, alias: this.alias });
  }

  /**
   * The paging timeline of an incident that starts at `at`, if nobody acknowledges: every
   * engagement in order, with its minute, stage, contact, channel type, masked address and
   * retries. An on-call schedule target is resolved to whoever is on call when its stage starts,
   * and flagged when nobody is. Render it with `renderTimeline`. No cloud call is made.
   * @param at when the incident starts. @default now
   */
  public timeline(at: Date = new Date()): TimelineEntry[] {
    return buildTimeline(this.timelineStages, at);
  }
}
