import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ALIAS_NAME,
  checkAutoNamedRole,
  checkIncidentManagerRegion,
  KMS_KEY_ARN as KEY_ARN,
  MAX_AUTO_NAMED_ROLE_RESOURCE_NAME,
  REPLICATION_SET_ARN,
  REPLICATION_SET_REGIONS,
} from "../aws";
import { recordKnownReplicationSetArn } from "./references";
import { setupTagsSchema, Tags, toNativeTags } from "./tags";
import {
  checkWhenKnown,
  describeValue,
  fail,
  stringOr,
  validateArgs,
  ValidationContext,
  ValidationIssue,
} from "./validation";

/** How Incident Manager data is encrypted in one region. */
export type KmsChoice =
  /** An AWS-owned key (the default). */
  | "aws-owned"
  /** A customer-managed key this component creates in that region. */
  | "create"
  /** The ARN of an existing customer-managed key in that region. */
  | pulumi.Input<string>;

/** One region of the replication set, with its encryption. */
export interface ReplicationRegion {
  /** The AWS Region name, e.g. `ap-northeast-1`. */
  readonly region: string;
  /**
   * The key that encrypts Incident Manager data in this region: `"aws-owned"`, `"create"`, or the
   * ARN of an existing key in this region. Every region must use AWS-owned keys, or every region
   * customer-managed ones: AWS does not allow a mix.
   * @default "aws-owned"
   */
  readonly kms?: KmsChoice;
}

/** Arguments of {@link IncidentManagerSetup}. */
export interface IncidentManagerSetupArgs {
  /**
   * The regions Incident Manager replicates its data to. The first is the primary region, where
   * contacts, plans, rotations and response plans are created. 2 or 3 unique regions where Incident
   * Manager is offered (botocore's endpoint data: both ssm-incidents and ssm-contacts; not
   * ap-northeast-3); each is a
   * region name or `{ region, kms }`.
   *
   * Changing the list: AWS adds or removes one region per update (`UpdateReplicationSet` takes one
   * action, botocore 1.43 ssm-incidents), and "attempting to delete a Region from your replication
   * set sooner than 24 hours after creation causes the deletion to fail" (the user guide's
   * replication set page). Change one region per `pulumi up`; remove a region a day after adding it.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/replication.html
   */
  readonly regions: readonly (string | ReplicationRegion)[];
  /**
   * Accept a single region. Incident Manager cannot fail over with one region, so a warning is
   * logged.
   * @default false
   */
  readonly allowSingleRegion?: boolean;
  /**
   * Incident Manager's own deletion protection: the last region of the replication set cannot be
   * deleted while it is on.
   * @default true
   */
  readonly deletionProtected?: boolean;
  /**
   * Allow `pulumi destroy` to delete the replication set. When false the replication set is
   * registered with `protect: true`, because deleting it deletes every incident record, contact,
   * plan and response plan.
   * @default false
   */
  readonly allowDestroy?: boolean;
  /**
   * Create the service role Incident Manager uses to read findings (recent CodeDeploy deployments
   * and CloudFormation stack updates) during an incident.
   * @default false
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/findings.html
   */
  readonly findingsAccess?: boolean;
  /**
   * Tags for every taggable child, merged into every component on this setup: each must suit the
   * replication set's CloudFormation rule, SSM Contacts, SSM Incidents and IAM. At most 50.
   * @default {}
   */
  readonly tags?: Tags;
  /**
   * The ARN of the account's existing replication set,
   * `arn:<partition>:ssm-incidents::<account>:replication-set/<id>` (printed by
   * `aws ssm-incidents list-replication-sets`). With it the replication set is imported (Pulumi's
   * `import` option) instead of created, so `regions`, their `kms` and `deletionProtected` must be
   * written as they exist; the account and partition it names are used to compute the import IDs
   * of adopted contacts and response plans. An account holds one replication set.
   * @default none: a replication set is created
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_ListReplicationSets.html
   */
  readonly replicationSetArn?: string;
  /**
   * With `replicationSetArn`: `true` imports the replication set and manages it from this stack;
   * `false` registers no replication set and only references the ARN, for accounts where another
   * stack or team owns it (the other components work against it unchanged, and `kms: "create"` is
   * refused because the key would encrypt nothing).
   * @default true
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/import/
   */
  readonly manageReplicationSet?: boolean;
}

