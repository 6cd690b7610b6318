/**
 * The config-driven stack: one structured config value (`incident-manager:spec`) describing the
 * setup, the teams, the escalation chains and the response plans, built into the components.
 *
 * Every entry goes through its component's own two steps (`prepare<Component>`: the data schema,
 * then the resolution) before anything registers, and every issue is reported at once with its
 * config path. References between entries are the real references, made from the prepared specs:
 * a chain's target `"sre/taro"` is the member's reference (alias, display name, engagement plan)
 * whose ARN is delivered when the team is built, so nothing is checked against a stand-in. The
 * components are then built from the prepared specs (`usePrepared…`), so nothing is checked twice.
 */
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import {
  EscalationChain,
  IncidentManagerSetup,
  OnCallTeam,
  ResponsePlanWithAlarms,
  ValidationError,
  onCallAt,
  prepareEscalationChain,
  prepareIncidentManagerSetup,
  prepareOnCallTeam,
  prepareResponsePlanWithAlarms,
  useResponsePlanWithAlarmsPrepared,
  usePrepared as usePreparedOnCallTeam,
  usePreparedEscalationChain,
  usePreparedIncidentManagerSetup,
  type ContactReference,
  type ContactTarget,
  type EscalationChainArgs,
  type EscalationChainSpec,
  type IncidentManagerSetupArgs,
  type IncidentManagerSetupSpec,
  type MemberReference,
  type OnCallTeamArgs,
  type OnCallTeamSpec,
  type ResponsePlanWithAlarmsArgs,
  type ResponsePlanWithAlarmsSpec,
  type ScheduleReference,
  type SetupReference,
  type ValidationIssue,
} from "../components";
import {
  brandReference,
  memberReference,
  recordKnownReplicationSetArn,
} from "../components/references";
import type { FieldPath } from "../components/validation";
import { checkUnique, crossEntryIssues, specAdvisories } from "./names";
import {
  argsOf,
  CONTEXT,
  parseSpecShape,
  resolveReference,
  stackSpecSchema,
  type Entry,
} from "./schema";

export { SPEC_KEY, stackSpecSchema, type StackSpec } from "./schema";
export { specAdvisories } from "./names";
export { readSpec, withSecretAddresses } from "./config";

/** What the stack built, by name. */
export interface BuiltStack {
  readonly setup: IncidentManagerSetup;
  readonly teams: Readonly<Record<string, OnCallTeam>>;
  readonly escalations: Readonly<Record<string, EscalationChain>>;
  readonly responsePlans: Readonly<Record<string, ResponsePlanWithAlarms>>;
}

/**
 * A value delivered once the component that makes it is built: an Output whose resources, once
 * resolved, are the delivered Output's, so dependencies reach whoever reads it.
 */
interface Later<T> {
  readonly output: pulumi.Output<T>;
  deliver(value: pulumi.Input<T>): void;
}

function later<T>(): Later<T> {
  let deliver!: (value: pulumi.Input<T>) => void;
  const promise = new Promise<pulumi.Input<T>>((resolve) => (deliver = resolve));
  return { output: pulumi.output(promise) as unknown as pulumi.Output<T>, deliver };
}

/** A prepared entry: the args it was prepared with (and is built with) and its spec. */
interface Prepared<A, S> {
  readonly i: number;
  readonly name: string;
  readonly args: A;
  readonly spec: S;
}

/** A team's references, by `"<alias>"` and `"schedule"`, with their ARNs to deliver. */
interface TeamReferences {
  readonly references: ReadonlyMap<string, ContactReference>;
  readonly arns: ReadonlyMap<string, Later<string>>;
}

/** Everything prepared, ready to build. */
interface PreparedStack {
  readonly spec: z.output<typeof stackSpecSchema>;
  readonly setup: Prepared<IncidentManagerSetupArgs, IncidentManagerSetupSpec>;
  readonly setupOutputs: {
    readonly replicationSetArn: Later<string>;
    readonly accountId: Later<string>;
    readonly partition: Later<string>;
    readonly pagerDutySecretArn: Later<string>;
  };
  readonly teams: readonly (Prepared<OnCallTeamArgs, OnCallTeamSpec> & TeamReferences)[];
  readonly chains: readonly (Prepared<EscalationChainArgs, EscalationChainSpec> & {
    readonly arn: Later<string>;
  })[];
  readonly plans: readonly Prepared<ResponsePlanWithAlarmsArgs, ResponsePlanWithAlarmsSpec>[];
}

