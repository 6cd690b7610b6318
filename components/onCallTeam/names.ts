/**
 * The names an OnCallTeam derives from its component name and args: the schedule's default alias
 * and display name, and every child's Pulumi name (which must never collide).
 */
import { describeValue, formatPath, type ValidationIssue } from "../validation";

/** `<name>-oncall`: the component name in the characters a contact alias allows. */
export function defaultScheduleAlias(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${slug === "" ? "team" : slug}-oncall`.slice(0, 255);
}

const SCHEDULE_SUFFIX = " on-call schedule";

/**
 * `<name> on-call schedule`, with every character of `name` that CloudFormation's display name
 * pattern (`^[a-zA-Z0-9_\-\s]*$`, cfn-lint 1.51 AWS::SSMContacts::Contact) refuses written as
 * `-`, so it fits for any component name.
 */
export function defaultScheduleDisplayName(name: string): string {
  const slug = name
    .replace(/[^A-Za-z0-9_ -]+/g, "-")
    .replace(/ {2,}/g, " ")
    .trim()
    .slice(0, 255 - SCHEDULE_SUFFIX.length)
    .trim();
  return `${slug === "" ? "team" : slug}${SCHEDULE_SUFFIX}`;
}

/** A child a component registers: its type, its name and the arg it is named after. */
export interface ChildName {
  readonly type: string;
  readonly name: string;
  readonly path: readonly PropertyKey[];
}

/** What child names are made of: the members' aliases and channel names, the rotations' names. */
export interface NamedTeam {
  readonly members: readonly {
    readonly alias: string;
    readonly channels: readonly { readonly name: string }[];
  }[];
  readonly rotations: readonly { readonly name: string }[];
}

/**
 * Every child a team named `name` registers, by type and name, with the arg its name comes from.
 * All of them have the team as parent; Pulumi refuses two resources with one URN, that is one
 * type, one name and one parent type (the parent's name is not part of the URN).
 */
export function teamChildNames(name: string, team: NamedTeam): ChildName[] {
  const members = team.members.flatMap((m, i): ChildName[] => [
    {
      type: "aws:ssmcontacts/contact:Contact",
      name: `${name}-${m.alias}`,
      path: ["members", i, "alias"],
    },
    ...m.channels.map((c, j) => ({
      type: "aws:ssmcontacts/contactChannel:ContactChannel",
      name: `${name}-${m.alias}-${c.name}`,
      path: ["members", i, "channels", j],
    })),
    {
      type: "aws:ssmcontacts/plan:Plan",
      name: `${name}-${m.alias}-plan`,
      path: ["members", i, "alias"],
    },
  ]);
  const rotations = team.rotations.map((r, i) => ({
    type: "aws-native:ssmcontacts:Rotation",
    name: `${name}-${r.name}`,
    path: ["rotations", i, "name"],
  }));
  // A team without rotations has no schedule contact.
  const schedule =
    team.rotations.length === 0
      ? []
      : [{ type: "aws-native:ssmcontacts:Contact", name: `${name}-schedule`, path: ["schedule"] }];
  return [...members, ...rotations, ...schedule];
}

/**
 * Two children of one type with one name: a channel `mobile-sms` of member `taro` and a channel
 * `sms` of member `taro-mobile` are both `<name>-taro-mobile-sms`. Child names keep their readable
 * `-` form (reordering never renames anything), so such a pair is rejected before anything
 * registers, naming both args.
 */
export function childNameIssues(name: string, team: NamedTeam): ValidationIssue[] {
  const seen = new Map<string, ChildName>();
  const issues: ValidationIssue[] = [];
  for (const child of teamChildNames(name, team)) {
    const key = `${child.type}::${child.name}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, child);
      continue;
    }
    issues.push({
      path: child.path,
      message: `names a child ${describeValue(child.name)} (${child.type}), like \`${formatPath(first.path)}\`; Pulumi refuses two resources with one name and type. Rename one of the two (a channel's \`name\`, or an alias).`,
    });
  }
  return issues;
}