const COMPONENT = "IncidentManagerSetup";
/** Source: ssm-incidents CreateReplicationSet regions. */
const MAX_REGIONS = REPLICATION_SET_REGIONS.max;

/** A region where Incident Manager is offered (botocore endpoint data). */
const regionName = z.string().superRefine((region, ctx) => {
  const message = checkIncidentManagerRegion(region);
  if (message !== undefined) ctx.addIssue({ code: "custom", message });
});

const kmsSchema = z.custom<KmsChoice>((v) => typeof v === "string" || pulumi.Output.isInstance(v), {
  error: (iss) => `must be "aws-owned", "create" or a KMS key ARN; got ${describeValue(iss.input)}`,
});

const regionEntry = stringOr(
  regionName.transform((region) => ({ region, kms: "aws-owned" as KmsChoice })),
  z.strictObject(
    { region: regionName, kms: kmsSchema.default("aws-owned") },
    {
      error: (iss) =>
        iss.code === "invalid_type"
          ? `must be a region name or { region, kms }; got ${describeValue(iss.input)}`
          : undefined,
    },
  ),
);

/** The rule a customer-managed key ARN of `region` breaks, if any. */
function checkKeyArn(region: string, arn: string): string | undefined {
  const match = KEY_ARN.exec(arn);
  if (match === null) {
    return `must be "aws-owned", "create" or a KMS key ARN such as arn:aws:kms:${region}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab; got ${describeValue(arn)}`;
  }
  if (match[1] !== region) {
    return `must be a key in ${region}; got a key in ${match[1]} (${arn}). KMS keys are regional: create or pick a key in ${region}, or use "create".`;
  }
  return undefined;
}

/** The schema of {@link IncidentManagerSetupArgs}, shared with the config-driven stack. */
export const incidentManagerSetupSchema = z
  .strictObject({
    regions: z.array(regionEntry).min(1, {
      error: "needs at least 2 regions so Incident Manager can fail over; got none",
    }),
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
  })
  .superRefine((args, ctx) => {
    const { regions } = args;
    if (args.replicationSetArn === undefined && !args.manageReplicationSet) {
      ctx.addIssue({
        code: "custom",
        path: ["manageReplicationSet"],
        message:
          "is false, which only references an existing replication set, but `replicationSetArn` is not set; got false. Set `replicationSetArn` to the account's replication set ARN, or remove `manageReplicationSet`.",
      });
    }
    if (!args.manageReplicationSet) {
      regions.forEach((r, i) => {
        if (r.kms === "create") {
          ctx.addIssue({
            code: "custom",
            path: ["regions", i, "kms"],
            message: `is "create", but \`manageReplicationSet: false\` registers no replication set for the key to encrypt; got "create". Give the existing key's ARN or "aws-owned", as the replication set uses it.`,
          });
        }
      });
    }
    const names = regions.map((r) => r.region);
    if (regions.length === 1 && !args.allowSingleRegion) {
      ctx.addIssue({
        code: "custom",
        path: ["regions"],
        message: `needs at least 2 regions so Incident Manager can fail over; got 1 (${names[0]}). Add a second region, or set \`allowSingleRegion: true\`.`,
      });
    }
    if (regions.length > MAX_REGIONS) {
      ctx.addIssue({
        code: "custom",
        path: ["regions"],
        message: `holds at most ${MAX_REGIONS} regions (${REPLICATION_SET_REGIONS.source}); got ${regions.length} (${names.join(", ")}). Remove ${regions.length - MAX_REGIONS}.`,
      });
    }
    names.forEach((name, i) => {
      const first = names.indexOf(name);
      if (first !== i) {
        ctx.addIssue({
          code: "custom",
          path: ["regions", i],
          message: `repeats ${name}, already listed at \`regions[${first}]\`; each region may appear once.`,
        });
      }
    });
    // A key ARN that is itself wrong is reported below, once, not as a mix of key kinds too.
    const known = regions.filter(
      (r) =>
        typeof r.kms !== "string" ||
        r.kms === "aws-owned" ||
        r.kms === "create" ||
        checkKeyArn(r.region, r.kms) === undefined,
    );
    const owned = known.filter((r) => r.kms === "aws-owned").map((r) => r.region);
    if (owned.length > 0 && owned.length < known.length) {
      const managed = known.filter((r) => r.kms !== "aws-owned").map((r) => r.region);
      ctx.addIssue({
        code: "custom",
        path: ["regions"],
        message: `mixes AWS-owned keys (${owned.join(", ")}) with customer-managed keys (${managed.join(", ")}); AWS requires one kind in every region, and switching later deletes every incident record. Set the same \`kms\` kind for all regions.`,
      });
    }
    regions.forEach((r, i) => {
      if (typeof r.kms !== "string" || r.kms === "aws-owned" || r.kms === "create") return;
      const message = checkKeyArn(r.region, r.kms);
      if (message !== undefined)
        ctx.addIssue({ code: "custom", path: ["regions", i, "kms"], message });
    });
  });

