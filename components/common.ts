/**
 * Pieces every component after IncidentManagerSetup shares: the `setup` argument, contact aliases,
 * SSM Contacts ARNs, and the resource options that put a child after the setup, in its primary
 * region.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { adoptedAccountOf, dependsOnOutputs, type SetupReference } from "./references";
import {
  describeValue,
  input,
  type FieldPath,
  ValidationError,
  type ValidationContext,
  type ValidationIssue,
} from "./validation";
import {
  CFN_CONTACT_DISPLAY_NAME,
  CONTACT_ALIAS as CONTACT_ALIAS_RULE,
  CONTACT_ARN,
  CONTACT_DISPLAY_NAME,
  checkIncidentManagerRegion,
  REPLICATION_SET_ARN,
  TextRule,
} from "../aws";

/**
 * `setup`: a {@link SetupReference}, data. An IncidentManagerSetup satisfies it; only the
 * reference's fields are read (other properties of a setup object are ignored, so `setup: setup`
 * works). Components depend on the replication set through `replicationSetArn`'s Output and create
 * their resources in `primaryRegion`.
 */
const setupFields = z.object(
  {
    replicationSetArn: input(
      z.string().refine((arn) => REPLICATION_SET_ARN.test(arn), {
        error: (iss) =>
          `must be a replication set ARN (arn:<partition>:ssm-incidents::<account>:replication-set/<id>); got ${describeValue(iss.input)}`,
      }),
    ),
    primaryRegion: z.string().superRefine((region, ctx) => {
      const message = checkIncidentManagerRegion(region);
      if (message !== undefined) ctx.addIssue({ code: "custom", message });
    }),
    regions: z.array(z.string()).optional(),
    accountId: input(z.string()).optional(),
    partition: input(z.string()).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    pagerDutySecretArn: input(z.string()).optional(),
  },
  {
    error: (iss) =>
      iss.code === "invalid_type"
        ? `must be an IncidentManagerSetup or its outputs { replicationSetArn, primaryRegion, ... }; got ${describeValue(iss.input)}`
        : undefined,
  },
);

/**
 * The setup object itself once its fields check out (not a copy: a setup that adopts a
 * replication set is recognized by identity, see `adoptedAccountOf`).
 */