/** The references an OnCallTeam will hand out, made from its prepared spec; ARNs come later. */
function teamReferences(name: string, spec: OnCallTeamSpec): TeamReferences {
  const arns = new Map<string, Later<string>>();
  const references = new Map<string, ContactReference>();
  const members = new Map<string, MemberReference>();
  for (const member of spec.members) {
    const arn = later<string>();
    arns.set(member.alias, arn);
    const reference = memberReference(name, member, arn.output, []);
    members.set(member.alias, reference);
    references.set(member.alias, reference);
  }
  if (spec.schedule !== undefined) {
    const arn = later<string>();
    arns.set("schedule", arn);
    const onCall = spec.schedule.onCall.flatMap((alias) => members.get(alias) ?? []);
    const rotations = spec.rotations;
    references.set(
      "schedule",
      brandReference<ScheduleReference>({
        kind: "schedule",
        type: "ONCALL_SCHEDULE",
        team: name,
        alias: spec.schedule.alias,
        displayName: spec.schedule.displayName,
        arn: arn.output,
        channelTypes: [...new Set(onCall.flatMap((m) => m.channelTypes))],
        dependencies: [],
        members: onCall,
        onCallAt: (at: Date) => onCallAt(rotations, at),
      }),
    );
  }
  return { references, arns };
}

/**
 * Collects a prepare step's issues under `path`. With `setupFailed`, issues at `adopt` and
 * `pagerDuty.secretId` paths are left out: they depend on the setup, which is reported and checked
 * again once it is fixed.
 */
function collect(
  result: { ok: true } | { ok: false; issues: readonly ValidationIssue[] },
  path: FieldPath,
  issues: ValidationIssue[],
  setupFailed: boolean,
): boolean {
  if (result.ok) return true;
  for (const issue of result.issues) {
    if (setupFailed && issue.path[0] === "adopt") continue;
    // A response plan's default PagerDuty secret is the setup's: checked once the setup is fixed.
    if (setupFailed && issue.path[0] === "pagerDuty" && issue.path[1] === "secretId") continue;
    issues.push({ ...issue, path: [...path, ...issue.path] });
  }
  return false;
}

/** Replaces each item of `list` (when it is an array) by `map(item, index)`. */
function mapList(list: unknown, map: (item: unknown, index: number) => unknown): unknown {
  return Array.isArray(list) ? list.map(map) : list;
}

