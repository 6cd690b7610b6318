/**
 * The shape of the stack spec (`incident-manager:spec`) around the components' args, and how its
 * entries name each other (`"<team>/<member alias>"`, `"<team>/schedule"`, an escalation's name).
 */
import { z } from "zod";
import { CONTACT_ALIAS } from "../components/common";
import {
  describeValue,
  unknownKeysMessage,
  validateArgs,
  ValidationError,
  type ValidationIssue,
} from "../components/validation";

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

/** The context of the stack's errors: every path is a config path. */
export const CONTEXT = { component: "Stack config", name: SPEC_KEY, pathPrefix: SPEC_KEY };
/** A contact ARN given as a target or engagement instead of a reference. */
export const ARN = /^arn:/;

/** One list entry: `{ name, ...args }`. */
export type Entry = Record<string, unknown> & { name: string };

/** Splits `{ name, ...args }` into the args. */
export function argsOf(entry: Entry): Record<string, unknown> {
  const { name: _name, ...args } = entry;
  void _name;
  return args;
}

/** Where a `"team/alias"` reference points, or the rule it breaks. */
export function resolveReference(
  ref: unknown,
  teams: ReadonlyMap<string, Entry>,
  forms = '"<team>/<member alias>", "<team>/schedule" or a contact ARN',
): { team: string; alias: string } | string | undefined {
  if (typeof ref !== "string") return `must be ${forms}; got ${describeValue(ref)}`;
  if (ARN.test(ref)) return undefined;
  const [team, alias, ...rest] = ref.split("/");
  if (rest.length > 0 || !team || !alias) return `must be ${forms}; got ${describeValue(ref)}`;
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

/**
 * Parses the spec's shape with {@link stackSpecSchema}. An unknown top-level key (`team:` for
 * `teams:`) is returned as an issue, with the nearest known key, instead of being thrown: the
 * entries the spec does hold are still checked, and every issue is reported together. A broken
 * shape throws one ValidationError holding the unknown key too.
 */
export function parseSpecShape(value: unknown): {
  spec: z.output<typeof stackSpecSchema>;
  issues: ValidationIssue[];
} {
  const known = Object.keys(stackSpecSchema.shape);
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  // An own `__proto__` key is the reserved-key check's to report (see validateArgs).
  const kept = (k: string) => known.includes(k) || k === "__proto__";
  const unknown = isObject ? Object.keys(value).filter((k) => !kept(k)) : [];
  const issues: ValidationIssue[] =
    unknown.length === 0
      ? []
      : [
          {
            path: [],
            message: unknownKeysMessage(
              unknown,
              known.filter((k) => !(k in (value as object))),
            ),
          },
        ];
  const rest = isObject
    ? Object.fromEntries(Object.entries(value).filter(([k]) => kept(k)))
    : value;
  try {
    return { spec: validateArgs(stackSpecSchema, rest, CONTEXT), issues };
  } catch (err) {
    if (!ValidationError.isValidationError(err) || issues.length === 0) throw err;
    throw new ValidationError(CONTEXT, [...issues, ...err.issues]);
  }
}