/**
 * The replication set and the ONCALL_SCHEDULE contacts come from `@pulumi/aws-native`, which has no
 * per-resource region: they land in the `aws-native:region` of the stack. When that is set and is
 * not the primary region, contacts would be created outside the primary region (where AWS does
 * not allow tagging them), so it is an error.
 */
function checkNativeRegion(context: ValidationContext, primary: string): void {
  const nativeRegion = new pulumi.Config("aws-native").get("region");
  if (nativeRegion !== undefined && nativeRegion !== primary) {
    fail(context, [
      {
        path: ["regions", 0],
        message: `is the primary region ${primary}, but the stack's aws-native provider is in ${nativeRegion}; got aws-native:region=${nativeRegion}. Run \`pulumi config set aws-native:region ${primary}\`, or list ${nativeRegion} first.`,
      },
    ]);
  }
}

/**
 * The rules on the component's name that its children's names bring: the created keys' alias
 * `alias/incident-manager/<name>` (kms CreateAlias AliasName), and the findings role the provider
 * auto-names `<name>-findings-<7 characters>` (iam CreateRole RoleName).
 */
function setupNameIssues(name: string, spec: SetupSpec): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  spec.regions.forEach((r, i) => {
    if (r.kms !== "create") return;
    const alias = `alias/incident-manager/${name}`;
    if (alias.length > ALIAS_NAME.max || !ALIAS_NAME.pattern!.test(alias)) {
      issues.push({
        path: ["regions", i, "kms"],
        message: `is "create", and the key's alias would be ${describeValue(alias)}, which KMS refuses (${ALIAS_NAME.source}: ${ALIAS_NAME.patternText}, at most ${ALIAS_NAME.max} characters). Name the component with letters, digits, "/", "_", "-" and ":" only, or pass an existing key's ARN.`,
      });
    }
  });
  if (spec.findingsAccess) {
    const broken = checkAutoNamedRole(`${name}-findings`);
    if (broken !== undefined) {
      issues.push({
        path: ["findingsAccess"],
        message: `is true, so the component creates a role that ${broken}; got a component name of ${name.length} characters. Give the component a name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME - "-findings".length} characters.`,
      });
    }
  }
  return issues;
}

/** Validated, defaulted args. */
type SetupSpec = z.output<typeof incidentManagerSetupSchema>;

/**
 * Incident Manager's replication set: the regions its data lives in and the keys that encrypt it,
 * deletion protection, and optionally the findings service role. Every other component of this
 * package takes it as `setup`, to depend on it and to create its resources in the primary region.
 *
 * Since 2025-11-07 AWS no longer opens Incident Manager to new customers; accounts that already use
 * it keep it.
 */
