/**
 * What the first `pulumi up` of an adopting stack would do, known before anything is imported:
 * each resource that carries an import ID is compared, property by property, with what the
 * account holds (an adoption snapshot, see ./snapshot.ts), as the @pulumi/aws or aws-native
 * resource would hold it after the import.
 *
 * Only the properties our components set are derived from the snapshot; any other input the
 * program sets is listed as not compared rather than claimed to match. Delivery addresses are
 * secret: they are compared only when both sides are known and are shown masked.
 *
 * One file of about 570 lines on purpose: one comparison per adopted resource type, each reading
 * the same snapshot lookups and writing the same difference records; split by type, each part
 * would import the others' lookups and the file would be harder to check against the types' list.
 */
import { DateTime } from "luxon";
import { AWS_CONSTRAINTS } from "../../aws/model";
import { maskAddress } from "../../aws/phone";
import type { CapturedResource } from "../../testing";
import { SECRET_PLACEHOLDER } from "../program";
import type { Snapshot } from "./snapshot";

/** One property whose existing value differs from the program's. */
export interface AdoptionDifference {
  /** The input's path in the resource's inputs, such as `stages[0].targets[0]...`. */
  readonly path: string;
  /** What the account holds (addresses masked); `undefined` when it holds nothing. */
  readonly existing: unknown;
  /** What the program sets (addresses masked); `undefined` when it sets nothing. */
  readonly desired: unknown;
  /** True when a change of this property replaces the resource (CloudFormation `createOnly`). */
  readonly replaces: boolean;
}

/** The verdict on one resource that carries an import ID. */
export interface AdoptionFinding {
  readonly type: string;
  readonly name: string;
  readonly importId: string;
  /** `same`: nothing to change; `differs`: updated in place; `replaces`; `not found`. */
  readonly status: "same" | "differs" | "replaces" | "not found";
  readonly differences: readonly AdoptionDifference[];
  /** Incident Manager's own consequences of the differences, in full sentences. */
  readonly consequences: readonly string[];
  /** Inputs the program sets that the snapshot cannot tell (never claimed to match). */
  readonly notCompared: readonly string[];
}

/** The adoption section of `plan --snapshot`. */
export interface AdoptionReport {
  readonly resources: readonly AdoptionFinding[];
  /** How many findings are not `same`. */
  readonly changes: number;
}

type Inputs = Record<string, unknown>;

/** The CloudFormation type whose `createOnly` list decides replacement, and its name mapping. */
const CFN_TYPE: Record<string, { readonly cfn: string; readonly rename?: Record<string, string> }> =
  {
    "aws:ssmcontacts/contact:Contact": { cfn: "AWS::SSMContacts::Contact" },
    "aws-native:ssmcontacts:Contact": { cfn: "AWS::SSMContacts::Contact" },
    "aws:ssmcontacts/contactChannel:ContactChannel": {
      cfn: "AWS::SSMContacts::ContactChannel",
      rename: { ChannelType: "type" },
    },
    "aws:ssmcontacts/plan:Plan": { cfn: "AWS::SSMContacts::Plan" },
    "aws-native:ssmcontacts:Rotation": { cfn: "AWS::SSMContacts::Rotation" },
    "aws:ssmincidents/responsePlan:ResponsePlan": { cfn: "AWS::SSMIncidents::ResponsePlan" },
    "aws-native:ssmincidents:ReplicationSet": { cfn: "AWS::SSMIncidents::ReplicationSet" },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
      cfn: "AWS::CloudWatch::Alarm",
      rename: { AlarmName: "name" },
    },
    "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
      cfn: "AWS::CloudWatch::CompositeAlarm",
      rename: { AlarmName: "alarmName" },
    },
  };

/**
 * The inputs whose change replaces a resource of `type`: the CloudFormation registry schemas'
 * `createOnlyProperties` (cfn-lint 1.51, extracted in aws/models/constraints.json), named as the
 * Pulumi resource names them. @pulumi/aws does not ship its replace-on-change marks, so for its
 * resources the CloudFormation schema of the same AWS resource stands in.
 */
