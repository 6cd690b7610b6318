/**
 * Step 1: the data schema of ResponsePlanWithAlarms. It checks the args as data (types, ranges,
 * AWS's patterns, the rules within the component) and nothing about other components; see
 * resolution.ts for the rest.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  CHATBOT_SNS_TOPICS,
  ENGAGEMENTS,
  IMPACT,
  NOTIFICATION_TARGETS,
  PAGER_DUTY_SECRET_ID,
  PAGER_DUTY_SERVICE_ID,
} from "../../aws";
import { checkContactArn, setupSchema } from "../common";
import { ChannelType, ContactType, type ContactTarget } from "../references";
import { checked, repeatsMessage, textOf, uniqueBy } from "../schemaHelpers";
import { incidentTagsSchema, responsePlanTagsSchema } from "../tags";
import {
  describeValue,
  input,
  validateArgs,
  ValidationError,
  type ValidationContext,
  type ValidationIssue,
} from "../validation";
import { alarmSchema, compositeAlarmSchema } from "./alarms";
import { Impact as ImpactEnum, type Impact } from "./args";
import { eventSchema } from "./events";
import { checkPlanName, checkSnsTopicArn, textRule } from "./fields";
import { chatChannelSchema } from "./chat";
import { runbookSchema } from "./runbook";

/** The component's type name, in every message. */
export const COMPONENT = "ResponsePlanWithAlarms";

const snsTopicArns = z.array(input(checked(checkSnsTopicArn)));

/** Impact as Incident Manager stores it: a whole number 1-5 (ssm-incidents `Impact`). */
const impactSchema = z.any().transform((value, ctx): Impact => {
  if (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= IMPACT.min &&
    value <= IMPACT.max
  ) {
    return value as Impact;
  }
  // The names are the enum's keys; the value is the number (one name per value).
  const named = Object.entries(ImpactEnum).find(
    ([key]) => typeof value === "string" && key.toLowerCase() === value.toLowerCase(),
  );
  ctx.addIssue({
    code: "custom",
    message: `must be a whole number ${IMPACT.min}-${IMPACT.max} (${IMPACT.source}): 1 critical, 2 high, 3 medium, 4 low, 5 no impact; got ${describeValue(value)}${named === undefined ? "" : `. Write ${named[1]} (Impact.${named[0]}).`}`,
  });
  return z.NEVER;
});

/** Why each contact is engaged once: completes a {@link repeatsMessage}. */
export const ENGAGE_ONCE = "engage each contact once.";

/** The alias a target is known by now: its own, else the tail of an ARN that is a string. */
export function engagedAlias(target: {
  readonly alias?: string;
  readonly arn: unknown;
}): string | undefined {
  if (target.alias !== undefined) return target.alias;
  return typeof target.arn === "string" ? target.arn.split("/").pop() : undefined;
}

const NOT_A_TARGET = `must be a contact target: an EscalationChain, team.member("alias"), team.schedule, or { arn } of a contact`;

/**
 * A contact target's data: `arn` (checked when it resolves, if it is an Output), and what the
 * target says of itself. Only these fields are read, so a team's reference or a chain passes as
 * it is; the parsed value is a plain copy.
 */
const targetSchema: z.ZodType<ContactTarget> = z.object(
  {
    arn: input(checked(checkContactArn)),
    alias: z.string().optional(),
    type: z.enum(ContactType).optional(),
    channelTypes: z.array(z.enum(ChannelType)).optional(),
  },
  {
    error: (iss) =>
      iss.code === "invalid_type"
        ? typeof iss.input === "string"
          ? `${NOT_A_TARGET}; got the string ${describeValue(iss.input)}. Write { arn: ${JSON.stringify(iss.input)} }.`
          : `${NOT_A_TARGET}; got ${describeValue(iss.input)}`
        : undefined,
  },
) as unknown as z.ZodType<ContactTarget>;

