/**
 * Converts a CloudFormation stack of Incident Manager resources (AWS::SSMContacts::Contact,
 * ContactChannel, Plan, Rotation, AWS::SSMIncidents::ResponsePlan, ReplicationSet,
 * AWS::CloudWatch::Alarm and CompositeAlarm) into a {@link Snapshot}, the same document
 * `adopt read` writes, so one conversion serves both. The template gives the properties; the
 * output of `aws cloudformation describe-stack-resources` gives each resource's physical ID,
 * which for these types is the primary identifier of its CloudFormation registry schema (the
 * `Arn`, and `AlarmName` for alarms: cfn-lint 1.51's schemas).
 *
 * One file of about 550 lines on purpose: the YAML short-form intrinsics, the reference
 * resolution and the per-type mapping read one template model, and each mapping is a few lines.
 */
import * as yaml from "js-yaml";
import { DateTime } from "luxon";
import { SNAPSHOT_FORMAT, type Snapshot } from "./snapshot";

/** The short-form intrinsic functions of CloudFormation YAML, as their long form. */
const INTRINSICS = [
  "Ref",
  "GetAtt",
  "Sub",
  "Join",
  "Select",
  "Split",
  "If",
  "Equals",
  "And",
  "Or",
  "Not",
  "FindInMap",
  "ImportValue",
  "Base64",
  "Cidr",
  "GetAZs",
  "Condition",
  "Transform",
];

function longForm(name: string, value: unknown): Record<string, unknown> {
  if (name === "Ref" || name === "Condition") return { [name]: value };
  if (name === "GetAtt" && typeof value === "string") {
    const dot = value.indexOf(".");
    return { "Fn::GetAtt": [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [`Fn::${name}`]: value };
}

/** js-yaml's schema with CloudFormation's tags (`!Ref`, `!GetAtt`, `!Sub`, ...) in every kind. */
export const CLOUDFORMATION_SCHEMA = yaml.DEFAULT_SCHEMA.extend(
  INTRINSICS.flatMap((name) =>
    (["scalar", "sequence", "mapping"] as const).map(
      (kind) =>
        new yaml.Type(`!${name}`, {
          kind,
          construct: (data: unknown) => longForm(name, data ?? (kind === "scalar" ? "" : data)),
        }),
    ),
  ),
);

/** A template or resource list that cannot be read: what is wrong and what to do. */
export class TemplateError extends Error {}

/** Parses a template written in YAML (short-form intrinsics included) or JSON. */
export function parseTemplate(text: string, file: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = yaml.load(text, { schema: CLOUDFORMATION_SCHEMA, filename: file });
  } catch (err) {
    throw new TemplateError(`${file}: not a CloudFormation template: ${(err as Error).message}`);
  }
  if (
    typeof value !== "object" ||
    value === null ||
    typeof (value as { Resources?: unknown }).Resources !== "object"
  ) {
    throw new TemplateError(`${file}: not a CloudFormation template: it has no \`Resources\`.`);
  }
  return value as Record<string, unknown>;
}

/** One entry of `aws cloudformation describe-stack-resources` (`StackResources[]`). */
export interface StackResource {
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceType: string;
  readonly StackId?: string;
  readonly ResourceStatus?: string;
}

/** Reads the `describe-stack-resources` output. */
export function parseStackResources(value: unknown, file: string): StackResource[] {
  const list = (value as { StackResources?: unknown })?.StackResources;
  if (!Array.isArray(list)) {
    throw new TemplateError(
      `${file}: must be the output of \`aws cloudformation describe-stack-resources --stack-name <stack>\` ({ "StackResources": [...] }).`,
    );
  }
  return list as StackResource[];
}

/** Options of {@link templateToSnapshot}. */
export interface TemplateOptions {
  /** Values of the template's parameters (else their `Default`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /**
   * The account's replication set, as `aws ssm-incidents get-replication-set` prints it, when the
   * template does not hold it.
   */
  readonly getReplicationSet?: Snapshot["getReplicationSet"];
}

type Props = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties?: Props;
}

const ARN_PRIMARY = new Set([
  "AWS::SSMContacts::Contact",
  "AWS::SSMContacts::ContactChannel",
  "AWS::SSMContacts::Plan",
  "AWS::SSMContacts::Rotation",
  "AWS::SSMIncidents::ResponsePlan",
  "AWS::SSMIncidents::ReplicationSet",
]);

