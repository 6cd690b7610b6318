import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ALIAS_NAME,
  checkAutoNamedRole,
  checkIncidentManagerRegion,
  MAX_AUTO_NAMED_ROLE_RESOURCE_NAME,
  REPLICATION_SET_REGIONS,
} from "../aws";
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
}

const COMPONENT = "IncidentManagerSetup";
/** Source: ssm-incidents CreateReplicationSet regions. */
const MAX_REGIONS = REPLICATION_SET_REGIONS.max;
const KEY_ARN = /^arn:aws(?:-[a-z]+)*:kms:([a-z0-9-]+):(\d{12}):key\/[A-Za-z0-9-]+$/;

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
  })
  .superRefine((args, ctx) => {
    const { regions } = args;
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
  public readonly regions: readonly string[];
  /** The ARN of the customer-managed key of each region; empty with AWS-owned keys. */
  public readonly keyArns: pulumi.Output<Record<string, string>>;
  /** The keys this component created, by region; empty unless `kms: "create"`. */
  public readonly keys: Readonly<Record<string, aws.kms.Key>>;
  /** The replication set resource, for `dependsOn`. */
  public readonly replicationSet: awsnative.ssmincidents.ReplicationSet;
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
    this.accountId = identity.accountId;
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
    this.replicationSet = new awsnative.ssmincidents.ReplicationSet(
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
      { parent: this, protect: !spec.allowDestroy },
    );
    this.replicationSetArn = this.replicationSet.arn;

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
    return [this.replicationSet];
  }
}

/**
 * The key policy of a key this component creates: the account root keeps full control (so IAM
 * policies in the account decide who administers it), and Incident Manager and SSM Contacts may
 * use the key for their own data in this account and region only. No service gets `kms:*`.
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
        Sid: "IncidentManagerUsesTheKey",
        Effect: "Allow",
        Principal: { Service: ["ssm-incidents.amazonaws.com", "ssm-contacts.amazonaws.com"] },
        Action: [
          "kms:Decrypt",
          "kms:DescribeKey",
          "kms:Encrypt",
          "kms:GenerateDataKey*",
          "kms:ReEncrypt*",
        ],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
      {
        Sid: "AccountPrincipalsUseTheKeyThroughIncidentManager",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:CreateGrant", "kms:Decrypt", "kms:DescribeKey", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: {
          StringEquals: {
            "kms:CallerAccount": account,
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
