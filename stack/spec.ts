/**
 * The config-driven stack: one structured config value (`incident-manager:spec`) describing the
 * setup, the teams, the escalation chains and the response plans, validated with the components'
 * own schemas and built into the components. Errors name the config path.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  EscalationChain,
  IncidentManagerSetup,
  OnCallTeam,
  ResponsePlanWithAlarms,
  ValidationError,
  prepareEscalationChain,
  incidentManagerSetupSchema,
  prepareOnCallTeam,
  responsePlanWithAlarmsSchema,
  type ContactReference,
  type ContactTarget,
  type EscalationChainArgs,
  type EscalationChainSpec,
  type IncidentManagerSetupArgs,
  type MemberReference,
  type OnCallTeamArgs,
  type OnCallTeamSpec,
  type ResponsePlanWithAlarmsArgs,
  type ScheduleReference,
  type ValidationIssue,
  scheduleOf,
  teamChildNames,
} from "../components";
import { adoptionSetupIssue, CONTACT_ALIAS } from "../components/common";
import { brandReference, memberReference, type SetupReference } from "../components/references";
import { describeValue, type FieldPath, formatPath, validateArgs } from "../components/validation";

/** The config key the stack reads (namespace `incident-manager`). */
export const SPEC_KEY = "incident-manager:spec";

/** A name that names the component (and so its children): what references use. */
const componentName = z.string().regex(/^[A-Za-z0-9_.-]{1,100}$/, {
  error: (iss) =>
    `must be 1-100 characters of letters, digits, \`_\`, \`.\` or \`-\` (it names the component and its children); got ${describeValue(iss.input)}`,
});

const named = z.looseObject({ name: componentName });

/**
 * The shape of the spec around the components' args: each list entry is `{ name, ...args }`,
 * where args are the component's own args, except that targets and engagements name other
 * entries instead of passing objects:
 * - an escalation stage target is `"<team>/<member alias>"` or `"<team>/schedule"` (or a contact ARN);
 * - a response plan engagement is an escalation's name, `"<team>/<member alias>"`,
 *   `"<team>/schedule"` or a contact ARN.
 * The setup is given once; every component depends on it.
 */
export const stackSpecSchema = z.strictObject({
  setup: z.record(z.string(), z.unknown(), {
    error: (iss) => `must be the IncidentManagerSetup args; got ${describeValue(iss.input)}`,
  }),
  teams: z.array(named).default([]),
  escalations: z.array(named).default([]),
  responsePlans: z.array(named).default([]),
});

/** The spec as written in the config. */
export type StackSpec = z.input<typeof stackSpecSchema>;

/** What the stack built, by name. */
export interface BuiltStack {
  readonly setup: IncidentManagerSetup;
  readonly teams: Readonly<Record<string, OnCallTeam>>;
  readonly escalations: Readonly<Record<string, EscalationChain>>;
  readonly responsePlans: Readonly<Record<string, ResponsePlanWithAlarms>>;
}

const CONTEXT = { component: "Stack config", name: SPEC_KEY, pathPrefix: SPEC_KEY };
const PLACEHOLDER_ARN = "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/placeholder";
const ARN = /^arn:/;

type Entry = Record<string, unknown> & { name: string };

/** Splits `{ name, ...args }` into the name and the args. */
function argsOf(entry: Entry): Record<string, unknown> {
  const { name: _name, ...args } = entry;
  void _name;
  return args;
}

/**
 * Runs a component schema over one part of the spec, collecting its issues under `path`.
 * Returns the parsed args, or undefined when they broke a rule.
 */
function check<T extends z.ZodType>(
  schema: T,
  args: unknown,
  component: string,
  name: string,
  path: FieldPath,
  issues: ValidationIssue[],
): z.output<T> | undefined {
  try {
    return validateArgs(schema, args, { component, name });
  } catch (err) {
    if (!ValidationError.isValidationError(err)) throw err;
    for (const issue of err.issues) issues.push({ ...issue, path: [...path, ...issue.path] });
    return undefined;
  }
}

/** A parsed team's references, as `"<team>/<alias>"` and `"<team>/schedule"` name them. */
type StandIns = ReadonlyMap<string, MemberReference | ScheduleReference>;