/** Resolves intrinsic functions against the stack's physical IDs, parameters and pseudo-parameters. */
class Resolver {
  constructor(
    private readonly resources: Readonly<Record<string, Resource>>,
    private readonly physical: ReadonlyMap<string, string>,
    private readonly values: Readonly<Record<string, string>>,
    private readonly notes: string[],
  ) {}

  ref(name: string): string | undefined {
    if (this.values[name] !== undefined) return this.values[name];
    // Ref of these types returns the physical ID, the schema's primary identifier (AlarmName for alarms).
    return this.physical.get(name);
  }

  getAtt(name: string, attribute: string): string | undefined {
    const resource = this.resources[name];
    if (resource === undefined) return undefined;
    if (attribute === "Arn" && ARN_PRIMARY.has(resource.Type)) return this.physical.get(name);
    if (attribute === "Arn" && resource.Type.startsWith("AWS::CloudWatch::")) {
      const alarm = this.physical.get(name);
      const p = this.values["AWS::Partition"];
      const r = this.values["AWS::Region"];
      const a = this.values["AWS::AccountId"];
      return alarm && p && r && a ? `arn:${p}:cloudwatch:${r}:${a}:alarm:${alarm}` : undefined;
    }
    return undefined;
  }

  /** The value with every intrinsic it can resolve replaced; `where` names it in notes. */
  value(v: unknown, where: string): unknown {
    if (Array.isArray(v)) return v.map((x) => this.value(x, where));
    if (typeof v !== "object" || v === null) return v;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"))) {
      const out = this.intrinsic(keys[0], o[keys[0]]);
      if (out === undefined) {
        this.notes.push(
          `${where}: ${JSON.stringify(v)} cannot be resolved from the template and the stack's resources; set it in the spec by hand.`,
        );
      }
      return out;
    }
    return Object.fromEntries(keys.map((k) => [k, this.value(o[k], where)]));
  }

  private intrinsic(fn: string, arg: unknown): unknown {
    switch (fn) {
      case "Ref":
        return typeof arg === "string" ? this.ref(arg) : undefined;
      case "Fn::GetAtt": {
        const [name, attribute] = Array.isArray(arg) ? arg : String(arg).split(".");
        return this.getAtt(String(name), String(attribute));
      }
      case "Fn::Sub": {
        const [text, vars] = Array.isArray(arg) ? [arg[0], (arg[1] ?? {}) as Props] : [arg, {}];
        if (typeof text !== "string") return undefined;
        let ok = true;
        const out = text.replace(/\$\{([^}!]+)\}/g, (_m, name: string) => {
          const given = vars[name] === undefined ? undefined : this.value(vars[name], name);
          const [res, att] = name.split(".");
          const found =
            (typeof given === "string" ? given : undefined) ??
            (att === undefined ? this.ref(name) : this.getAtt(res, att));
          if (found === undefined) ok = false;
          return found ?? "";
        });
        return ok ? out : undefined;
      }
      case "Fn::Join": {
        if (!Array.isArray(arg) || !Array.isArray(arg[1])) return undefined;
        const parts = (arg[1] as unknown[]).map((p) => this.intrinsicOrValue(p));
        return parts.every((p) => typeof p === "string") ? parts.join(String(arg[0])) : undefined;
      }
      default:
        return undefined;
    }
  }

  private intrinsicOrValue(v: unknown): unknown {
    if (typeof v !== "object" || v === null) return v;
    const keys = Object.keys(v);
    return keys.length === 1 ? this.intrinsic(keys[0], (v as Props)[keys[0]]) : undefined;
  }
}

