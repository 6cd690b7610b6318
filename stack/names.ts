/**
 * The names AWS (or Pulumi) keeps unique across the entries of a stack spec: each component checks
 * its own, the stack checks them across entries. Also the advisory notes the spec gets.
 */
import {
  scheduleOf,
  teamChildNames,
  type EscalationChainSpec,
  type OnCallTeamSpec,
  type ResponsePlanWithAlarmsData,
  type ValidationIssue,
} from "../components";
import { repeatsMessage } from "../components/schemaHelpers";
import { describeValue, type FieldPath, formatPath } from "../components/validation";
import { SPEC_KEY, type Entry } from "./schema";

/** Duplicate names in one list: each entry names a component, so names are unique. */
export function checkUnique(
  entries: readonly Entry[],
  field: string,
  issues: ValidationIssue[],
): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const first = seen.get(entry.name);
    if (first === undefined) {
      seen.set(entry.name, i);
      return;
    }
    issues.push({
      path: [field, i, "name"],
      message: repeatsMessage(
        "name",
        entry.name,
        [field, first],
        "names name components and must be unique.",
      ),
    });
  });
}

/** One name the spec gives a thing AWS (or Pulumi) keeps unique in some scope. */
interface Claim {
  /** The scope and the name, e.g. `ap-northeast-1/emergency-alarm`. */
  readonly key: string;
  readonly path: FieldPath;
  /** The entry that gives it (`teams[0]`): a repeat inside one entry is the component's to report. */
  readonly owner: string;
}

/** Reports every claim whose key an earlier entry already claimed, at its own path. */
function reportRepeats(
  claims: readonly Claim[],
  message: (first: Claim) => string,
  issues: ValidationIssue[],
): void {
  const seen = new Map<string, Claim>();
  for (const claim of claims) {
    const first = seen.get(claim.key);
    if (first === undefined) seen.set(claim.key, claim);
    else if (first.owner !== claim.owner)
      issues.push({ path: claim.path, message: message(first) });
  }
}

export type ParsedTeam = { i: number; name: string; spec: OnCallTeamSpec };
export type ParsedChain = { i: number; spec: EscalationChainSpec };
export type ParsedPlan = { i: number; name: string; spec: ResponsePlanWithAlarmsData };

/**
 * The names AWS keeps unique across the stack, checked across entries (each component checks its
 * own): contact aliases, response plan names, alarm names, EventBridge rule names, and the child
 * names Pulumi keeps unique (one type and name under parents of one type).
 */
