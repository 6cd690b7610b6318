/**
 * The snapshot of an Incident Manager account: one JSON document holding the raw outputs of the
 * read-only API calls `adopt read` makes, so an account can be read once (live, or with the AWS
 * CLI) and converted offline, and reviewed before anything is imported.
 *
 * Every part is the output of one AWS operation exactly as the SDK for JavaScript v3 returns it,
 * which is also what the AWS CLI prints for the same operation (both are generated from the same
 * service models: botocore 1.43 `ssm-contacts/2021-05-03`, `ssm-incidents/2018-05-10`,
 * `cloudwatch/2010-08-01`). Lists are merged over every page (`NextToken`).
 */
import type { CompositeAlarm, MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type {
  Contact,
  ContactChannel,
  GetContactCommandOutput,
  Rotation,
  Tag,
} from "@aws-sdk/client-ssm-contacts";
import type { GetResponsePlanCommandOutput, ReplicationSet } from "@aws-sdk/client-ssm-incidents";

/** The value of `format` in every snapshot this version reads and writes. */
export const SNAPSHOT_FORMAT = "incident-manager-adopt-snapshot/1";

/** A timestamp as the SDK returns it (Date) or as the AWS CLI prints it (ISO 8601 text). */
export type Timestamp = Date | string;

/** Replaces the SDK's Date fields by what JSON holds after a round trip. */
type Jsonish<T> = T extends Date
  ? Timestamp
  : T extends readonly (infer U)[]
    ? Jsonish<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonish<T[K]> }
      : T;

/** One contact: `get-contact`, `list-contact-channels` and `list-tags-for-resource` on it. */
export interface ContactSnapshot {
  /** `aws ssm-contacts get-contact --contact-id <arn>` (GetContact). */
  readonly getContact: Omit<GetContactCommandOutput, "$metadata">;
  /** `aws ssm-contacts list-contact-channels --contact-id <arn>` (ListContactChannels). */
  readonly listContactChannels: { readonly ContactChannels: readonly ContactChannel[] };
  /** `aws ssm-contacts list-tags-for-resource --resource-arn <arn>` (ListTagsForResource). */
  readonly listTagsForResource: { readonly Tags?: readonly Tag[] };
}

/** One rotation: its entry of `list-rotations` and its tags. */
export interface RotationSnapshot {
  /** An entry of `aws ssm-contacts list-rotations` (ListRotations `Rotations[]`). */
  readonly rotation: Jsonish<Rotation>;
  /** `aws ssm-contacts list-tags-for-resource --resource-arn <rotation arn>`. */
  readonly listTagsForResource: { readonly Tags?: readonly Tag[] };
}

/** One response plan: `get-response-plan` and its tags. */
export interface ResponsePlanSnapshot {
  /** `aws ssm-incidents get-response-plan --arn <arn>` (GetResponsePlan). */
  readonly getResponsePlan: Omit<GetResponsePlanCommandOutput, "$metadata">;
  /** `aws ssm-incidents list-tags-for-resource --resource-arn <arn>` (ListTagsForResource). */
  readonly listTagsForResource: { readonly tags?: Readonly<Record<string, string>> };
}

/** The whole account, as `adopt read` writes it with `--write-snapshot`. */
export interface Snapshot {
  /** {@link SNAPSHOT_FORMAT}. */
  readonly format: typeof SNAPSHOT_FORMAT;
  /** The region the account was read in: the replication set's first region. */
  readonly region: string;
  /**
   * `aws ssm-incidents get-replication-set --arn <arn>` (GetReplicationSet), with the ARN from
   * `aws ssm-incidents list-replication-sets`. Absent when the account has none.
   */
  readonly getReplicationSet?: { readonly replicationSet: Jsonish<ReplicationSet> };
  /** `aws ssm-incidents list-tags-for-resource --resource-arn <replication set arn>`. */
  readonly replicationSetTags?: { readonly tags?: Readonly<Record<string, string>> };
  /** Every contact of `aws ssm-contacts list-contacts` (PERSONAL, ESCALATION, ONCALL_SCHEDULE). */
  readonly contacts: readonly ContactSnapshot[];
  /** Every rotation of `aws ssm-contacts list-rotations`. */
  readonly rotations: readonly RotationSnapshot[];
  /** Every response plan of `aws ssm-incidents list-response-plans`. */
  readonly responsePlans: readonly ResponsePlanSnapshot[];
  /**
   * `aws cloudwatch describe-alarms --alarm-types MetricAlarm CompositeAlarm` (DescribeAlarms), in
   * `region`: the alarms whose `AlarmActions` name a response plan are adopted with it.
   */
  readonly describeAlarms: {
    readonly MetricAlarms?: readonly Jsonish<MetricAlarm>[];
    readonly CompositeAlarms?: readonly Jsonish<CompositeAlarm>[];
  };
  /**
   * `aws cloudwatch list-tags-for-resource --resource-arn <alarm arn>` (ListTagsForResource) for
   * each alarm whose `AlarmActions` name a response plan, by alarm name.
   */
  readonly alarmTags?: Readonly<Record<string, { readonly Tags?: readonly Tag[] }>>;
}

/** A contact as GetContact returns it (the fields the conversion reads). */
export type ContactOutput = Omit<GetContactCommandOutput, "$metadata"> & Partial<Contact>;

/** A snapshot file that is not one: names the file, what is wrong and what to do. */
export class SnapshotError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * Checks that `value` (a parsed snapshot file) has the snapshot's shape: the format tag, the
 * region and the lists. The parts are AWS's own outputs and are read as such.
 */
export function parseSnapshot(value: unknown, file: string): Snapshot {
  const problems: string[] = [];
  if (!isObject(value)) {
    throw new SnapshotError(`${file}: must be a JSON object (a snapshot); got ${typeof value}.`);
  }
  if (value.format !== SNAPSHOT_FORMAT) {
    problems.push(
      `\`format\` must be ${JSON.stringify(SNAPSHOT_FORMAT)}; got ${JSON.stringify(value.format)}`,
    );
  }
  if (typeof value.region !== "string" || value.region === "") {
    problems.push(
      `\`region\` must be the region the account was read in; got ${JSON.stringify(value.region)}`,
    );
  }
  for (const list of ["contacts", "rotations", "responsePlans"]) {
    if (!Array.isArray(value[list])) {
      problems.push(
        `\`${list}\` must be a list (empty when there are none); got ${JSON.stringify(value[list])}`,
      );
    }
  }
  if (!isObject(value.describeAlarms)) {
    problems.push(
      `\`describeAlarms\` must be the output of DescribeAlarms; got ${JSON.stringify(value.describeAlarms)}`,
    );
  }
  if (Array.isArray(value.contacts)) {
    value.contacts.forEach((c, i) => {
      if (!isObject(c) || !isObject(c.getContact) || typeof c.getContact.ContactArn !== "string") {
        problems.push(`\`contacts[${i}].getContact\` must be the output of GetContact`);
      } else if (
        !isObject(c.listContactChannels) ||
        !Array.isArray(c.listContactChannels.ContactChannels)
      ) {
        problems.push(
          `\`contacts[${i}].listContactChannels\` must be the output of ListContactChannels`,
        );
      }
    });
  }
  if (problems.length > 0) {
    throw new SnapshotError(
      `${file} is not an adoption snapshot:\n${problems.map((p) => `  - ${p}`).join("\n")}\nWrite one with \`incident-manager-adopt read --write-snapshot <file>\`, or assemble it from the AWS CLI as the README shows.`,
    );
  }
  return value as unknown as Snapshot;
}