function tagList(v: unknown): { Key: string; Value: string }[] {
  return Array.isArray(v) ? (v as { Key: string; Value: string }[]) : [];
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** "HH:MM" as the API's HandOffTime. */
function handOff(text: unknown): { HourOfDay: number; MinuteOfHour: number } {
  const [h, m] = String(text).split(":");
  return { HourOfDay: Number(h), MinuteOfHour: Number(m) };
}

/**
 * Builds the snapshot of what the stack holds. Returns it with the notes on what could not be
 * resolved or is not part of the stack.
 */
export function templateToSnapshot(
  template: Record<string, unknown>,
  stackResources: readonly StackResource[],
  options: TemplateOptions = {},
): { snapshot: Snapshot; notes: string[] } {
  const notes: string[] = [];
  const resources = template.Resources as Record<string, Resource>;
  const physical = new Map<string, string>();
  for (const r of stackResources) {
    if (r.PhysicalResourceId) physical.set(r.LogicalResourceId, r.PhysicalResourceId);
  }
  // arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>
  const stackArn = stackResources.find((r) => r.StackId)?.StackId?.split(":") ?? [];
  const values: Record<string, string> = {};
  if (stackArn.length >= 5) {
    values["AWS::Partition"] = stackArn[1];
    values["AWS::Region"] = stackArn[3];
    values["AWS::AccountId"] = stackArn[4];
  }
  const parameters = (template.Parameters ?? {}) as Record<string, { Default?: unknown }>;
  for (const [name, p] of Object.entries(parameters)) {
    const given = options.parameters?.[name] ?? p?.Default;
    if (given !== undefined) values[name] = String(given);
  }
  const resolver = new Resolver(resources, physical, values, notes);
  const of = (type: string) =>
    Object.entries(resources).filter(([, r]) => r?.Type === type) as [string, Resource][];
  const propsOf = (logical: string, r: Resource) =>
    resolver.value(r.Properties ?? {}, `${logical} (${r.Type})`) as Props;
  const physicalOf = (logical: string, type: string) => {
    const id = physical.get(logical);
    if (id === undefined) {
      notes.push(
        `${logical} (${type}) is in the template but not in the stack's resources (or has no physical ID yet); it is left out.`,
      );
    }
    return id;
  };

  const stagesOf = (stages: unknown) =>
    (Array.isArray(stages) ? (stages as Props[]) : []).map((s) => ({
      DurationInMinutes: s.DurationInMinutes as number,
      Targets: (Array.isArray(s.Targets) ? (s.Targets as Props[]) : []).map((t) => {
        const channel = t.ChannelTargetInfo as Props | undefined;
        const contact = t.ContactTargetInfo as Props | undefined;
        return channel !== undefined
          ? {
              ChannelTargetInfo: {
                ContactChannelId: str(channel.ChannelId),
                RetryIntervalInMinutes: channel.RetryIntervalInMinutes as number,
              },
            }
          : {
              ContactTargetInfo: {
                ContactId: str(contact?.ContactId),
                IsEssential: contact?.IsEssential === true,
              },
            };
      }),
    }));

  // Plans and channels, by the contact they belong to.
  const plans = new Map<string, Props>();
  for (const [logical, r] of of("AWS::SSMContacts::Plan")) {
    const props = propsOf(logical, r);
    if (typeof props.ContactId === "string") plans.set(props.ContactId, props);
  }
  const channels = new Map<
    string,
    Snapshot["contacts"][number]["listContactChannels"]["ContactChannels"][number][]
  >();
  for (const [logical, r] of of("AWS::SSMContacts::ContactChannel")) {
    const arn = physicalOf(logical, r.Type);
    const props = propsOf(logical, r);
    if (arn === undefined || typeof props.ContactId !== "string") continue;
    const list = channels.get(props.ContactId) ?? [];
    list.push({
      ContactChannelArn: arn,
      ContactArn: props.ContactId,
      Name: str(props.ChannelName),
      Type: str(props.ChannelType) as "SMS" | "VOICE" | "EMAIL",
      DeliveryAddress: { SimpleAddress: str(props.ChannelAddress) ?? "" },
      ActivationStatus: undefined,
    });
    channels.set(props.ContactId, list);
  }

  const contacts: Snapshot["contacts"][number][] = [];
  for (const [logical, r] of of("AWS::SSMContacts::Contact")) {
    const arn = physicalOf(logical, r.Type);
    if (arn === undefined) continue;
    const props = propsOf(logical, r);
    const plan = plans.get(arn);
    // A contact's stages come from its AWS::SSMContacts::Plan, or from its own `Plan` property.
    const stages = plan?.Stages ?? props.Plan;
    const rotationIds =
      (plan?.RotationIds as string[] | undefined) ??
      (Array.isArray(props.Plan)
        ? (props.Plan as Props[]).flatMap((s) => (s.RotationIds as string[]) ?? [])
        : undefined);
    contacts.push({
      getContact: {
        ContactArn: arn,
        Alias: str(props.Alias),
        DisplayName: str(props.DisplayName),
        Type: str(props.Type) as "PERSONAL" | "ESCALATION" | "ONCALL_SCHEDULE",
        Plan: {
          Stages: props.Type === "ONCALL_SCHEDULE" ? [] : stagesOf(stages),
          ...(rotationIds && rotationIds.length > 0 ? { RotationIds: rotationIds } : {}),
        },
      },
      listContactChannels: { ContactChannels: channels.get(arn) ?? [] },
      listTagsForResource: { Tags: tagList(props.Tags) },
    });
  }

  const rotations: Snapshot["rotations"][number][] = [];
  for (const [logical, r] of of("AWS::SSMContacts::Rotation")) {
    const arn = physicalOf(logical, r.Type);
    if (arn === undefined) continue;
    const props = propsOf(logical, r);
    const rec = (props.Recurrence ?? {}) as Props;
    const zone = str(props.TimeZoneId) ?? "UTC";
    // CloudFormation's StartTime is local to TimeZoneId; the API's is a timestamp.
    const start =
      DateTime.fromISO(String(props.StartTime), { zone }).toISO() ?? String(props.StartTime);
    const list = (v: unknown) => (Array.isArray(v) ? (v as Props[]) : []);
    rotations.push({
      rotation: {
        RotationArn: arn,
        Name: str(props.Name),
        ContactIds: (props.ContactIds as string[]) ?? [],
        StartTime: start,
        TimeZoneId: zone,
        Recurrence: {
          NumberOfOnCalls: rec.NumberOfOnCalls as number,
          RecurrenceMultiplier: rec.RecurrenceMultiplier as number,
          DailySettings: list(rec.DailySettings).map((d) => handOff(d)),
          WeeklySettings: list(rec.WeeklySettings).map((w) => ({
            DayOfWeek: w.DayOfWeek as "MON",
            HandOffTime: handOff(w.HandOffTime),
          })),
          MonthlySettings: list(rec.MonthlySettings).map((m) => ({
            DayOfMonth: m.DayOfMonth as number,
            HandOffTime: handOff(m.HandOffTime),
          })),
          ShiftCoverages: Object.fromEntries(
            list(rec.ShiftCoverages).map((s) => [
              s.DayOfWeek,
              list(s.CoverageTimes).map((t) => ({
                Start: handOff(t.StartTime),
                End: handOff(t.EndTime),
              })),
            ]),
          ),
        },
      },
      listTagsForResource: { Tags: tagList(props.Tags) },
    });
  }

  const responsePlans: Snapshot["responsePlans"][number][] = [];
  for (const [logical, r] of of("AWS::SSMIncidents::ResponsePlan")) {
    const arn = physicalOf(logical, r.Type);
    if (arn === undefined) continue;
    const p = propsOf(logical, r);
    const t = (p.IncidentTemplate ?? {}) as Props;
    const chat = (p.ChatChannel ?? {}) as Props;
    responsePlans.push({
      getResponsePlan: {
        arn,
        name: str(p.Name),
        displayName: str(p.DisplayName),
        incidentTemplate: {
          title: str(t.Title),
          impact: t.Impact as number,
          summary: str(t.Summary),
          dedupeString: str(t.DedupeString),
          incidentTags: Object.fromEntries(tagList(t.IncidentTags).map((x) => [x.Key, x.Value])),
          notificationTargets: (Array.isArray(t.NotificationTargets)
            ? (t.NotificationTargets as Props[])
            : []
          ).map((n) => ({ snsTopicArn: str(n.SnsTopicArn) }) as { snsTopicArn: string }),
        },
        engagements: (p.Engagements as string[]) ?? [],
        chatChannel: Array.isArray(chat.ChatbotSns)
          ? { chatbotSns: chat.ChatbotSns as string[] }
          : undefined,
        actions: (Array.isArray(p.Actions) ? (p.Actions as Props[]) : []).flatMap((a) => {
          const s = a.SsmAutomation as Props | undefined;
          if (s === undefined) return [];
          return [
            {
              ssmAutomation: {
                documentName: str(s.DocumentName),
                documentVersion: str(s.DocumentVersion),
                roleArn: str(s.RoleArn),
                targetAccount: str(s.TargetAccount) as "RESPONSE_PLAN_OWNER_ACCOUNT" | undefined,
                parameters: Object.fromEntries(
                  (Array.isArray(s.Parameters) ? (s.Parameters as Props[]) : []).map((x) => [
                    x.Key,
                    x.Values,
                  ]),
                ),
                dynamicParameters: Object.fromEntries(
                  (Array.isArray(s.DynamicParameters) ? (s.DynamicParameters as Props[]) : []).map(
                    (x) => [x.Key, { variable: (x.Value as Props)?.Variable }],
                  ),
                ),
              },
            },
          ];
        }) as NonNullable<Snapshot["responsePlans"][number]["getResponsePlan"]["actions"]>,
        integrations: (Array.isArray(p.Integrations) ? (p.Integrations as Props[]) : []).flatMap(
          (i) => {
            const pd = i.PagerDutyConfiguration as Props | undefined;
            if (pd === undefined) return [];
            return [
              {
                pagerDutyConfiguration: {
                  name: str(pd.Name),
                  secretId: str(pd.SecretId),
                  pagerDutyIncidentConfiguration: {
                    serviceId: str((pd.PagerDutyIncidentConfiguration as Props)?.ServiceId),
                  },
                },
              },
            ];
          },
        ) as NonNullable<Snapshot["responsePlans"][number]["getResponsePlan"]["integrations"]>,
      },
      listTagsForResource: {
        tags: Object.fromEntries(tagList(p.Tags).map((x) => [x.Key, x.Value])),
      },
    });
  }

  const alarmTags: Record<string, { Tags: { Key: string; Value: string }[] }> = {};
  const metricAlarms: NonNullable<Snapshot["describeAlarms"]["MetricAlarms"]>[number][] = [];
  for (const [logical, r] of of("AWS::CloudWatch::Alarm")) {
    const name = physicalOf(logical, r.Type);
    if (name === undefined) continue;
    const p = propsOf(logical, r);
    const { Tags: tags, ...alarm } = p;
    alarmTags[name] = { Tags: tagList(tags) };
    metricAlarms.push({ ...alarm, AlarmName: name } as (typeof metricAlarms)[number]);
  }
  const compositeAlarms: NonNullable<Snapshot["describeAlarms"]["CompositeAlarms"]>[number][] = [];
  for (const [logical, r] of of("AWS::CloudWatch::CompositeAlarm")) {
    const name = physicalOf(logical, r.Type);
    if (name === undefined) continue;
    const p = propsOf(logical, r);
    const { Tags: tags, ...alarm } = p;
    alarmTags[name] = { Tags: tagList(tags) };
    compositeAlarms.push({ ...alarm, AlarmName: name } as (typeof compositeAlarms)[number]);
  }

  let getReplicationSet = options.getReplicationSet;
  let replicationSetTags: Snapshot["replicationSetTags"];
  const sets = of("AWS::SSMIncidents::ReplicationSet");
  if (sets.length > 0) {
    const [logical, r] = sets[0];
    const p = propsOf(logical, r);
    const regions = Array.isArray(p.Regions) ? (p.Regions as Props[]) : [];
    getReplicationSet = {
      replicationSet: {
        arn: physical.get(logical),
        regionMap: Object.fromEntries(
          regions.map((x) => [
            String(x.RegionName),
            {
              sseKmsKeyId: str((x.RegionConfiguration as Props | undefined)?.SseKmsKeyId),
              status: "ACTIVE" as const,
              statusUpdateDateTime: undefined,
            },
          ]),
        ),
        deletionProtected: p.DeletionProtected === true,
        status: "ACTIVE",
        createdBy: undefined,
        createdTime: undefined,
        lastModifiedBy: undefined,
        lastModifiedTime: undefined,
      },
    };
    replicationSetTags = { tags: Object.fromEntries(tagList(p.Tags).map((x) => [x.Key, x.Value])) };
  } else if (getReplicationSet === undefined) {
    notes.push(
      "The stack holds no AWS::SSMIncidents::ReplicationSet; pass the account's with `--replication-set <file>` (the output of `aws ssm-incidents get-replication-set --arn <arn>`).",
    );
  }

  for (const [logical, r] of Object.entries(resources)) {
    const known = [
      "AWS::SSMContacts::Contact",
      "AWS::SSMContacts::ContactChannel",
      "AWS::SSMContacts::Plan",
      "AWS::SSMContacts::Rotation",
      "AWS::SSMIncidents::ResponsePlan",
      "AWS::SSMIncidents::ReplicationSet",
      "AWS::CloudWatch::Alarm",
      "AWS::CloudWatch::CompositeAlarm",
    ];
    if (!known.includes(r?.Type))
      notes.push(
        `${logical} (${r?.Type}) is not an Incident Manager resource; it is not converted.`,
      );
  }

  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    region: values["AWS::Region"] ?? contacts[0]?.getContact.ContactArn?.split(":")[3] ?? "",
    ...(getReplicationSet === undefined ? {} : { getReplicationSet }),
    ...(replicationSetTags === undefined ? {} : { replicationSetTags }),
    contacts,
    rotations,
    responsePlans,
    describeAlarms: { MetricAlarms: metricAlarms, CompositeAlarms: compositeAlarms },
    alarmTags,
  };
  return { snapshot, notes };
}