export class IncidentManagerSetup extends pulumi.ComponentResource {
  /** The replication set's ARN. */
  public readonly replicationSetArn: pulumi.Output<string>;
  /** The first region: where contacts, plans, rotations and response plans belong. */
  public readonly primaryRegion: string;
  /** Every region of the replication set, primary first. */
  public readonly regions: string[];
  /** The ARN of the customer-managed key of each region; empty with AWS-owned keys. */
  public readonly keyArns: pulumi.Output<Record<string, string>>;
  /** The keys this component created, by region; empty unless `kms: "create"`. */
  public readonly keys: Readonly<Record<string, aws.kms.Key>>;
  /**
   * The replication set resource, for `dependsOn`; undefined with `manageReplicationSet: false`,
   * when another stack owns it.
   */
  public readonly replicationSet: awsnative.ssmincidents.ReplicationSet | undefined;
  /**
   * The account and partition named by `replicationSetArn`, known before anything deploys; the
   * other components compute the import IDs of adopted resources from them. Undefined without
   * `replicationSetArn`.
   */
  public readonly adoptedAccount:
    { readonly accountId: string; readonly partition: string } | undefined;
  /** The findings service role's ARN, when `findingsAccess` is on. */
  public readonly findingsRoleArn: pulumi.Output<string> | undefined;
  /** The tags this setup applies, for components that want to share them. */
  public readonly tags: Readonly<Record<string, string>>;
  /**
   * The id of the account Incident Manager runs in (from `aws.getCallerIdentity`), which the
   * components on this setup name in their IAM and KMS policies instead of asking again.
   */
  public readonly accountId: pulumi.Output<string>;
  /** The account's AWS partition (`aws`, `aws-cn`, `aws-us-gov`), from `aws.getPartition`. */
  public readonly partition: pulumi.Output<string>;

  constructor(
    name: string,
    args: IncidentManagerSetupArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const context: ValidationContext = { component: COMPONENT, name };
    const spec: SetupSpec = validateArgs(incidentManagerSetupSchema, args, context);
    const nameIssues = setupNameIssues(name, spec);
    if (nameIssues.length > 0) fail(context, nameIssues);
    checkNativeRegion(context, spec.regions[0].region);
    super("incident-manager:index:IncidentManagerSetup", name, {}, opts);

    this.regions = spec.regions.map((r) => r.region);
    this.primaryRegion = this.regions[0];
    this.tags = spec.tags;
    if (spec.regions.length === 1) {
      pulumi.log.warn(
        `${COMPONENT} '${name}': one region (${this.primaryRegion}) cannot fail over; add a second region.`,
        this,
      );
    }

    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const adopted =
      spec.replicationSetArn === undefined
        ? undefined
        : REPLICATION_SET_ARN.exec(spec.replicationSetArn)!;
    this.adoptedAccount =
      adopted === undefined ? undefined : { accountId: adopted[2], partition: adopted[1] };
    if (spec.replicationSetArn !== undefined) {
      recordKnownReplicationSetArn(this, spec.replicationSetArn);
    }
    // The import IDs of every adopted child name the ARN's account: the stack must run in it.
    this.accountId =
      adopted === undefined
        ? identity.accountId
        : checkWhenKnown(context, ["replicationSetArn"], identity.accountId, (account) =>
            account === adopted[2]
              ? undefined
              : `names the account ${adopted[2]}, but the stack's AWS credentials are for the account ${account}; got ${spec.replicationSetArn}. Run the stack with credentials of ${adopted[2]}, or give that account's replication set.`,
          );
    this.partition = partition.partition;

    const keys: Record<string, aws.kms.Key> = {};
    const keyArns: Record<string, pulumi.Input<string>> = {};
    spec.regions.forEach(({ region, kms }, i) => {
      if (kms === "aws-owned") return;
      if (kms !== "create") {
        // A plain ARN was checked above; an Output is checked when it resolves.
        keyArns[region] = pulumi.Output.isInstance(kms)
          ? checkWhenKnown(context, ["regions", i, "kms"], kms, (arn) => checkKeyArn(region, arn))
          : kms;
        return;
      }
      const key = new aws.kms.Key(
        `${name}-key-${region}`,
        {
          region,
          description: `Encrypts AWS Systems Manager Incident Manager data in ${region} (${name}).`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: pulumi
            .all([identity.accountId, partition.partition])
            .apply(([account, part]) =>
              JSON.stringify(incidentManagerKeyPolicy(part, account, region)),
            ),
          tags: spec.tags,
        },
        { parent: this },
      );
      new aws.kms.Alias(
        `${name}-key-${region}`,
        { region, name: `alias/incident-manager/${name}`, targetKeyId: key.keyId },
        { parent: this },
      );
      keys[region] = key;
      keyArns[region] = key.arn;
    });
    this.keys = keys;
    this.keyArns = pulumi.output(keyArns) as pulumi.Output<Record<string, string>>;

    // aws-native, not @pulumi/aws: only the Cloud Control schema takes `deletionProtected` as an
    // input (the classic resource reports it as an output only).
    // With `replicationSetArn`, the existing replication set is imported: its import ID is its ARN,
    // the `primaryIdentifier` of AWS::SSMIncidents::ReplicationSet (cfn-lint 1.51's schema).
    // Pulumi ignores `import` once the resource is in the state with that ID.
    this.replicationSet = !spec.manageReplicationSet
      ? undefined
      : new awsnative.ssmincidents.ReplicationSet(
          `${name}-replication-set`,
          {
            regions: spec.regions.map(({ region }) =>
              keyArns[region] === undefined
                ? { regionName: region }
                : { regionName: region, regionConfiguration: { sseKmsKeyId: keyArns[region] } },
            ),
            deletionProtected: spec.deletionProtected,
            tags: toNativeTags(spec.tags),
          },
          {
            parent: this,
            protect: !spec.allowDestroy,
            ...(spec.replicationSetArn === undefined ? {} : { import: spec.replicationSetArn }),
          },
        );
    this.replicationSetArn =
      this.replicationSet?.arn ?? pulumi.output(spec.replicationSetArn as string);

    if (spec.findingsAccess) {
      const role = new aws.iam.Role(
        `${name}-findings`,
        {
          description: "Lets Incident Manager read findings (deployments, stack updates).",
          assumeRolePolicy: identity.accountId.apply((account) =>
            JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Principal: { Service: "ssm-incidents.amazonaws.com" },
                  Action: "sts:AssumeRole",
                  Condition: { StringEquals: { "aws:SourceAccount": account } },
                },
              ],
            }),
          ),
          tags: spec.tags,
        },
        { parent: this },
      );
      new aws.iam.RolePolicyAttachment(
        `${name}-findings`,
        {
          role: role.name,
          policyArn: pulumi.interpolate`arn:${partition.partition}:iam::aws:policy/AWSIncidentManagerIncidentAccessServiceRolePolicy`,
        },
        { parent: this },
      );
      this.findingsRoleArn = role.arn;
    } else {
      this.findingsRoleArn = undefined;
    }

    this.registerOutputs({
      replicationSetArn: this.replicationSetArn,
      primaryRegion: this.primaryRegion,
      regions: this.regions,
      keyArns: this.keyArns,
      findingsRoleArn: this.findingsRoleArn,
    });
  }

  /** Resource options that put a child of another component after this setup. */
  public dependency(): pulumi.Resource[] {
    // A replication set another stack owns already exists: there is nothing to wait for.
    return this.replicationSet === undefined ? [] : [this.replicationSet];
  }
}

