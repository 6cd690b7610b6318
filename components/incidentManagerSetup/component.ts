/**
 * The IncidentManagerSetup class: registers what its resolved spec describes. Its public
 * properties are the package schema's outputs, and make it a SetupReference.
 */
import * as aws from "@pulumi/aws";
import * as awsnative from "@pulumi/aws-native";
import * as pulumi from "@pulumi/pulumi";
import { recordKnownReplicationSetArn } from "../references";
import { toNativeTags } from "../tags";
import { checkWhenKnown, type ValidationContext } from "../validation";
import type { IncidentManagerSetupArgs } from "./args";
import { accountRootKeyStatement, pagerDutyKeyStatement } from "../../aws";
import { createAnalysisTemplates } from "./analysisTemplates";
import { createPagerDutySecret } from "./pagerDutySecret";
import { checkKeyArn, COMPONENT, CREATE_KEY } from "./schema";
import { specFor } from "./resolution";

/** What an IncidentManagerSetup keeps for its TypeScript surface, out of the schema. */
interface SetupState {
  readonly keys: Readonly<Record<string, aws.kms.Key>>;
  readonly replicationSet: awsnative.ssmincidents.ReplicationSet | undefined;
  readonly adoptedAccount: { readonly accountId: string; readonly partition: string } | undefined;
}

const states = new WeakMap<IncidentManagerSetup, SetupState>();

/**
 * Incident Manager's replication set: the regions its data lives in and the keys that encrypt it,
 * deletion protection, and optionally the findings service role. Every other component of this
 * package takes it as `setup` (it is a {@link SetupReference}), to depend on it and to create its
 * resources in the primary region.
 *
 * Since 2025-11-07 AWS no longer opens Incident Manager to new customers; accounts that already use
 * it keep it.
 */
export class IncidentManagerSetup extends pulumi.ComponentResource {
  /**
   * The replication set's ARN. Its Output carries the dependency on the replication set, so a
   * component given this setup waits for it.
   */
  public readonly replicationSetArn: pulumi.Output<string>;
  /** The first region: where contacts, plans, rotations and response plans belong. */
  public readonly primaryRegion: string;
  /** Every region of the replication set, primary first. */
  public readonly regions: string[];
  /** The ARN of the customer-managed key of each region; empty with AWS-owned keys. */
  public readonly keyArns: pulumi.Output<Record<string, string>>;
  /** The findings service role's ARN, when `findingsAccess` is on. */
  public readonly findingsRoleArn: pulumi.Output<string> | undefined;
  /** The tags this setup applies, merged under the tags of every component on it. */
  public readonly tags: Record<string, string>;
  /**
   * The id of the account Incident Manager runs in (from `aws.getCallerIdentity`), which the
   * components on this setup name in their IAM and KMS policies instead of asking again.
   */
  public readonly accountId: pulumi.Output<string>;
  /** The account's AWS partition (`aws`, `aws-cn`, `aws-us-gov`), from `aws.getPartition`. */
  public readonly partition: pulumi.Output<string>;
  /**
   * The names of the post-incident analysis templates this setup creates (each in every region);
   * empty without `analysisTemplates`.
   */
  public readonly analysisTemplateNames: string[];
  /**
   * The ARN of the PagerDuty credentials secret, with `pagerDutySecret`. Its Output carries the
   * dependencies on the secret's value, its resource policy and its keys, so a response plan
   * given it waits for all of them.
   */
  public readonly pagerDutySecretArn: pulumi.Output<string> | undefined;