export function crossEntryIssues(
  primaryRegion: string | undefined,
  teams: readonly ParsedTeam[],
  chains: readonly ParsedChain[],
  plans: readonly ParsedPlan[],
  raw: readonly Entry[],
  issues: ValidationIssue[],
): void {
  // Contacts, escalation plans and on-call schedules share one alias per account and region: the
  // ssm-contacts model's CreateContact says "The contact alias must be unique and identifiable",
  // and a contact's ARN ends in `contact/<alias>` (botocore 1.43 ssm-contacts examples-1.json).
  // Every contact of the stack is in the setup's primary region.
  reportRepeats(
    [
      ...teams.flatMap(({ i, spec }) => [
        ...spec.members.map((m, j) => ({
          key: m.alias,
          path: ["teams", i, "members", j, "alias"],
          owner: `teams[${i}]`,
        })),
        ...[scheduleOf(spec)].flatMap((schedule) =>
          schedule === undefined
            ? []
            : [
                {
                  key: schedule.alias,
                  path: ["teams", i, "schedule", "alias"],
                  owner: `teams[${i}]`,
                },
              ],
        ),
      ]),
      ...chains.map(({ i, spec }) => ({
        key: spec.alias,
        path: ["escalations", i, "alias"],
        owner: `escalations[${i}]`,
      })),
    ],
    (first) =>
      `repeats the contact alias of \`${formatPath(first.path)}\` (${describeValue(first.key)}); contacts, escalation plans and on-call schedules share one alias namespace in an account and region, so AWS refuses the second. Pick another alias.`,
    issues,
  );
  // A response plan's name is its identity: its ARN is `response-plan/<name>` with no region
  // (ssm-incidents model, CreateResponsePlan `name`, ConflictException; cfn-lint 1.51
  // AWS::SSMIncidents::ResponsePlan has `Name` create-only).
  reportRepeats(
    plans.flatMap(({ i, spec }) =>
      typeof spec.responsePlanName === "string"
        ? [
            {
              key: spec.responsePlanName,
              path:
                raw[i].responsePlanName === undefined
                  ? ["responsePlans", i, "name"]
                  : ["responsePlans", i, "responsePlanName"],
              owner: `responsePlans[${i}]`,
            },
          ]
        : [],
    ),
    (first) =>
      `gives the response plan name of \`${formatPath(first.path)}\` (${describeValue(first.key)}) again; a response plan's name is unique in an account (its ARN is arn:aws:ssm-incidents::<account>:response-plan/<name>), so AWS refuses the second. Set a distinct \`responsePlanName\`.`,
    issues,
  );
  const regionOf = (region: unknown) => (typeof region === "string" ? region : primaryRegion);
  // Metric and composite alarm names: "This name must be unique within the Region" (cloudwatch
  // model, PutMetricAlarm and PutCompositeAlarm `AlarmName`), and a Put on a taken name "completely
  // overwrites the previous configuration of the alarm". Composite rules name alarms by name
  // alone, whatever their kind, so the two kinds share the namespace.
  reportRepeats(
    plans.flatMap(({ i, spec }) =>
      (["alarms", "compositeAlarms"] as const).flatMap((field) =>
        spec[field].map((alarm, j) => ({
          key: `${regionOf(alarm.region)}/${alarm.name}`,
          path: ["responsePlans", i, field, j, "name"],
          owner: `responsePlans[${i}]`,
        })),
      ),
    ),
    (first) =>
      `repeats the alarm name of \`${formatPath(first.path)}\` in the same region (${first.key.replace("/", ": ")}); CloudWatch alarm names are unique in an account and region across metric and composite alarms, and putting a taken name overwrites that alarm. Rename one of them.`,
    issues,
  );
  // EventBridge rule names: PutRule on a rule's name "replaces" it (events model, PutRule);
  // the components put every rule on the region's default event bus.
  reportRepeats(
    plans.flatMap(({ i, spec }) =>
      spec.events.map((event, j) => ({
        key: `${regionOf(event.region)}/${event.name}`,
        path: ["responsePlans", i, "events", j, "name"],
        owner: `responsePlans[${i}]`,
      })),
    ),
    (first) =>
      `repeats the EventBridge rule name of \`${formatPath(first.path)}\` on the same event bus (the default bus of ${first.key.split("/")[0]}: ${describeValue(first.key.split("/")[1])}); PutRule on a taken name replaces that rule. Rename one of them.`,
    issues,
  );
  // Child names: a URN holds the parent's type, not its name, so team `sre` with member
  // `taro-x` and team `sre-taro` with member `x` both register the contact `sre-taro-x`.
  reportRepeats(
    [
      ...teams.flatMap(({ i, name, spec }) =>
        teamChildNames(name, spec).map((child) => ({
          key: `OnCallTeam/${child.type}::${child.name}`,
          path: ["teams", i, ...child.path],
          owner: `teams[${i}]`,
        })),
      ),
      ...plans.flatMap(({ i, name, spec }) => [
        ...spec.alarms.map((a, j) => ({
          key: `ResponsePlanWithAlarms/aws:cloudwatch/metricAlarm:MetricAlarm::${name}-alarm-${a.name}`,
          path: ["responsePlans", i, "alarms", j, "name"],
          owner: `responsePlans[${i}]`,
        })),
        ...spec.compositeAlarms.map((a, j) => ({
          key: `ResponsePlanWithAlarms/aws:cloudwatch/compositeAlarm:CompositeAlarm::${name}-alarm-${a.name}`,
          path: ["responsePlans", i, "compositeAlarms", j, "name"],
          owner: `responsePlans[${i}]`,
        })),
        ...spec.events.map((e, j) => ({
          key: `ResponsePlanWithAlarms/aws:cloudwatch/eventRule:EventRule::${name}-rule-${e.name}`,
          path: ["responsePlans", i, "events", j, "name"],
          owner: `responsePlans[${i}]`,
        })),
      ]),
    ],
    (first) =>
      `gives a child the name ${describeValue(first.key.split("::")[1])} that \`${formatPath(first.path)}\` gives one of the same type; Pulumi refuses two resources with one name and type under parents of one type. Rename an entry, an alias or a channel.`,
    issues,
  );
}

/**
 * Rotation names repeated across teams. AWS's text does not say whether rotation names are unique:
 * CreateRotation lists no ConflictException (ssm-contacts model) and CloudFormation identifies a
 * rotation by its ARN with `Name` updatable (cfn-lint 1.51 AWS::SSMContacts::Rotation). So this is
 * advisory: the stack logs it as a warning, and builds.
 */
export function specAdvisories(value: unknown): string[] {
  const teams = (value as { teams?: unknown })?.teams;
  if (!Array.isArray(teams)) return [];
  const seen = new Map<string, string>();
  const notes: string[] = [];
  teams.forEach((team: unknown, i) => {
    const rotations = (team as { rotations?: unknown })?.rotations;
    if (!Array.isArray(rotations)) return;
    const here = new Set<string>();
    rotations.forEach((rotation: unknown, r) => {
      const name = (rotation as { name?: unknown })?.name;
      if (typeof name !== "string" || here.has(name)) return;
      here.add(name);
      const path = formatPath(["teams", i, "rotations", r, "name"], SPEC_KEY);
      const first = seen.get(name);
      if (first === undefined) seen.set(name, path);
      else {
        notes.push(
          `\`${path}\` repeats the rotation name ${describeValue(name)} of \`${first}\`. AWS's documentation does not say whether rotation names are unique in an account; if they are, the second rotation fails to create. Prefer distinct rotation names.`,
        );
      }
    });
  });
  return notes;
}