function prepareStack(value: unknown): PreparedStack {
  const { spec, issues } = parseSpecShape(value);
  const teamEntries = spec.teams as Entry[];
  const chainEntries = spec.escalations as Entry[];
  const planEntries = spec.responsePlans as Entry[];
  checkUnique(teamEntries, "teams", issues);
  checkUnique(chainEntries, "escalations", issues);
  checkUnique(planEntries, "responsePlans", issues);
  const teamsByName = new Map(teamEntries.map((t) => [t.name, t]));

  // The setup, and the reference every other entry gets: its outputs, delivered once it is built.
  const setupArgs = spec.setup as unknown as IncidentManagerSetupArgs;
  const preparedSetup = prepareIncidentManagerSetup("incident-manager", setupArgs);
  const setupOk = collect(preparedSetup, ["setup"], issues, false);
  const setupOutputs = {
    replicationSetArn: later<string>(),
    accountId: later<string>(),
    partition: later<string>(),
    pagerDutySecretArn: later<string>(),
  };
  let setupRef: SetupReference | undefined;
  if (preparedSetup.ok) {
    const { spec: setupSpec } = preparedSetup;
    setupRef = {
      replicationSetArn: setupOutputs.replicationSetArn.output,
      primaryRegion: setupSpec.primaryRegion,
      regions: [...setupSpec.regions],
      accountId: setupOutputs.accountId.output,
      partition: setupOutputs.partition.output,
      tags: { ...setupSpec.tags },
      // A response plan's `pagerDuty` without `secretId` uses the secret the setup creates.
      ...(setupSpec.pagerDutySecret === undefined
        ? {}
        : { pagerDutySecretArn: setupOutputs.pagerDutySecretArn.output }),
    };
    if (typeof setupSpec.replicationSetArn === "string") {
      recordKnownReplicationSetArn(setupRef, setupSpec.replicationSetArn);
    }
  }
  const withSetup = <T>(args: Record<string, unknown>): T =>
    (setupRef === undefined ? args : { ...args, setup: setupRef }) as T;

  const teams: (Prepared<OnCallTeamArgs, OnCallTeamSpec> & TeamReferences)[] = [];
  const referencesOf = new Map<string, TeamReferences>();
  teamEntries.forEach((entry, i) => {
    const args = withSetup<OnCallTeamArgs>(argsOf(entry));
    const prepared = prepareOnCallTeam(entry.name, args);
    if (!collect(prepared, ["teams", i], issues, !setupOk) || !prepared.ok) return;
    const refs = teamReferences(entry.name, prepared.spec);
    teams.push({ i, name: entry.name, args, spec: prepared.spec, ...refs });
    if (!referencesOf.has(entry.name)) referencesOf.set(entry.name, refs);
  });

  /**
   * A `"team/alias"` reference as the team's reference, a contact ARN as `{ arn }`, or
   * `undefined` after reporting the rule it breaks at `path` (or when its team broke a rule of its
   * own, which is reported there).
   */
  const targetOf = (
    ref: unknown,
    path: FieldPath,
    forms?: string,
  ): ContactTarget | ContactReference | undefined => {
    const rule = resolveReference(ref, teamsByName, forms);
    if (typeof rule === "string") {
      issues.push({ path, message: rule });
      return undefined;
    }
    if (rule === undefined) return { arn: ref as string };
    // A reference into a team that broke a rule of its own (reported there) is a contact the
    // entry cannot know more of: its ARN never arrives, as nothing is built.
    return (
      referencesOf.get(rule.team)?.references.get(rule.alias) ?? { arn: later<string>().output }
    );
  };

  const chains: (Prepared<EscalationChainArgs, EscalationChainSpec> & { arn: Later<string> })[] =
    [];
  const chainTargets = new Map<string, ContactTarget>();
  chainEntries.forEach((entry, i) => {
    const raw = argsOf(entry);
    const stages = mapList(raw.stages, (stage, s) =>
      typeof stage !== "object" || stage === null
        ? stage
        : {
            ...stage,
            targets: mapList((stage as { targets?: unknown }).targets, (t, j) => {
              // A target entry that is not an object is the component schema's to report.
              if (typeof t !== "object" || t === null) return t;
              const target = targetOf((t as { target?: unknown }).target, [
                "escalations",
                i,
                "stages",
                s,
                "targets",
                j,
                "target",
              ]);
              // A reference that breaks a rule (reported above) engages a contact the chain
              // knows nothing of, so that the chain's other rules are still checked.
              return { ...t, target: target ?? { arn: later<string>().output } };
            }),
          },
    );
    const args = withSetup<EscalationChainArgs>(
      raw.stages === undefined ? raw : { ...raw, stages },
    );
    const prepared = prepareEscalationChain(entry.name, args);
    if (!collect(prepared, ["escalations", i], issues, !setupOk) || !prepared.ok) {
      // A plan engaging it is still checked; the chain's own issues are reported above.
      if (!chainTargets.has(entry.name))
        chainTargets.set(entry.name, { arn: later<string>().output });
      return;
    }
    const arn = later<string>();
    chains.push({ i, name: entry.name, args, spec: prepared.spec, arn });
    if (!chainTargets.has(entry.name)) {
      chainTargets.set(entry.name, {
        arn: arn.output,
        alias: prepared.spec.alias,
        type: "ESCALATION",
      });
    }
  });
  const chainNames = new Set(chainEntries.map((e) => e.name));

  const plans: Prepared<ResponsePlanWithAlarmsArgs, ResponsePlanWithAlarmsSpec>[] = [];
  planEntries.forEach((entry, i) => {
    const raw = argsOf(entry);
    const engagements = mapList(raw.engagements, (e, j) => {
      const target =
        typeof e === "string" && chainNames.has(e)
          ? chainTargets.get(e)
          : targetOf(
              e,
              ["responsePlans", i, "engagements", j],
              'an escalation\'s name, "<team>/<member alias>", "<team>/schedule" or a contact ARN',
            );
      return target ?? { arn: later<string>().output };
    });
    const named =
      raw.responsePlanName === undefined ? { ...raw, responsePlanName: entry.name } : raw;
    const args = withSetup<ResponsePlanWithAlarmsArgs>(
      raw.engagements === undefined ? named : { ...named, engagements },
    );
    const prepared = prepareResponsePlanWithAlarms(entry.name, args);
    if (!collect(prepared, ["responsePlans", i], issues, !setupOk) || !prepared.ok) return;
    plans.push({ i, name: entry.name, args, spec: prepared.spec });
  });

  // An entry whose name repeats an earlier one's is reported as such, not for every name it repeats.
  const firstOfName = <T extends { i: number }>(parsed: T[], entries: readonly Entry[]) =>
    parsed.filter(({ i }) => entries.findIndex((e) => e.name === entries[i].name) === i);
  crossEntryIssues(
    preparedSetup.ok ? preparedSetup.spec.primaryRegion : undefined,
    firstOfName(teams, teamEntries),
    firstOfName(chains, chainEntries),
    firstOfName(
      plans.map((p) => ({ i: p.i, name: p.name, spec: p.spec.data })),
      planEntries,
    ),
    planEntries,
    issues,
  );
  if (issues.length > 0 || !preparedSetup.ok) throw new ValidationError(CONTEXT, issues);
  return {
    spec,
    setup: { i: 0, name: "incident-manager", args: setupArgs, spec: preparedSetup.spec },
    setupOutputs,
    teams,
    chains,
    plans,
  };
}