  constructor(
    name: string,
    args: IncidentManagerSetupArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const context: ValidationContext = { component: COMPONENT, name };
    const spec = specFor(name, args);
    super("incident-manager:index:IncidentManagerSetup", name, {}, opts);

    this.regions = [...spec.regions];
    this.primaryRegion = spec.primaryRegion;
    this.tags = { ...spec.tags };
    if (spec.regions.length === 1) {
      pulumi.log.warn(
        `${COMPONENT} '${name}': one region (${this.primaryRegion}) cannot fail over; add a second region.`,
        this,
      );
    }

    const identity = aws.getCallerIdentityOutput({}, { parent: this });
    const partition = aws.getPartitionOutput({}, { parent: this });
    const adopted = spec.adoptedAccount;
    if (spec.replicationSetArn !== undefined) {
      recordKnownReplicationSetArn(this, spec.replicationSetArn);
    }
    // The import IDs of every adopted child name the ARN's account: the stack must run in it.
    this.accountId =
      adopted === undefined
        ? identity.accountId
        : checkWhenKnown(context, ["replicationSetArn"], identity.accountId, (account) =>
            account === adopted.accountId
              ? undefined
              : `names the account ${adopted.accountId}, but the stack's AWS credentials are for the account ${account}; got ${spec.replicationSetArn}. Run the stack with credentials of ${adopted.accountId}, or give that account's replication set.`,
          );
    this.partition = partition.partition;

    const keys: Record<string, aws.kms.Key> = {};
    const keyArns: Record<string, pulumi.Input<string>> = {};
    // The PagerDuty secret reuses the keys this setup creates when it creates every region's key.
    const secretOnSetupKeys =
      spec.pagerDutySecret !== undefined &&
      spec.regions.every((region) => spec.keyOf(region) === CREATE_KEY);
    for (const region of spec.regions) {
      const kms = spec.keyOf(region);
      if (kms === undefined) continue;
      if (kms !== CREATE_KEY) {
        // A plain ARN was checked by the schema; an Output is checked when it resolves.
        keyArns[region] = pulumi.Output.isInstance(kms)
          ? checkWhenKnown(context, ["kms", region], kms, (arn) => checkKeyArn(region, arn))
          : kms;
        continue;
      }
      const key = new aws.kms.Key(
        `${name}-key-${region}`,
        {
          region,
          description: `Encrypts AWS Systems Manager Incident Manager data in ${region} (${name}).`,
          enableKeyRotation: true,
          deletionWindowInDays: 30,
          policy: pulumi.all([identity.accountId, partition.partition]).apply(([account, part]) =>
            JSON.stringify(
              incidentManagerKeyPolicy(part, account, region, {
                pagerDutySecret: secretOnSetupKeys,
              }),
            ),
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
    }
    this.keyArns = pulumi.output(keyArns) as pulumi.Output<Record<string, string>>;

    // aws-native, not @pulumi/aws: only the Cloud Control schema takes `deletionProtected` as an
    // input (the classic resource reports it as an output only).
    // With `replicationSetArn`, the existing replication set is imported: its import ID is its ARN,
    // the `primaryIdentifier` of AWS::SSMIncidents::ReplicationSet (cfn-lint 1.51's schema).
    // Pulumi ignores `import` once the resource is in the state with that ID.
    const replicationSet = !spec.manageReplicationSet
      ? undefined
      : new awsnative.ssmincidents.ReplicationSet(
          `${name}-replication-set`,
          {
            regions: spec.regions.map((region) =>
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
    this.replicationSetArn = replicationSet?.arn ?? pulumi.output(spec.replicationSetArn as string);

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
    this.analysisTemplateNames = spec.analysisTemplates.map((t) => t.name);
    createAnalysisTemplates(name, spec.analysisTemplates, spec.regions, spec.tags, this);
    this.pagerDutySecretArn =
      spec.pagerDutySecret === undefined
        ? undefined
        : createPagerDutySecret({
            name,
            data: spec.pagerDutySecret,
            regions: spec.regions,
            setupKeyArns: secretOnSetupKeys ? keyArns : undefined,
            accountId: identity.accountId,
            partition: partition.partition,
            tags: spec.tags,
            parent: this,
          });
    states.set(this, { keys, replicationSet, adoptedAccount: adopted });

    this.registerOutputs({
      replicationSetArn: this.replicationSetArn,
      primaryRegion: this.primaryRegion,
      regions: this.regions,
      keyArns: this.keyArns,
      findingsRoleArn: this.findingsRoleArn,
      tags: this.tags,
      accountId: this.accountId,
      partition: this.partition,
      analysisTemplateNames: this.analysisTemplateNames,
      pagerDutySecretArn: this.pagerDutySecretArn,
    });
  }

  /** The keys this component created, by region; empty unless `kms` holds `"create"`. */
  public get keys(): Readonly<Record<string, aws.kms.Key>> {
    return states.get(this)!.keys;
  }

  /**
   * The replication set resource; undefined with `manageReplicationSet: false`, when another stack
   * owns it.
   */
  public get replicationSet(): awsnative.ssmincidents.ReplicationSet | undefined {
    return states.get(this)!.replicationSet;
  }

  /**
   * The account and partition named by `replicationSetArn`, known before anything deploys; the
   * other components compute the import IDs of adopted resources from them. Undefined without
   * `replicationSetArn`.
   */
  public get adoptedAccount():
    { readonly accountId: string; readonly partition: string } | undefined {
    return states.get(this)!.adoptedAccount;
  }

  /** Resources for `dependsOn` that put a resource of another program after this setup. */
  public dependency(): pulumi.Resource[] {
    // A replication set another stack owns already exists: there is nothing to wait for.
    const { replicationSet } = states.get(this)!;
    return replicationSet === undefined ? [] : [replicationSet];
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
 * services. No service principal is named and nothing else is granted, unless the key also
 * encrypts the PagerDuty secret (`options.pagerDutySecret`): then the PagerDuty page's statement
 * lets `ssm-incidents.amazonaws.com` decrypt through Secrets Manager in the key's region.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/data-protection.html
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
 */
export function incidentManagerKeyPolicy(
  partition: string,
  account: string,
  region: string,
  options: { readonly pagerDutySecret?: boolean } = {},
) {
  return {
    Version: "2012-10-17",
    Statement: [
      accountRootKeyStatement(partition, account),
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
      ...(options.pagerDutySecret ? [pagerDutyKeyStatement(region)] : []),
    ],
  };
}