/**
 * The key policy of a key this component creates, in the form AWS's Incident Manager user guide
 * gives ("Data protection in Incident Manager", Data encryption: the statement "Allow CreateGrant
 * through AWS Systems Manager Incident Manager"): the account root keeps full control (so IAM
 * policies in the account decide who administers it), and principals of this account may create
 * grants on the key and describe it only through Incident Manager (`kms:ViaService` matched with
 * `StringLike` against `ssm-incidents.<region>.amazonaws.com` and
 * `ssm-contacts.<region>.amazonaws.com`). Incident Manager then uses the key through those grants.
 * AWS's example names the IAM principal that creates the replication set; not knowing it, this
 * policy allows any principal of the account (`kms:CallerAccount`), still only through the two
 * services. No service principal is named and nothing else is granted.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/data-protection.html
 */
export function incidentManagerKeyPolicy(partition: string, account: string, region: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountRootAdministersTheKey",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        // AWS's statement, from the user guide's data-protection page.
        Sid: "Allow CreateGrant through AWS Systems Manager Incident Manager",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:CreateGrant", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": account },
          StringLike: {
            "kms:ViaService": [
              `ssm-incidents.${region}.amazonaws.com`,
              `ssm-contacts.${region}.amazonaws.com`,
            ],
          },
        },
      },
    ],
  };
}
