/**
 * Step 1 of IncidentManagerSetup: the zod data schema of its args (types, ranges, AWS patterns and
 * the rules within the args).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { KMS_KEY_ARN as KEY_ARN, REPLICATION_SET_ARN, REPLICATION_SET_REGIONS } from "../../aws";
import { regionName, uniqueBy } from "../schemaHelpers";
import { setupTagsSchema } from "../tags";
import { describeValue, validateArgs } from "../validation";
import type { IncidentManagerSetupArgs } from "./args";
import { analysisTemplatesSchema } from "./analysisTemplates";
import { pagerDutySecretSchema } from "./pagerDutySecret";

export const COMPONENT = "IncidentManagerSetup";
/** Source: ssm-incidents CreateReplicationSet regions. */
const MAX_REGIONS = REPLICATION_SET_REGIONS.max;

/** The `kms` value that asks the component to create a key in the region. */
export const CREATE_KEY = "create";

/** The rule a customer-managed key ARN of `region` breaks, if any. */
export function checkKeyArn(region: string, arn: string): string | undefined {
  const match = KEY_ARN.exec(arn);
  if (match === null) {
    return `must be "create" or a KMS key ARN such as arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab; got ${describeValue(arn)}`;
  }
  if (match[1] !== region) {
    return `must be a key in ${region}; got a key in ${match[1]} (${arn}). KMS keys are regional: create or pick a key in ${region}, or use "create".`;
  }
  return undefined;
}

/** A `kms` value: `"create"` or a key ARN, checked in the args' refinement (it needs the region). */
const kmsValue = z.custom<pulumi.Input<string>>(
  (v) => typeof v === "string" || pulumi.Output.isInstance(v),
  { error: (iss) => `must be "create" or a KMS key ARN; got ${describeValue(iss.input)}` },
);

/** The data schema of {@link IncidentManagerSetupArgs}, shared with the config-driven stack. */
export const incidentManagerSetupSchema = z
  .strictObject({
    regions: z
      .array(regionName)
      .min(1, { error: "needs at least 2 regions so Incident Manager can fail over; got none" })
      .superRefine((regions, ctx) =>
        uniqueBy(regions, (r) => r, ctx, "region", ["regions"], "each region may appear once."),
      ),
    kms: z.record(z.string(), kmsValue).optional(),
    allowSingleRegion: z.boolean().default(false),
    deletionProtected: z.boolean().default(true),
    allowDestroy: z.boolean().default(false),
    findingsAccess: z.boolean().default(false),
    tags: setupTagsSchema.default({}),
    replicationSetArn: z
      .string()
      .refine((arn) => REPLICATION_SET_ARN.test(arn), {
        error: (iss) =>
          `must be a replication set ARN such as arn:aws:ssm-incidents::123456789012:replication-set/40bd98f0-4110-2dee-b35e-b87006f9e172; got ${describeValue(iss.input)}. Run \`aws ssm-incidents list-replication-sets\` to print it.`,
      })
      .optional(),
    manageReplicationSet: z.boolean().default(true),
    analysisTemplates: analysisTemplatesSchema.default([]),
    pagerDutySecret: pagerDutySecretSchema.optional(),
  })
  .superRefine((args, ctx) => {
    const { regions, kms } = args;
    if (args.replicationSetArn === undefined && !args.manageReplicationSet) {
      ctx.addIssue({
        code: "custom",
        path: ["manageReplicationSet"],
        message:
          "is false, which only references an existing replication set, but `replicationSetArn` is not set; got false. Set `replicationSetArn` to the account's replication set ARN, or remove `manageReplicationSet`.",
      });
    }
    if (regions.length === 1 && !args.allowSingleRegion) {
      ctx.addIssue({
        code: "custom",
        path: ["regions"],
        message: `needs at least 2 regions so Incident Manager can fail over; got 1 (${regions[0]}). Add a second region, or set \`allowSingleRegion: true\`.`,
      });
    }
    if (regions.length > MAX_REGIONS) {
      ctx.addIssue({
        code: "custom",
        path: ["regions"],
        message: `holds at most ${MAX_REGIONS} regions (${REPLICATION_SET_REGIONS.source}); got ${regions.length} (${regions.join(", ")}). Remove ${regions.length - MAX_REGIONS}.`,
      });
    }
    if (kms === undefined) return;
    const listed = new Set(regions);
    for (const [region, key] of Object.entries(kms)) {
      const path = ["kms", region];
      if (!listed.has(region)) {
        ctx.addIssue({
          code: "custom",
          path,
          message: `names a region that is not in \`regions\` (${regions.join(", ")}); got ${describeValue(region)}. Remove it, or add the region to \`regions\`.`,
        });
        continue;
      }
      if (key === CREATE_KEY) {
        if (!args.manageReplicationSet) {
          ctx.addIssue({
            code: "custom",
            path,
            message: `is "create", but \`manageReplicationSet: false\` registers no replication set for the key to encrypt; got "create". Give the existing key's ARN, as the replication set uses it (or remove \`kms\` if it uses AWS-owned keys).`,
          });
        }
        continue;
      }
      // An Output is checked when it resolves, by the component.
      const message = typeof key === "string" ? checkKeyArn(region, key) : undefined;
      if (message !== undefined) ctx.addIssue({ code: "custom", path, message });
    }
    // AWS does not allow a mix of AWS-owned and customer-managed keys: a region `kms` leaves out
    // would use an AWS-owned key.
    const missing = regions.filter((region) => !(region in kms));
    if (missing.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["kms"],
        message: `must name every region of \`regions\`: a region left out would use an AWS-owned key, AWS requires one kind of key in every region, and switching later deletes every incident record; got no key for ${missing.join(", ")}. Give "create" or a key ARN for ${missing.join(", ")}, or remove \`kms\` to use AWS-owned keys everywhere.`,
      });
    }
  });

/** Parsed, defaulted args of IncidentManagerSetup. */
export type IncidentManagerSetupData = z.output<typeof incidentManagerSetupSchema>;

/**
 * Step 1: checks `args` with the data schema. Returns the parsed args (defaults applied) or
 * throws one ValidationError naming the component and every broken rule.
 */
export function parseIncidentManagerSetupArgs(
  name: string,
  args: IncidentManagerSetupArgs,
): IncidentManagerSetupData {
  return validateArgs(incidentManagerSetupSchema, args, { component: COMPONENT, name });
}
