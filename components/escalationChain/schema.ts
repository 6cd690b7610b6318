/**
 * Step 1 of EscalationChain: the zod data schema of its args (types, ranges, AWS patterns, and
 * the rules within the args such as a target repeated in a stage).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { STAGE_DURATION_MINUTES } from "../../aws";
import {
  CONTACT_ARN,
  checkContactArn,
  contactAliasSchema,
  displayNameSchema,
  setupSchema,
} from "../common";
import {
  ChannelType,
  ContactType,
  isContactReference,
  type ContactReference,
  type ContactTarget,
} from "../references";
import { checked, uniqueBy } from "../schemaHelpers";
import { contactsTagsSchema } from "../tags";
import { describeValue, input, validateArgs } from "../validation";
import type { EscalationChainArgs } from "./args";

export const COMPONENT = "EscalationChain";
/** Source: ssm-contacts CreateContact Plan.Stages[].DurationInMinutes. */
const MAX_DURATION = STAGE_DURATION_MINUTES.max;

/** A stage target known now: its fields, and the OnCallTeam reference it is, if any. */
export interface KnownTarget {
  readonly kind: "known";
  /** The contact's ARN (a plain ARN was checked; an Output is checked when it resolves). */
  readonly arn: pulumi.Input<string>;
  /** The alias given, or read from a plain ARN. */
  readonly alias?: string;
  readonly type?: ContactType;
  readonly channelTypes?: ChannelType[];
  /** The reference, when the target came from an OnCallTeam (for timelines and messages). */
  readonly reference?: ContactReference;
}

/** A stage target given as an Output: checked with the same rules when it resolves. */
export interface PendingTarget {
  readonly kind: "pending";
  readonly value: pulumi.Output<ContactTarget>;
}

export type ParsedTarget = KnownTarget | PendingTarget;

/** The alias at the end of a contact ARN. */
export function aliasOfArn(arn: string): string | undefined {
  return CONTACT_ARN.test(arn) ? arn.slice(arn.lastIndexOf("/") + 1) : undefined;
}

/** The fields of a ContactTarget (an OnCallTeam reference carries more; they are ignored). */
export const contactTargetFields = z.object({
  arn: input(checked(checkContactArn)),
  alias: contactAliasSchema.optional(),
  type: z.enum(Object.values(ContactType) as [ContactType, ...ContactType[]]).optional(),
  channelTypes: z
    .array(z.enum(Object.values(ChannelType) as [ChannelType, ...ChannelType[]]))
    .optional(),
});

/** The message for a target that is no ContactTarget at all. */
export function notATarget(value: unknown): string {
  return typeof value === "string"
    ? `must be a contact target { arn, alias?, type?, channelTypes? }; got the string ${describeValue(value)}. Write a contact made elsewhere as { arn: ${describeValue(value)} }.`
    : `must be a contact target { arn, alias?, type?, channelTypes? } (\`team.member("alias")\`, \`team.schedule\`, a chain's \`target\`, or { arn }); got ${describeValue(value)}`;
}

function isPromiseLike(value: unknown): boolean {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === "function";
}

/** A target: an Output waits; anything else must be a ContactTarget now. */
const targetSchema = z.any().transform((value, ctx): ParsedTarget => {
  if (pulumi.Output.isInstance(value) || isPromiseLike(value)) {
    return { kind: "pending", value: pulumi.output(value as pulumi.Input<ContactTarget>) };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: notATarget(value), input: value });
    return z.NEVER;
  }
  const result = contactTargetFields.safeParse(value, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) ctx.addIssue({ ...issue } as never);
    return z.NEVER;
  }
  const { arn, alias, type, channelTypes } = result.data;
  const reference = isContactReference(value) ? value : undefined;
  return {
    kind: "known",
    arn: arn as pulumi.Input<string>,
    alias: alias ?? (typeof arn === "string" ? aliasOfArn(arn) : undefined),
    ...(type === undefined ? {} : { type }),
    ...(channelTypes === undefined ? {} : { channelTypes }),
    ...(reference === undefined ? {} : { reference }),
  };
});

/** The key that says two targets of a stage are the same contact: the alias, else the ARN. */
export function targetKey(target: { arn: unknown; alias?: string }): string | undefined {
  return target.alias ?? (typeof target.arn === "string" ? target.arn : undefined);
}

/** The rule behind the duplicate-target message. */
export const ONCE_PER_STAGE = "a stage engages each contact once. Remove the duplicate.";

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

/** The data schema of {@link EscalationChainArgs}, shared with the config-driven stack. */
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
      const field = ["stages", i, "targets"];
      // uniqueBy reports at the item's index: prefix the stage's path.
      const inStage = {
        addIssue: (issue: { path?: PropertyKey[] }) =>
          ctx.addIssue({ ...issue, path: [...field, ...(issue.path ?? []), "target"] } as never),
      } as unknown as z.RefinementCtx;
      uniqueBy(
        stage.targets,
        ({ target }) => (target.kind === "known" ? targetKey(target) : undefined),
        inStage,
        "contact",
        field,
        ONCE_PER_STAGE,
      );
    });
  });

/** Parsed, defaulted args of EscalationChain. */
export type EscalationChainData = z.output<typeof escalationChainSchema>;

/**
 * Step 1: checks `args` with the data schema. Returns the parsed args (defaults applied, plain
 * targets read) or throws one ValidationError naming the component and every broken rule.
 */
export function parseEscalationChainArgs(
  name: string,
  args: EscalationChainArgs,
): EscalationChainData {
  return validateArgs(escalationChainSchema, args, { component: COMPONENT, name });
}