export function replacingInputs(type: string): readonly string[] {
  const entry = CFN_TYPE[type];
  if (entry === undefined) return [];
  const createOnly = AWS_CONSTRAINTS.cloudformation[entry.cfn]?.createOnly ?? [];
  return createOnly.map((p) => entry.rename?.[p] ?? `${p[0].toLowerCase()}${p.slice(1)}`);
}

const hhmm = (t: { HourOfDay?: number; MinuteOfHour?: number } | undefined): string | undefined =>
  t === undefined
    ? undefined
    : `${String(t.HourOfDay ?? 0).padStart(2, "0")}:${String(t.MinuteOfHour ?? 0).padStart(2, "0")}`;

/** Drops `undefined` members, so absent and unset compare equal. */
function defined(value: Inputs): Inputs {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** Tags as one sorted map, whichever shape (map, `{key,value}` or `{Key,Value}` list) holds them. */
function tagMap(tags: unknown): Record<string, string> | undefined {
  if (tags === undefined || tags === null) return undefined;
  const entries: [string, string][] = Array.isArray(tags)
    ? tags.map((t: Record<string, string>) => [t.key ?? t.Key, t.value ?? t.Value])
    : Object.entries(tags as Record<string, string>);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * The tags a ListTagsForResource output holds: known (maybe empty) when the snapshot holds the
 * call, `undefined` (not compared) when it does not.
 */
function tagsRead(
  part: Readonly<Record<string, unknown>> | undefined,
  key: "Tags" | "tags",
): Record<string, string> | undefined {
  return part === undefined ? undefined : tagMap(part[key] ?? []);
}

/** A plan's stages as GetContact returns them, in the inputs' shape. */
function stages(plan: { Stages?: readonly unknown[] } | undefined): unknown[] {
  return (plan?.Stages ?? []).map((s) => {
    const stage = s as {
      DurationInMinutes?: number;
      Targets?: {
        ChannelTargetInfo?: { ContactChannelId?: string; RetryIntervalInMinutes?: number };
        ContactTargetInfo?: { ContactId?: string; IsEssential?: boolean };
      }[];
    };
    return defined({
      durationInMinutes: stage.DurationInMinutes,
      targets: (stage.Targets ?? []).map((t) =>
        t.ChannelTargetInfo !== undefined
          ? {
              channelTargetInfo: defined({
                contactChannelId: t.ChannelTargetInfo.ContactChannelId,
                retryIntervalInMinutes: t.ChannelTargetInfo.RetryIntervalInMinutes,
              }),
            }
          : {
              contactTargetInfo: defined({
                contactId: t.ContactTargetInfo?.ContactId,
                isEssential: t.ContactTargetInfo?.IsEssential,
              }),
            },
      ),
    });
  });
}

/** The days of ShiftCoverages in week order, so map order does not read as a difference. */
const WEEK = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];
const byDay = (a: { dayOfWeek?: unknown }, b: { dayOfWeek?: unknown }) =>
  WEEK.indexOf(String(a.dayOfWeek)) - WEEK.indexOf(String(b.dayOfWeek));

/** A key of the existing resources: its import ID and the Pulumi type that imports it. */
const keyOf = (type: string, importId: string) => `${type} ${importId}`;

/** An AWS-owned key, as GetReplicationSet reports it (absent, empty or `DefaultKey`). */
const AWS_OWNED = "AWS-owned";
const keyKind = (key: string | undefined): string =>
  key === undefined || key === "" || key === "DefaultKey" ? AWS_OWNED : key;

/**
 * The inputs AWS holds for every resource of the snapshot, by Pulumi type and import ID, in the
 * shape the resource's inputs take. Import IDs are those the components use: the ARN for contacts,
 * channels, plans (the contact's ARN), rotations, response plans and the replication set; the
 * alarm name for alarms.
 */
export function existingInputs(snapshot: Snapshot): Map<string, Inputs> {
  const found = new Map<string, Inputs>();
  for (const c of snapshot.contacts) {
    const contact = c.getContact;
    const arn = contact.ContactArn as string;
    const tags = tagsRead(c.listTagsForResource, "Tags");
    const base = { alias: contact.Alias, displayName: contact.DisplayName, type: contact.Type };
    found.set(keyOf("aws:ssmcontacts/contact:Contact", arn), defined({ ...base, tags }));
    found.set(
      keyOf("aws-native:ssmcontacts:Contact", arn),
      defined({
        ...base,
        tags,
        plan:
          contact.Type === "ONCALL_SCHEDULE"
            ? [{ rotationIds: [...(contact.Plan?.RotationIds ?? [])] }]
            : undefined,
      }),
    );
    found.set(
      keyOf("aws:ssmcontacts/plan:Plan", arn),
      defined({ contactId: arn, stages: stages(contact.Plan) }),
    );
    for (const channel of c.listContactChannels.ContactChannels) {
      found.set(
        keyOf("aws:ssmcontacts/contactChannel:ContactChannel", channel.ContactChannelArn as string),
        defined({
          contactId: channel.ContactArn,
          name: channel.Name,
          type: channel.Type,
          deliveryAddress: defined({ simpleAddress: channel.DeliveryAddress?.SimpleAddress }),
        }),
      );
    }
  }
  for (const r of snapshot.rotations) {
    const rotation = r.rotation;
    const recurrence = rotation.Recurrence;
    // ListRotations gives the start as an instant; the aws-native input is the local time in the
    // rotation's zone, without offset (CloudFormation `AWS::SSMContacts::Rotation.StartTime`).
    const start = DateTime.fromJSDate(new Date(rotation.StartTime as unknown as string), {
      zone: rotation.TimeZoneId,
    });
    found.set(
      keyOf("aws-native:ssmcontacts:Rotation", rotation.RotationArn as string),
      defined({
        name: rotation.Name,
        contactIds: [...(rotation.ContactIds ?? [])],
        timeZoneId: rotation.TimeZoneId,
        startTime: start.isValid ? start.toFormat("yyyy-MM-dd'T'HH:mm:ss") : undefined,
        recurrence:
          recurrence === undefined
            ? undefined
            : defined({
                numberOfOnCalls: recurrence.NumberOfOnCalls,
                recurrenceMultiplier: recurrence.RecurrenceMultiplier,
                dailySettings: recurrence.DailySettings?.map(hhmm),
                weeklySettings: recurrence.WeeklySettings?.map((w) => ({
                  dayOfWeek: w.DayOfWeek,
                  handOffTime: hhmm(w.HandOffTime),
                })),
                monthlySettings: recurrence.MonthlySettings?.map((m) => ({
                  dayOfMonth: m.DayOfMonth,
                  handOffTime: hhmm(m.HandOffTime),
                })),
                shiftCoverages:
                  recurrence.ShiftCoverages === undefined
                    ? undefined
                    : Object.entries(recurrence.ShiftCoverages)
                        .map(([day, times]) => ({
                          coverageTimes: (times ?? []).map((t) => ({
                            endTime: hhmm(t.End),
                            startTime: hhmm(t.Start),
                          })),
                          dayOfWeek: day,
                        }))
                        .sort(byDay),
              }),
        tags: tagsRead(r.listTagsForResource, "Tags"),
      }),
    );
  }
  for (const p of snapshot.responsePlans) {
    const plan = p.getResponsePlan;
    const template = plan.incidentTemplate;
    found.set(
      keyOf("aws:ssmincidents/responsePlan:ResponsePlan", plan.arn as string),
      defined({
        name: plan.name,
        displayName: plan.displayName,
        incidentTemplate:
          template === undefined
            ? undefined
            : defined({
                title: template.title,
                impact: template.impact,
                summary: template.summary,
                dedupeString: template.dedupeString,
              }),
        engagements: [...(plan.engagements ?? [])].sort(),
        tags: tagsRead(p.listTagsForResource, "tags"),
      }),
    );
  }
  const rs = snapshot.getReplicationSet?.replicationSet;
  if (rs?.arn !== undefined) {
    found.set(
      keyOf("aws-native:ssmincidents:ReplicationSet", rs.arn),
      defined({
        deletionProtected: rs.deletionProtected,
        regions: Object.fromEntries(
          Object.entries(rs.regionMap ?? {}).map(([region, info]) => [
            region,
            keyKind(info.sseKmsKeyId),
          ]),
        ),
        tags: tagsRead(snapshot.replicationSetTags, "tags"),
      }),
    );
  }
  for (const alarm of snapshot.describeAlarms.MetricAlarms ?? []) {
    found.set(
      keyOf("aws:cloudwatch/metricAlarm:MetricAlarm", alarm.AlarmName as string),
      defined({
        name: alarm.AlarmName,
        alarmDescription: alarm.AlarmDescription,
        alarmActions: alarm.AlarmActions,
        comparisonOperator: alarm.ComparisonOperator,
        evaluationPeriods: alarm.EvaluationPeriods,
        datapointsToAlarm: alarm.DatapointsToAlarm,
        metricName: alarm.MetricName,
        namespace: alarm.Namespace,
        period: alarm.Period,
        statistic: alarm.Statistic,
        extendedStatistic: alarm.ExtendedStatistic,
        threshold: alarm.Threshold,
        treatMissingData: alarm.TreatMissingData,
        unit: alarm.Unit,
        dimensions:
          alarm.Dimensions === undefined || alarm.Dimensions.length === 0
            ? undefined
            : Object.fromEntries(alarm.Dimensions.map((d) => [d.Name, d.Value])),
        tags: tagsRead(snapshot.alarmTags?.[alarm.AlarmName as string], "Tags"),
      }),
    );
  }
  for (const alarm of snapshot.describeAlarms.CompositeAlarms ?? []) {
    found.set(
      keyOf("aws:cloudwatch/compositeAlarm:CompositeAlarm", alarm.AlarmName as string),
      defined({
        alarmName: alarm.AlarmName,
        alarmDescription: alarm.AlarmDescription,
        alarmActions: alarm.AlarmActions,
        alarmRule: alarm.AlarmRule,
        tags: tagsRead(snapshot.alarmTags?.[alarm.AlarmName as string], "Tags"),
      }),
    );
  }
  return found;
}

/** The desired inputs normalised as {@link existingInputs} shapes the existing ones. */
function desiredInputs(resource: CapturedResource): Inputs {
  const inputs: Inputs = { ...resource.inputs };
  delete inputs.region;
  if ("tags" in inputs) inputs.tags = tagMap(inputs.tags);
  if (resource.type === "aws:ssmincidents/responsePlan:ResponsePlan") {
    const engagements = inputs.engagements;
    if (Array.isArray(engagements)) inputs.engagements = [...(engagements as string[])].sort();
  }
  const recurrence = inputs.recurrence as
    { shiftCoverages?: { dayOfWeek?: unknown }[] } | undefined;
  if (resource.type === "aws-native:ssmcontacts:Rotation" && recurrence?.shiftCoverages) {
    inputs.recurrence = {
      ...recurrence,
      shiftCoverages: [...recurrence.shiftCoverages].sort(byDay),
    };
  }
  if (resource.type === "aws-native:ssmincidents:ReplicationSet" && Array.isArray(inputs.regions)) {
    inputs.regions = Object.fromEntries(
      (
        inputs.regions as {
          regionName: string;
          regionConfiguration?: { sseKmsKeyId?: string };
        }[]
      ).map((r) => [r.regionName, keyKind(r.regionConfiguration?.sseKmsKeyId)]),
    );
  }
  return inputs;
}

const isEmpty = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0);