/** A target given as a value (not an Output): its shape, then its fields. */
export const contactTargetSchema = z.any().transform((value, ctx): ContactTarget => {
  if (typeof value !== "object" || value === null || !("arn" in value)) {
    // Not a target at all: one issue at the engagement, not one per missing field.
    ctx.addIssue({
      code: "custom",
      message:
        typeof value === "string"
          ? `${NOT_A_TARGET}; got the string ${describeValue(value)}. Write { arn: ${JSON.stringify(value)} }.`
          : `${NOT_A_TARGET}; got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const result = targetSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue } as never);
  return z.NEVER;
});

/** An engagement: a target given now (checked now) or an Output of one (checked when it resolves). */
const engagementSchema = z.any().transform((value, ctx): pulumi.Input<ContactTarget> => {
  if (
    pulumi.Output.isInstance(value) ||
    typeof (value as PromiseLike<unknown>)?.then === "function"
  ) {
    return pulumi.output(value as pulumi.Input<ContactTarget>) as pulumi.Input<ContactTarget>;
  }
  const result = contactTargetSchema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue } as never);
  return z.NEVER;
});

/** A list whose items name their resources by `name`, so each name may appear once. */
function uniquelyNamed<S extends z.ZodType<{ name: string }>>(
  item: S,
  field: string,
  what: string,
) {
  return z
    .array(item)
    .superRefine((items, ctx) =>
      uniqueBy(
        items,
        (i) => i.name,
        ctx,
        `${what} name`,
        [field],
        `${what} names name their resources and must be unique.`,
      ),
    )
    .default([]);
}

/** The schema of {@link ResponsePlanWithAlarmsArgs}, shared with the config-driven stack. */
export const responsePlanWithAlarmsSchema = z
  .strictObject({
    setup: setupSchema.optional(),
    responsePlanName: checked(checkPlanName).optional(),
    displayName: textOf(1, 200, "an Incident Manager limit").optional(),
    incident: z.strictObject({
      title: textOf(1, 200, "an Incident Manager limit"),
      impact: impactSchema,
      summary: textOf(0, 4000, "an Incident Manager limit").optional(),
      dedupeString: textOf(0, 1000, "an Incident Manager limit").optional(),
      tags: incidentTagsSchema.optional(),
      notificationTopicArns: snsTopicArns
        .max(NOTIFICATION_TARGETS.max, {
          error: (iss) =>
            `holds at most ${NOTIFICATION_TARGETS.max} SNS topics (${NOTIFICATION_TARGETS.source}); got ${(iss.input as unknown[]).length}`,
        })
        .optional(),
    }),
    engagements: z.array(engagementSchema).superRefine((engagements, ctx) => {
      if (engagements.length === 0) {
        ctx.addIssue({
          code: "custom",
          message: `needs 1-5 contacts, on-call schedules or escalation chains, or the response plan pages nobody; got none. Add an EscalationChain or a contact ARN.`,
        });
      } else if (engagements.length > ENGAGEMENTS.max) {
        ctx.addIssue({
          code: "custom",
          message: `holds at most ${ENGAGEMENTS.max} engagements (${ENGAGEMENTS.source}); got ${engagements.length}. Remove ${engagements.length - ENGAGEMENTS.max}, or put them in an EscalationChain and engage the chain.`,
        });
      }
      uniqueBy(
        engagements,
        (e) => (pulumi.Output.isInstance(e) ? undefined : engagedAlias(e as ContactTarget)),
        ctx,
        "contact",
        ["engagements"],
        ENGAGE_ONCE,
      );
    }),
    chatChannelTopicArns: snsTopicArns
      .superRefine((arns, ctx) => {
        const { min, max } = CHATBOT_SNS_TOPICS;
        if (arns.length < min || arns.length > max) {
          ctx.addIssue({
            code: "custom",
            message: `needs ${min}-${max} SNS topics of an AWS Chatbot channel (${CHATBOT_SNS_TOPICS.source}); got ${arns.length}. ${arns.length === 0 ? "Leave the field out for no chat channel." : `Remove ${arns.length - max}.`}`,
          });
        }
      })
      .optional(),
    chatChannel: chatChannelSchema.optional(),
    runbook: runbookSchema.optional(),
    pagerDuty: z
      .strictObject({
        name: textOf(1, 200, "an Incident Manager limit"),
        serviceId: input(textRule(PAGER_DUTY_SERVICE_ID, "a PagerDuty service id")),
        secretId: input(textRule(PAGER_DUTY_SECRET_ID, "a Secrets Manager secret id")).optional(),
      })
      .optional(),
    alarms: uniquelyNamed(alarmSchema, "alarms", "alarm"),
    compositeAlarms: uniquelyNamed(compositeAlarmSchema, "compositeAlarms", "alarm"),
    events: uniquelyNamed(eventSchema, "events", "rule"),
    tags: responsePlanTagsSchema.default({}),
    inheritTags: z.boolean().default(true),
    adopt: z
      .strictObject({
        responsePlan: z.boolean().default(false),
        alarms: z.array(z.string()).default([]),
        rules: z.array(z.string()).default([]),
      })
      .default({ responsePlan: false, alarms: [], rules: [] }),
  })
  .superRefine((args, ctx) => {
    if (args.chatChannel !== undefined && args.chatChannelTopicArns !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["chatChannel"],
        message: `is given with \`chatChannelTopicArns\`, but a response plan has one chat channel; got both. Keep \`chatChannel\` to have it created, or \`chatChannelTopicArns\` for an existing one.`,
      });
    }
    if (args.runbook?.chatTopicParameter !== undefined && args.chatChannel === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["runbook", "chatTopicParameter"],
        message: `passes the chat channel's topic to the runbook, but the component creates no chat channel; got ${describeValue(args.runbook.chatTopicParameter)}. Add \`chatChannel\`, or pass an existing topic's ARN in \`runbook.parameters\`.`,
      });
    }
    const alarmNames = [...args.alarms, ...args.compositeAlarms].map((a) => a.name);
    args.adopt.alarms.forEach((alarm, i) => {
      if (!alarmNames.includes(alarm)) {
        ctx.addIssue({
          code: "custom",
          path: ["adopt", "alarms", i],
          message: `names no alarm of this response plan; got ${describeValue(alarm)}. Describe the existing alarm in \`alarms\` or \`compositeAlarms\` (${alarmNames.join(", ") || "none"}) as it exists.`,
        });
      }
    });
    const ruleNames = args.events.map((e) => e.name);
    args.adopt.rules.forEach((rule, i) => {
      if (!ruleNames.includes(rule)) {
        ctx.addIssue({
          code: "custom",
          path: ["adopt", "rules", i],
          message: `names no rule of this response plan; got ${describeValue(rule)}. Describe the existing rule in \`events\` (${ruleNames.join(", ") || "none"}) as it exists.`,
        });
      }
    });
    // Metric and composite alarms share one namespace of names in CloudWatch.
    const metric = args.alarms.map((a) => a.name);
    args.compositeAlarms.forEach((composite, i) => {
      const first = metric.indexOf(composite.name);
      if (first >= 0) {
        ctx.addIssue({
          code: "custom",
          path: ["compositeAlarms", i, "name"],
          message: repeatsMessage(
            "alarm name",
            composite.name,
            ["alarms", first],
            "CloudWatch alarm names are unique across metric and composite alarms.",
          ),
        });
      }
    });
  });

/** The args as data: validated and defaulted, Outputs wrapped so they are checked when known. */
export type ResponsePlanWithAlarmsData = z.output<typeof responsePlanWithAlarmsSchema>;

/** The outcome of a step: its value, or every issue it found. */
export type StepResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

/** Args with the response plan's name defaulted to the component's name, so that it is checked. */
function withDefaultName(args: unknown, name: string): unknown {
  if (typeof args !== "object" || args === null || Array.isArray(args)) return args;
  const given = (args as { responsePlanName?: unknown }).responsePlanName;
  return given === undefined ? { ...args, responsePlanName: name } : args;
}

/**
 * Step 1: checks `args` of the component `name` as data, without throwing. `responsePlanName`
 * defaults to `name`.
 */
export function parseResponsePlanWithAlarmsArgs(
  name: string,
  args: unknown,
): StepResult<ResponsePlanWithAlarmsData> {
  const context: ValidationContext = { component: COMPONENT, name };
  try {
    return {
      ok: true,
      value: validateArgs(responsePlanWithAlarmsSchema, withDefaultName(args, name), context),
    };
  } catch (err) {
    if (ValidationError.isValidationError(err)) return { ok: false, issues: [...err.issues] };
    throw err;
  }
}
