/**
 * The PagerDuty credentials secret of IncidentManagerSetup: its data schema, the key that
 * encrypts it and the secret itself, as the Incident Manager user guide's PagerDuty page gives
 * them ("Storing PagerDuty access credentials in an AWS Secrets Manager secret").
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { maskAddress } from "../../aws/phone";
import {
  accountRootKeyStatement,
  checkEmailAddress,
  pagerDutyKeyStatement,
  pagerDutySecretPolicy,
  SECRET_STRING,
} from "../../aws";
import { input, ValidationError } from "../validation";

/** A value whose text is never shown in a message: only its kind and length. */
function secretText(what: string, fix: string) {
  return z.custom<string>((v) => typeof v === "string" && v.trim().length > 0, {
    error: (iss) =>
      typeof iss.input === "string"
        ? `must be ${what}; got ${iss.input.length === 0 ? "an empty string" : "only spaces"}. ${fix}`
        : `must be ${what} (a string); got ${iss.input === null ? "null" : typeof iss.input}. ${fix}`,
  });
}

/** The email address of a PagerDuty user; the address is masked in every message. */
const fromEmail = z.custom<string>(
  (v) => typeof v === "string" && checkEmailAddress(v) === undefined,
  {
    error: (iss) =>
      typeof iss.input === "string"
        ? `${checkEmailAddress(iss.input)} (a user of your PagerDuty subdomain); got ${JSON.stringify(maskAddress(iss.input))}`
        : `must be an email address (a string); got ${iss.input === null ? "null" : typeof iss.input}`,
  },
);

/** `pagerDutySecret`: the three values of the secret's JSON, in AWS's keys. */
export const pagerDutySecretSchema = z.strictObject({
  pagerDutyToken: input(
    secretText(
      "a PagerDuty REST API key (General Access or User Token)",
      'Pass it as a secret, e.g. `config.requireSecret("pagerDutyToken")`.',
    ),
  ),
  pagerDutyServiceRegion: secretText(
    "the service region of your PagerDuty subdomain, such as US",
    "See PagerDuty's Service Regions page.",
  ),
  pagerDutyFromEmail: input(fromEmail),
});

/** Parsed `pagerDutySecret`. */
export type PagerDutySecretData = z.output<typeof pagerDutySecretSchema>;

/**
 * The key policy of a key made for the secret: the account root keeps control (so IAM policies of
 * the account decide who else uses it, the response plan's creator included, which needs
 * `kms:Decrypt` and `kms:GenerateDataKey*`, and `secretsmanager:GetSecretValue`, per AWS's page),
 * and Incident Manager may decrypt through Secrets Manager in the key's region.
 */
export function pagerDutyKeyPolicy(partition: string, account: string, region: string) {
  return {
    Version: "2012-10-17",
    Statement: [accountRootKeyStatement(partition, account), pagerDutyKeyStatement(region)],
  };
}

/** What the secret is built from. */
export interface PagerDutySecretBuild {
  readonly name: string;
  readonly data: PagerDutySecretData;
  /** Every region, primary first: the secret lives in the first and is replicated to the rest. */
  readonly regions: readonly string[];
  /** The keys by region: the setup's created keys, or undefined to create a key for the secret. */
  readonly setupKeyArns: Readonly<Record<string, pulumi.Input<string>>> | undefined;
  readonly accountId: pulumi.Input<string>;
  readonly partition: pulumi.Input<string>;
  readonly tags: Record<string, string>;
  readonly parent: pulumi.Resource;
}

/**
 * Registers the secret `<name>-pagerduty` (Secrets Manager, primary region, replicated to the
 * other regions with each region's key), its version (the JSON, a Pulumi secret) and its resource
 * policy. Without the setup's keys it first creates `<name>-pagerduty-key`, a symmetric
 * multi-Region key (AWS's page: "If you want to replicate your response plan to multiple AWS
 * Regions, ensure that you select Multi-Region key"), and a replica `<name>-pagerduty-key-<region>`
 * in every other region. Returns the secret's ARN, carrying the dependencies on all of them.
 */
export function createPagerDutySecret(build: PagerDutySecretBuild): pulumi.Output<string> {
  const { name, data, regions, accountId, partition, tags, parent } = build;
  const [primary, ...others] = regions;
  const policyOf = (region: string) =>
    pulumi
      .all([partition, accountId])
      .apply(([part, account]) => JSON.stringify(pagerDutyKeyPolicy(part, account, region)));
  const keyArns: Record<string, pulumi.Input<string>> = {};
  if (build.setupKeyArns !== undefined) {
    Object.assign(keyArns, build.setupKeyArns);
  } else {
    const key = new aws.kms.Key(
      `${name}-pagerduty-key`,
      {
        region: primary,
        description: `Encrypts the PagerDuty credentials Incident Manager reads (${name}).`,
        multiRegion: true,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: policyOf(primary),
        tags,
      },
      { parent },
    );
    keyArns[primary] = key.arn;
    for (const region of others) {
      const replica = new aws.kms.ReplicaKey(
        `${name}-pagerduty-key-${region}`,
        {
          region,
          primaryKeyArn: key.arn,
          description: `Encrypts the PagerDuty credentials Incident Manager reads in ${region} (${name}).`,
          deletionWindowInDays: 30,
          policy: policyOf(region),
          tags,
        },
        { parent },
      );
      keyArns[region] = replica.arn;
    }
  }
  const secret = new aws.secretsmanager.Secret(
    `${name}-pagerduty`,
    {
      region: primary,
      description: `PagerDuty credentials for Incident Manager response plans (${name}).`,
      kmsKeyId: keyArns[primary],
      ...(others.length > 0
        ? { replicas: others.map((region) => ({ region, kmsKeyId: keyArns[region] })) }
        : {}),
      tags,
    },
    { parent },
  );
  const secretString = pulumi
    .all([data.pagerDutyToken, data.pagerDutyFromEmail])
    .apply(([token, email]) => {
      const json = JSON.stringify({
        pagerDutyToken: token,
        pagerDutyServiceRegion: data.pagerDutyServiceRegion,
        pagerDutyFromEmail: email,
      });
      if (json.length > SECRET_STRING.max) {
        throw new ValidationError({ component: "IncidentManagerSetup", name }, [
          {
            path: ["pagerDutySecret", "pagerDutyToken"],
            message: `makes a secret string of more than ${SECRET_STRING.max} characters (${SECRET_STRING.source}); got a token of ${token.length} characters. Check that it is the API key alone.`,
          },
        ]);
      }
      return json;
    });
  const version = new aws.secretsmanager.SecretVersion(
    `${name}-pagerduty`,
    { region: primary, secretId: secret.id, secretString: pulumi.secret(secretString) },
    { parent },
  );
  const policy = new aws.secretsmanager.SecretPolicy(
    `${name}-pagerduty`,
    { region: primary, secretArn: secret.arn, policy: JSON.stringify(pagerDutySecretPolicy()) },
    { parent },
  );
  return pulumi.all([secret.arn, version.arn, policy.id]).apply(([arn]) => arn);
}
