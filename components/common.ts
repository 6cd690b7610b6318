/**
 * Pieces every component after IncidentManagerSetup shares: the `setup` argument, contact aliases,
 * SSM Contacts ARNs, and the resource options that put a child after the setup, in its primary
 * region.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { IncidentManagerSetup } from "./incidentManagerSetup";
import {
  describeValue,
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
  TextRule,
} from "../aws";

/**
 * `setup`: an {@link IncidentManagerSetup}. Components depend on its replication set and create
 * their resources in its primary region (SSM Contacts resources can only be tagged there).
 */
export const setupSchema = z.custom<IncidentManagerSetup>(
  (value) => value instanceof IncidentManagerSetup,
  {
    error: (iss) =>
      `must be an IncidentManagerSetup (the component, not its args); got ${describeValue(iss.input)}`,
  },
);

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

const ENGAGEABLE = Symbol.for("pulumi-aws-incident-manager.engageable");

/**
 * A contact a response plan can engage that is not an OnCallTeam reference: an EscalationChain.
 * Its `arn` is the ESCALATION contact's ARN; `dependencies` are the resources to wait for.
 */
export interface Engageable {
  readonly alias: string;
  readonly arn: pulumi.Output<string>;
  readonly dependencies: readonly pulumi.Resource[];
}

/** Marks an object (an EscalationChain) as something a response plan can engage. */
export function markEngageable<T extends Engageable>(target: T): T {
  Object.defineProperty(target, ENGAGEABLE, { value: true, enumerable: false });
  return target;
}

/** True for an object marked with {@link markEngageable} (by any copy of this package). */
export function isEngageable(value: unknown): value is Engageable {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<symbol, unknown>)[ENGAGEABLE] === true
  );
}

/**
 * Where a child of a component goes: under the component, after the setup's replication set.
 * Classic `@pulumi/aws` resources also take `region: setup.primaryRegion` as an input; aws-native
 * resources land in the stack's `aws-native:region`, which IncidentManagerSetup checks is the
 * primary region.
 */
export function childOptions(
  parent: pulumi.Resource,
  setup: IncidentManagerSetup | undefined,
  extra: pulumi.CustomResourceOptions = {},
): pulumi.CustomResourceOptions {
  const dependsOn = [
    ...(setup === undefined ? [] : setup.dependency()),
    ...(extra.dependsOn === undefined
      ? []
      : ([] as pulumi.Input<pulumi.Resource>[]).concat(
          extra.dependsOn as pulumi.Input<pulumi.Resource>[],
        )),
  ];
  return { ...extra, parent, ...(dependsOn.length > 0 ? { dependsOn } : {}) };
}

/**
 * The rule an adopting component breaks when its import IDs cannot be derived: they name the
 * account and partition of `setup.replicationSetArn`. `what` completes "whose account and
 * partition <what> derived from". Undefined when the setup names its account.
 */
export function adoptionSetupIssue(
  setup: IncidentManagerSetup | { readonly replicationSetArn?: unknown } | undefined,
  what: string,
): string | undefined {
  const named =
    setup instanceof IncidentManagerSetup
      ? setup.adoptedAccount !== undefined
      : typeof setup?.replicationSetArn === "string";
  if (named) return undefined;
  return `needs \`setup\` with \`replicationSetArn\`, whose account and partition ${what} derived from; got ${setup === undefined ? "no setup" : "a setup without replicationSetArn"}. Pass the setup that adopts the account's replication set.`;
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
  if (!adopting || (setup !== undefined && !(setup instanceof IncidentManagerSetup))) {
    return undefined; // A `setup` that is not one is reported by the schema.
  }
  const message = adoptionSetupIssue(setup as IncidentManagerSetup | undefined, what);
  return message === undefined ? undefined : { path, message };
}