/**
 * Validates the spec with the components' own two steps and the cross-references between its
 * parts, before anything is registered. Throws one ValidationError listing every issue, each
 * with its config path (`incident-manager:spec.teams[0].members[1].channels[0].address`).
 */
export function validateSpec(value: unknown): z.output<typeof stackSpecSchema> {
  return prepareStack(value).spec;
}

/**
 * Validates the spec, then builds the setup, the teams, the escalation chains and the response
 * plans from their prepared specs, each named after its entry's `name`, delivering each built
 * component's ARNs to the entries that reference it.
 */
export function buildStack(value: unknown): BuiltStack {
  const prepared = prepareStack(value);
  for (const note of specAdvisories(value)) pulumi.log.warn(note);

  usePreparedIncidentManagerSetup(prepared.setup.args, prepared.setup.spec);
  const setup = new IncidentManagerSetup("incident-manager", prepared.setup.args);
  prepared.setupOutputs.replicationSetArn.deliver(setup.replicationSetArn);
  prepared.setupOutputs.accountId.deliver(setup.accountId);
  prepared.setupOutputs.partition.deliver(setup.partition);
  if (setup.pagerDutySecretArn !== undefined) {
    prepared.setupOutputs.pagerDutySecretArn.deliver(setup.pagerDutySecretArn);
  }

  const teams: Record<string, OnCallTeam> = {};
  for (const team of prepared.teams) {
    usePreparedOnCallTeam(team.args, team.spec);
    const built = new OnCallTeam(team.name, team.args);
    teams[team.name] ??= built;
    for (const [alias, arn] of team.arns) {
      arn.deliver(alias === "schedule" ? built.schedule!.arn : built.member(alias).arn);
    }
  }
  const escalations: Record<string, EscalationChain> = {};
  for (const chain of prepared.chains) {
    usePreparedEscalationChain(chain.args, chain.spec);
    const built = new EscalationChain(chain.name, chain.args);
    escalations[chain.name] ??= built;
    chain.arn.deliver(built.arn);
  }
  const responsePlans: Record<string, ResponsePlanWithAlarms> = {};
  for (const plan of prepared.plans) {
    useResponsePlanWithAlarmsPrepared(plan.args, plan.spec);
    responsePlans[plan.name] ??= new ResponsePlanWithAlarms(plan.name, plan.args);
  }
  return { setup, teams, escalations, responsePlans };
}