/**
 * Stand-ins for the references an OnCallTeam will hand out, made from its parsed args before
 * anything is registered: the same kind, alias and channel types, with a placeholder ARN. The
 * EscalationChain schema then checks its own rules (the final stage, repeated targets) on them.
 */
function standInReferences(name: string, team: OnCallTeamSpec): StandIns {
  const members = new Map(
    team.members.map((member) => [
      member.alias,
      memberReference(name, member, pulumi.output(`${PLACEHOLDER_ARN}-${member.alias}`), []),
    ]),
  );
  const definition = scheduleOf(team);
  // A team without rotations has no schedule to stand in for.
  if (definition === undefined) return members;
  const { alias, displayName, onCall } = definition;
  const onCallMembers = onCall.flatMap((alias) => members.get(alias) ?? []);
  const schedule = brandReference<ScheduleReference>({
    kind: "schedule",
    type: "ONCALL_SCHEDULE",
    channelTypes: [...new Set(onCallMembers.flatMap((m) => m.channelTypes))],
    team: name,
    alias,
    displayName,
    arn: pulumi.output(`${PLACEHOLDER_ARN}-schedule`),
    dependencies: [],
    members: onCallMembers,
    onCallAt: () => [], // Not read by validation.
  });
  return new Map<string, MemberReference | ScheduleReference>([...members, ["schedule", schedule]]);
}

/** Where a `"team/alias"` reference points, or the rule it breaks. */
function resolveReference(
  ref: unknown,
  teams: ReadonlyMap<string, Entry>,
): { team: string; alias: string } | string | undefined {
  if (typeof ref !== "string") {
    return `must be "<team>/<member alias>", "<team>/schedule" or a contact ARN; got ${describeValue(ref)}`;
  }
  if (ARN.test(ref)) return undefined;
  const [team, alias, ...rest] = ref.split("/");
  if (rest.length > 0 || !team || !alias) {
    return `must be "<team>/<member alias>", "<team>/schedule" or a contact ARN; got ${describeValue(ref)}`;
  }
  const entry = teams.get(team);
  if (entry === undefined) {
    return `names the team ${describeValue(team)}, which is not in \`teams\` (${[...teams.keys()].join(", ") || "none"}); got ${describeValue(ref)}. Use one of the teams' names.`;
  }
  const members = Array.isArray(entry.members)
    ? entry.members.map((m) => (m as { alias?: unknown })?.alias)
    : [];
  // A team without a list of valid aliases is reported by its own checks; a reference into it
  // is checked once it is fixed, not reported a second time.
  const aliasesKnown =
    members.length > 0 && members.every((a) => typeof a === "string" && CONTACT_ALIAS.test(a));
  if (alias === "schedule" && entry.rotations === undefined) {
    return `names the on-call schedule of team ${describeValue(team)}, which has no \`rotations\` and so no schedule; got ${describeValue(ref)}. Add rotations to the team, or engage its members (\`${team}/<member alias>\`).`;
  }
  if (alias !== "schedule" && aliasesKnown && !members.includes(alias)) {
    return `names the member ${describeValue(alias)}, who is not in team ${describeValue(team)} (${members.join(", ")}); got ${describeValue(ref)}. Use a member's alias or \`${team}/schedule\`.`;
  }
  return { team, alias };
}