export const setupSchema: z.ZodType<SetupReference> = z.any().transform((value, ctx) => {
  const isObject = typeof value === "object" && value !== null;
  if (!isObject || (!("replicationSetArn" in value) && !("primaryRegion" in value))) {
    ctx.addIssue({
      code: "custom",
      message: `must be an IncidentManagerSetup or its outputs { replicationSetArn, primaryRegion, ... } (the component, not its args); got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  const result = setupFields.safeParse(value, { reportInput: true });
  if (result.success) return value as SetupReference;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue } as never);
  return z.NEVER;
});

/** AWS's rule for a contact alias (ssm-contacts CreateContact Alias), as a RegExp. Create-only. */
export const CONTACT_ALIAS: RegExp = CONTACT_ALIAS_RULE.pattern!;

/** A contact alias (PERSONAL, ESCALATION or ONCALL_SCHEDULE): every one goes through the API. */
export const contactAliasSchema = z.string().superRefine((alias, ctx) => {
  const { min, max, source } = CONTACT_ALIAS_RULE;
  if (alias.length < min || alias.length > max) {
    ctx.addIssue({
      code: "custom",
      message: `must be a contact alias of ${min}-${max} characters (${source}); got ${alias.length} characters. Shorten it.`,
    });
  } else if (!CONTACT_ALIAS.test(alias)) {
    ctx.addIssue({
      code: "custom",
      message: `must use only lower-case letters, digits, "_" and "-" (${source}: ${CONTACT_ALIAS_RULE.patternText}); got ${describeValue(alias)}. Changing an alias later replaces the contact, so pick it with care.`,
    });
  }
});

/**
 * The rule a display name breaks under `rule`, if any: not blank, within its length, matching
 * its pattern. `what` says which characters the pattern allows, for the message.
 */
export function checkDisplayName(rule: TextRule, what: string, text: string): string | undefined {
  const max = Math.min(rule.max, 255);
  if (text.trim().length < 1 || text.length > max) {
    return `must be a display name of 1-${max} characters (${rule.source}); got ${describeValue(text)}`;
  }
  if (rule.pattern !== undefined && !rule.pattern.test(text)) {
    return `must use only ${what} (${rule.source}: ${rule.patternText}); got ${describeValue(text)}. Replace the other characters.`;
  }
  return undefined;
}

/** A display name of a classic (API) contact: letters, spaces, digits, `_`, `.` and `-`. */
export const displayNameSchema = z.string().superRefine((text, ctx) => {
  const message = checkDisplayName(
    CONTACT_DISPLAY_NAME,
    'letters, spaces, digits, "_", "." and "-"',
    text,
  );
  if (message !== undefined) ctx.addIssue({ code: "custom", message });
});

/** The rule a display name of an aws-native (CloudFormation) contact breaks, if any. */
export function checkNativeDisplayName(text: string): string | undefined {
  return (
    checkDisplayName(
      CFN_CONTACT_DISPLAY_NAME,
      'ASCII letters, digits, "_", "-" and spaces',
      text,
    ) ?? checkDisplayName(CONTACT_DISPLAY_NAME, 'letters, spaces, digits, "_", "." and "-"', text)
  );
}

/** A display name of an aws-native contact: CloudFormation's pattern and the API's. */
export const nativeDisplayNameSchema = z.string().superRefine((text, ctx) => {
  const message = checkNativeDisplayName(text);
  if (message !== undefined) ctx.addIssue({ code: "custom", message });
});

export { CONTACT_ARN };

/** The rule a contact ARN breaks, if any (completes "`path` ..."). */
export function checkContactArn(arn: string): string | undefined {
  if (CONTACT_ARN.test(arn)) return undefined;
  const service = /^arn:[^:]+:([^:]+):/.exec(arn)?.[1];
  if (service !== undefined && service !== "ssm-contacts") {
    return `must be an SSM Contacts contact ARN (arn:aws:ssm-contacts:<region>:<account>:contact/<alias>); got an ARN of the ${service} service (${arn})`;
  }
  return `must be an SSM Contacts contact ARN such as arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro; got ${describeValue(arn)}`;
}

/**
 * Where a child of a component goes: under the component, after the setup's replication set.
 * Classic `@pulumi/aws` resources also take `region: setup.primaryRegion` as an input; aws-native
 * resources land in the stack's `aws-native:region`, which IncidentManagerSetup checks is the
 * primary region.
 */
export function childOptions(
  parent: pulumi.Resource,
  setup: SetupReference | undefined,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  const onSetup = setup === undefined ? undefined : dependsOnOutputs(setup.replicationSetArn);
  const extras =
    extra.dependsOn === undefined
      ? []
      : ([] as pulumi.Input<pulumi.Resource>[]).concat(
          extra.dependsOn as pulumi.Input<pulumi.Resource>[],
        );
  // The setup's dependencies ride on its ARN's Output; the SDK adds an Output's own resources to
  // `dependsOn`, besides the resources it resolves to.
  const dependsOn: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | undefined =
    onSetup === undefined ? (extras.length > 0 ? extras : undefined) : onSetup.apply(() => extras);
  return { ...extra, parent, ...(dependsOn !== undefined ? { dependsOn } : {}) };
}

/**
 * The rule an adopting component breaks when its import IDs cannot be derived: they name the
 * account and partition of `setup.replicationSetArn`. `what` completes "whose account and
 * partition <what> derived from". Undefined when the setup names its account.
 */
export function adoptionSetupIssue(
  setup: SetupReference | undefined,
  what: string,
): string | undefined {
  if (adoptedAccountOf(setup) !== undefined) return undefined;
  const got =
    setup === undefined
      ? "no setup"
      : setup.replicationSetArn === undefined
        ? "a setup without replicationSetArn"
        : "a setup whose replicationSetArn is not known before deploying (a replication set this stack creates, or another resource's output)";
  return `needs \`setup\` with \`replicationSetArn\`, whose account and partition ${what} derived from; got ${got}. Pass the setup that adopts the account's replication set.`;
}

/**
 * Validates args with `validate`, and reports `adoptionIssue` (from {@link adoptionSetupIssue},
 * read from the raw args) in the same ValidationError as the schema's issues, so that one error
 * lists everything.
 */
export function validateAdopting<T>(
  context: ValidationContext,
  validate: () => T,
  adoptionIssue: ValidationIssue | undefined,
): T {
  let spec: T;
  try {
    spec = validate();
  } catch (err) {
    if (adoptionIssue !== undefined && ValidationError.isValidationError(err)) {
      throw new ValidationError(context, [...err.issues, adoptionIssue]);
    }
    throw err;
  }
  if (adoptionIssue !== undefined) throw new ValidationError(context, [adoptionIssue]);
  return spec;
}

/** The adoption issue of `setup` when `adopting`, unless `setup` is not a setup at all. */
export function setupAdoptionIssue(
  adopting: boolean,
  setup: unknown,
  path: FieldPath,
  what: string,
): ValidationIssue | undefined {
  const isSetup = typeof setup === "object" && setup !== null && "replicationSetArn" in setup;
  if (!adopting || (setup !== undefined && !isSetup)) {
    return undefined; // A `setup` that is not one is reported by the schema.
  }
  const message = adoptionSetupIssue(setup as SetupReference | undefined, what);
  return message === undefined ? undefined : { path, message };
}