const isAddressPath = (path: string) => path.startsWith("deliveryAddress");

/** The differences between `existing` and `desired` below `path`, leaves only. */
function compare(
  path: string,
  existing: unknown,
  desired: unknown,
  out: [string, unknown, unknown][],
) {
  if (isEmpty(existing) && isEmpty(desired)) return;
  const bothObjects =
    typeof existing === "object" &&
    typeof desired === "object" &&
    existing !== null &&
    desired !== null &&
    Array.isArray(existing) === Array.isArray(desired);
  if (bothObjects && Array.isArray(existing)) {
    const a = existing as unknown[];
    const b = desired as unknown[];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      compare(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  if (bothObjects) {
    const a = existing as Inputs;
    const b = desired as Inputs;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      compare(path === "" ? key : `${path}.${key}`, a[key], b[key], out);
    }
    return;
  }
  if (existing !== desired) out.push([path, existing, desired]);
}

const mask = (v: unknown) => (typeof v === "string" ? maskAddress(v) : v);

/** The consequences, in Incident Manager's terms, of the differences of one resource. */
function consequencesOf(
  resource: CapturedResource,
  differences: readonly AdoptionDifference[],
  existing: Inputs,
): string[] {
  const out: string[] = [];
  const replaced = differences.filter((d) => d.replaces).map((d) => `\`${d.path}\``);
  const type = resource.type;
  if (replaced.length > 0) {
    if (type.includes("contactChannel")) {
      // User guide, "Contacts": every channel is activated with a code sent to it before it can
      // be engaged.
      out.push(
        `${replaced.join(", ")} cannot change in place: the channel is replaced, and its owner must activate the new one with the code sent to it before it can be engaged.`,
      );
    } else if (type.endsWith(":Contact")) {
      out.push(
        `${replaced.join(", ")} cannot change in place: the contact is replaced with its channels and plan, and every replaced channel must be activated again by its owner.`,
      );
    } else {
      out.push(`${replaced.join(", ")} cannot change in place: the resource is replaced.`);
    }
  }
  if (type === "aws-native:ssmincidents:ReplicationSet") {
    const have = (existing.regions ?? {}) as Record<string, string>;
    const want = (desiredInputs(resource).regions ?? {}) as Record<string, string>;
    const added = Object.keys(want).filter((r) => !(r in have));
    const removed = Object.keys(have).filter((r) => !(r in want));
    const rekeyed = Object.keys(want).filter((r) => r in have && have[r] !== want[r]);
    // botocore 1.43 ssm-incidents UpdateReplicationSet: its actions only add a region (with its
    // key) or delete one; no action changes the key of a region in place.
    for (const region of rekeyed) {
      out.push(
        `The key of ${region} cannot change in place (from ${have[region]} to ${want[region]}): UpdateReplicationSet only adds or deletes regions. Keep the existing key, or remove the region and add it again with the new key.`,
      );
    }
    // User guide, "Cross-Region and cross-account incident management" (as read for this
    // package's replication set rules; AWS's API model does not state them).
    if (added.length + removed.length > 1) {
      out.push(
        `Regions change one at a time (here ${[...added.map((r) => `+${r}`), ...removed.map((r) => `-${r}`)].join(", ")}): apply one change per \`pulumi up\`.`,
      );
    }
    if (removed.length > 0) {
      out.push(
        `${removed.join(", ")} would be removed: a region cannot be removed within 24 hours of being added.`,
      );
    }
  }
  return out;
}

/** Inputs that are not part of the comparison of any type (the provider's own region). */
const ALWAYS_SKIPPED = new Set(["region"]);

/**
 * Compares every resource that carries an import ID with the account's snapshot. A resource the
 * snapshot does not hold is `not found`; a property of the program the snapshot cannot tell is
 * listed in `notCompared`.
 */
export function diffAdoption(
  snapshot: Snapshot,
  resources: readonly CapturedResource[],
): AdoptionReport {
  const existingAll = existingInputs(snapshot);
  const findings: AdoptionFinding[] = [];
  for (const resource of resources) {
    if (resource.importId === undefined) continue;
    const base = { type: resource.type, name: resource.name, importId: resource.importId };
    const existing = existingAll.get(keyOf(resource.type, resource.importId));
    if (existing === undefined) {
      findings.push({
        ...base,
        status: "not found",
        differences: [],
        consequences: [
          `The snapshot holds no ${resource.type.split(":").pop()} with import ID ${resource.importId}: the import would fail. Check the ID (a changed alias or name is a different resource), or read the account again.`,
        ],
        notCompared: [],
      });
      continue;
    }
    const desired = desiredInputs(resource);
    const notCompared = Object.keys(desired)
      .filter((k) => !(k in existing) && !ALWAYS_SKIPPED.has(k) && !isEmpty(desired[k]))
      .sort();
    const raw: [string, unknown, unknown][] = [];
    for (const k of Object.keys(existing).sort()) compare(k, existing[k], desired[k], raw);
    const replacing = replacingInputs(resource.type);
    const differences: AdoptionDifference[] = [];
    for (const [path, e, d] of raw) {
      if (isAddressPath(path)) {
        // A secret: compared only when both sides are known, shown masked.
        if (typeof e !== "string" || typeof d !== "string" || d === SECRET_PLACEHOLDER) {
          if (!notCompared.includes(path)) notCompared.push(path);
          continue;
        }
        differences.push({ path, existing: mask(e), desired: mask(d), replaces: false });
        continue;
      }
      differences.push({
        path,
        existing: e,
        desired: d,
        replaces: replacing.includes(path.split(/[.[]/)[0]),
      });
    }
    const status =
      differences.length === 0
        ? "same"
        : differences.some((d) => d.replaces)
          ? "replaces"
          : "differs";
    findings.push({
      ...base,
      status,
      differences,
      consequences: consequencesOf(resource, differences, existing),
      notCompared,
    });
  }
  return { resources: findings, changes: findings.filter((f) => f.status !== "same").length };
}

const show = (v: unknown) => (v === undefined ? "(not set)" : JSON.stringify(v));

/** The account a snapshot was read in: from its replication set's ARN, else any contact's. */
export function snapshotAccount(snapshot: Snapshot): string | undefined {
  const arns = [
    snapshot.getReplicationSet?.replicationSet.arn,
    ...snapshot.contacts.map((c) => c.getContact.ContactArn),
    ...snapshot.responsePlans.map((p) => p.getResponsePlan.arn),
  ];
  for (const arn of arns) {
    // ARN format (IAM user guide, "Amazon Resource Names"): arn:partition:service:region:account:…
    const account = arn?.split(":")[4];
    if (account !== undefined && /^\d{12}$/.test(account)) return account;
  }
  return undefined;
}

/** The "== Adoption ==" section of `plan`'s text report. */
export function renderAdoption(report: AdoptionReport): string {
  const lines = [
    `== Adoption (${report.resources.length} imported, ${report.changes} to change) ==`,
  ];
  if (report.resources.length === 0) lines.push("  No resource carries an import ID.");
  for (const f of report.resources) {
    lines.push(`  ${f.status.padEnd(9)} ${f.type} ${f.name} (${f.importId})`);
    for (const d of f.differences) {
      lines.push(
        `      ${d.path}: ${show(d.existing)} -> ${show(d.desired)}${d.replaces ? " (replaces)" : ""}`,
      );
    }
    for (const c of f.consequences) lines.push(`      ! ${c}`);
    if (f.notCompared.length > 0) {
      lines.push(`      not compared (the snapshot cannot tell): ${f.notCompared.join(", ")}`);
    }
  }
  if (report.changes > 0) {
    lines.push(
      "  Adopting would change or replace what exists. Align the spec with the account, or pass --allow-adoption-changes to accept the changes.",
    );
  }
  return `${lines.join("\n")}\n`;
}