/** Duplicate names in one list: each entry names a component, so names are unique. */
function checkUnique(entries: readonly Entry[], field: string, issues: ValidationIssue[]): void {
  const seen = new Map<string, number>();
  entries.forEach((entry, i) => {
    const first = seen.get(entry.name);
    if (first === undefined) {
      seen.set(entry.name, i);
      return;
    }
    issues.push({
      path: [field, i, "name"],
      message: `repeats the name ${describeValue(entry.name)}, already used at \`${field}[${first}]\`; names name components and must be unique.`,
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

type ParsedTeam = { i: number; name: string; spec: OnCallTeamSpec };
type ParsedChain = { i: number; spec: EscalationChainSpec };
type ParsedPlan = { i: number; name: string; spec: z.output<typeof responsePlanWithAlarmsSchema> };

/**
 * The names AWS keeps unique across the stack, checked across entries (each component checks its
 * own): contact aliases, response plan names, alarm names, EventBridge rule names, and the child
 * names Pulumi keeps unique (one type and name under parents of one type).
 */
function crossEntryIssues(
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

/**
 * Validates the spec with the components' own schemas and the cross-references between its
 * parts, before anything is registered. Throws one ValidationError listing every issue, each
 * with its config path (`incident-manager:spec.teams[0].members[1].channels[0].address`).
 */
export function validateSpec(value: unknown): z.output<typeof stackSpecSchema> {
  const spec = validateArgs(stackSpecSchema, value, CONTEXT);
  const issues: ValidationIssue[] = [];
  const teams = spec.teams as Entry[];
  const escalations = spec.escalations as Entry[];
  const plans = spec.responsePlans as Entry[];
  checkUnique(teams, "teams", issues);
  checkUnique(escalations, "escalations", issues);
  checkUnique(plans, "responsePlans", issues);
  const teamsByName = new Map(teams.map((t) => [t.name, t]));
  const escalationNames = new Set(escalations.map((e) => e.name));

  const setup = check(
    incidentManagerSetupSchema,
    spec.setup,
    "IncidentManagerSetup",
    "setup",
    ["setup"],
    issues,
  );
  const standIns = new Map<string, StandIns>();
  const parsedTeams: ParsedTeam[] = [];
  const parsedChains: ParsedChain[] = [];
  const parsedPlans: ParsedPlan[] = [];
  teams.forEach((team, i) => {
    // The stack checks adoption's setup for every entry (adoptionIssues); the setup is passed
    // when the team is built.
    const prepared = prepareOnCallTeam(team.name, argsOf(team) as unknown as OnCallTeamArgs, {
      setupGivenLater: true,
    });
    if (!prepared.ok) {
      for (const issue of prepared.issues)
        issues.push({ ...issue, path: ["teams", i, ...issue.path] });
      return;
    }
    const parsed = prepared.spec;
    parsedTeams.push({ i, name: team.name, spec: parsed });
    if (!standIns.has(team.name)) standIns.set(team.name, standInReferences(team.name, parsed));
  });
  escalations.forEach((chain, i) => {
    const args = argsOf(chain);
    // References are checked here (and reported once, here, when they are wrong); the
    // component's schema checks the rest with a stand-in for each reference: the parsed team's
    // reference, or a placeholder ARN when the team itself broke a rule.
    const stages = Array.isArray(args.stages) ? args.stages : [];
    const withArns = stages.map((stage: unknown, s: number) => {
      const targets = (stage as { targets?: unknown })?.targets;
      if (!Array.isArray(targets)) return stage;
      return {
        ...(stage as object),
        targets: targets.map((t: unknown, j: number) => {
          // A target entry that is not an object is the component schema's to report.
          if (typeof t !== "object" || t === null) return t;
          const target = (t as { target?: unknown }).target;
          const rule = resolveReference(target, teamsByName);
          if (typeof rule === "string") {
            issues.push({
              path: ["escalations", i, "stages", s, "targets", j, "target"],
              message: rule,
            });
          }
          if (rule === undefined) return { ...(t as object), target: { arn: target } };
          const standIn =
            typeof rule === "string" ? undefined : standIns.get(rule.team)?.get(rule.alias);
          return { ...(t as object), target: standIn ?? { arn: `${PLACEHOLDER_ARN}-${s}-${j}` } };
        }),
      };
    });
    const argsWithArns = Array.isArray(args.stages) ? { ...args, stages: withArns } : args;
    // The stack checks adoption against its one setup (adoptionIssues), which it passes only
    // when it builds the chain.
    const { adopt: _adopt, ...withoutAdopt } = argsWithArns as Record<string, unknown>;
    void _adopt;
    const prepared = prepareEscalationChain(
      chain.name,
      withoutAdopt as unknown as EscalationChainArgs,
    );
    if (prepared.ok) parsedChains.push({ i, spec: prepared.spec });
    else
      for (const issue of prepared.issues)
        issues.push({ ...issue, path: ["escalations", i, ...issue.path] });
  });
  plans.forEach((plan, i) => {
    const args = argsOf(plan);
    const engagements = Array.isArray(args.engagements) ? args.engagements : [];
    const withArns = engagements.map((e: unknown, j: number) => {
      if (typeof e === "string" && escalationNames.has(e))
        return { arn: `${PLACEHOLDER_ARN}-${j}` };
      const rule = resolveReference(e, teamsByName);
      if (typeof rule === "string") {
        issues.push({
          path: ["responsePlans", i, "engagements", j],
          message: `${rule.replace("must be", "must be an escalation's name,")}`,
        });
      }
      // An engagement is a contact target: a contact ARN is `{ arn }`.
      return rule === undefined ? { arn: e } : { arn: `${PLACEHOLDER_ARN}-${j}` };
    });
    const argsWithArns = Array.isArray(args.engagements)
      ? { ...args, engagements: withArns }
      : args;
    const parsed = check(
      responsePlanWithAlarmsSchema,
      withDefaultPlanName(argsWithArns, plan.name),
      "ResponsePlanWithAlarms",
      plan.name,
      ["responsePlans", i],
      issues,
    );
    if (parsed !== undefined) parsedPlans.push({ i, name: plan.name, spec: parsed });
  });
  // An entry whose name repeats an earlier one's is reported as such, not for every name it repeats.
  const firstOfName = <T extends { i: number }>(parsed: T[], entries: readonly Entry[]) =>
    parsed.filter(({ i }) => entries.findIndex((e) => e.name === entries[i].name) === i);
  crossEntryIssues(
    setup?.regions[0],
    firstOfName(parsedTeams, teams),
    firstOfName(parsedChains, escalations),
    firstOfName(parsedPlans, plans),
    plans,
    issues,
  );
  adoptionIssues(spec.setup, teams, escalations, plans, issues);
  if (issues.length > 0) throw new ValidationError(CONTEXT, issues);
  return spec;
}

/**
 * Entries that adopt resources whose import IDs are derived from the setup's
 * `replicationSetArn`: the stack passes its one setup to every component, so it checks here.
 */
function adoptionIssues(
  setup: Record<string, unknown>,
  teams: readonly Entry[],
  escalations: readonly Entry[],
  plans: readonly Entry[],
  issues: ValidationIssue[],
): void {
  const adopt = (entry: Entry) => entry.adopt as Record<string, unknown> | boolean | undefined;
  const report = (path: FieldPath, what: string) => {
    const message = adoptionSetupIssue(setup as unknown as SetupReference, what);
    if (message !== undefined) issues.push({ path, message });
  };
  teams.forEach((team, i) => {
    const contacts = (adopt(team) as { contacts?: unknown } | undefined)?.contacts;
    if (Array.isArray(contacts) && contacts.length > 0) {
      report(["teams", i, "adopt", "contacts"], "the contacts' import IDs are");
    }
  });
  escalations.forEach((chain, i) => {
    if (adopt(chain) === true) report(["escalations", i, "adopt"], "the contact's import ID is");
  });
  plans.forEach((plan, i) => {
    if ((adopt(plan) as { responsePlan?: unknown } | undefined)?.responsePlan === true) {
      report(["responsePlans", i, "adopt", "responsePlan"], "the response plan's import ID is");
    }
  });
}

function withDefaultPlanName(args: Record<string, unknown>, name: string): unknown {
  return args.responsePlanName === undefined ? { ...args, responsePlanName: name } : args;
}

/**
 * Builds one component per entry, in order, keyed by the entry's name. A rule a component checks
 * only when it is constructed (after the entries before it registered) is reported with its config
 * path too; `validateSpec` checks every schema rule before that.
 */
function byName<T>(
  field: string,
  entries: readonly unknown[],
  build: (name: string, args: Record<string, unknown>) => T,
): Record<string, T> {
  return Object.fromEntries(
    (entries as Entry[]).map((entry, i) => {
      try {
        return [entry.name, build(entry.name, argsOf(entry))];
      } catch (err) {
        if (!ValidationError.isValidationError(err)) throw err;
        throw new ValidationError(
          CONTEXT,
          err.issues.map((issue) => ({ ...issue, path: [field, i, ...issue.path] })),
        );
      }
    }),
  );
}

/** A `"team/alias"` reference (already checked) as the team's reference, or the ARN as given. */
function referenceOf(
  ref: string,
  teams: Readonly<Record<string, OnCallTeam>>,
): ContactReference | { arn: string } {
  if (ARN.test(ref)) return { arn: ref };
  const [team, alias] = ref.split("/");
  // validateSpec refused "<team>/schedule" for a team without rotations.
  return alias === "schedule" ? teams[team].schedule! : teams[team].member(alias);
}

/**
 * Validates the spec, then builds the setup, the teams, the escalation chains and the response
 * plans, each named after its entry's `name`.
 */
export function buildStack(value: unknown): BuiltStack {
  const spec = validateSpec(value);
  for (const note of specAdvisories(value)) pulumi.log.warn(note);
  const setup = new IncidentManagerSetup("incident-manager", {
    ...(spec.setup as unknown as IncidentManagerSetupArgs),
  });
  const teams = byName("teams", spec.teams, (name, args) => {
    return new OnCallTeam(name, { ...(args as unknown as OnCallTeamArgs), setup });
  });
  const escalations = byName("escalations", spec.escalations, (name, raw) => {
    const args = raw as unknown as EscalationChainArgs;
    return new EscalationChain(name, {
      ...args,
      setup,
      stages: args.stages.map((stage) => ({
        ...stage,
        targets: stage.targets.map((t) => ({
          ...t,
          target: referenceOf(t.target as unknown as string, teams),
        })),
      })),
    });
  });
  const responsePlans = byName("responsePlans", spec.responsePlans, (name, raw) => {
    const args = raw as unknown as ResponsePlanWithAlarmsArgs;
    return new ResponsePlanWithAlarms(name, {
      ...args,
      setup,
      engagements: (args.engagements as unknown as string[]).map((e): ContactTarget => {
        const target = escalations[e] ?? referenceOf(e, teams);
        return typeof target === "string" ? { arn: target } : target;
      }),
    });
  });
  return { setup, teams, escalations, responsePlans };
}

/**
 * Whether the engine marked a config key secret. `isConfigSecret` is exported by the SDK's
 * runtime (it reads PULUMI_CONFIG_SECRET_KEYS) but not declared in its types.
 */
function isSecretKey(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return runtime.isConfigSecret?.(key) ?? false;
}

/**
 * The spec with every channel address made a secret Output, for a spec that holds secure values
 * (`pulumi config set --secret --path 'incident-manager:spec.teams[0].members[0].channels[0].address'`).
 * Pulumi hands a program the whole structured value decrypted, as one secret key, without saying
 * which leaves were secure; addresses are the personal data a spec holds, so each stays secret.
 * A `[secret]` placeholder (where `plan` cannot decrypt) is passed on as such: OnCallTeam checks
 * the channel as far as possible (its type and name) and leaves that address unchecked.
 */
export function withSecretAddresses(spec: unknown): unknown {
  const teams = (spec as { teams?: unknown })?.teams;
  if (!Array.isArray(teams)) return spec;
  const secretAddress = (address: unknown) =>
    typeof address === "string" ? pulumi.secret(address) : address;
  return {
    ...(spec as object),
    teams: teams.map((team: unknown) => {
      const members = (team as { members?: unknown })?.members;
      if (!Array.isArray(members)) return team;
      return {
        ...(team as object),
        members: members.map((member: unknown) => {
          const channels = (member as { channels?: unknown })?.channels;
          if (!Array.isArray(channels)) return member;
          return {
            ...(member as object),
            channels: channels.map((c: unknown) =>
              typeof c === "object" && c !== null && "address" in c
                ? { ...c, address: secretAddress((c as { address: unknown }).address) }
                : c,
            ),
          };
        }),
      };
    }),
  };
}

/**
 * Reads the spec from the stack's config: `incident-manager:spec`. When the key holds secure
 * values, channel addresses are kept secret (see {@link withSecretAddresses}).
 */
export function readSpec(): unknown {
  const spec = new pulumi.Config("incident-manager").getObject<unknown>("spec");
  if (spec !== undefined && isSecretKey(SPEC_KEY)) {
    return withSecretAddresses(spec);
  }
  if (spec === undefined) {
    throw new ValidationError(CONTEXT, [
      {
        path: [],
        message: `is not set in the stack's config; got nothing. Add it to Pulumi.<stack>.yaml (Pulumi.dev.yaml holds an example) or pass \`--spec <file>\` to plan.`,
      },
    ]);
  }
  return spec;
}
