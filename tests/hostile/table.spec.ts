/**
 * Hostile input, one table per component and one for the stack spec: type confusion, nulls,
 * Unicode look-alikes, 10 MB strings, deeply nested junk, prototype-pollution keys, numbers as
 * strings, NaN/Infinity/negative durations and empty lists. Every case must give one clear
 * error naming the field, with nothing registered and Object.prototype untouched.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { describeValue, formatPath, ValidationError } from "../../components/validation";
import { Capture, installCapture, reset, settle } from "../../testing";
import {
  ARN_JIRO,
  assertOneClearError,
  assertPrototypeClean,
  breaking,
  CHAIN,
  deepJunk,
  HostileCase,
  HUGE,
  pathsIn,
  PathOf,
  PLAN,
  protoKey,
  REMOVE,
  setPath,
  SETUP,
  SPEC,
  TEAM,
  withKey,
} from "./support";

type Components = typeof import("../../components");
type Stack = typeof import("../../stack/spec");

const CYRILLIC_A = "\u0430";
const FULL_WIDTH = "\uff54\uff41\uff52\uff4f";
const ZWJ = "ta\u200dro";
const RTL = "\u202etaro";
const RESERVED = "is a key JavaScript reserves for an object's prototype";

/** `__proto__` as a real own key of the object at `path`: reported as a key JavaScript reserves. */
function protoAt<T>(base: T, label: string, path: PathOf<T> | []): HostileCase {
  const at = [...(path as (string | number)[]), "__proto__"];
  return {
    label,
    args: withKey(base, path, "__proto__", protoKey()),
    path: formatPath(at),
    rule: RESERVED,
  };
}

/** `constructor` as a key of the strict object at `path`: reported as an unknown field. */
function constructorAt<T>(base: T, label: string, path: PathOf<T> | []): HostileCase {
  const args = withKey(base, path, "constructor", { prototype: { polluted: true } });
  return {
    label,
    args,
    path: formatPath(path as (string | number)[]),
    rule: "has unknown field `constructor`",
  };
}

function cyclic(): Record<string, unknown> {
  const pattern: Record<string, unknown> = { source: ["aws.ec2"] };
  pattern.self = pattern;
  return pattern;
}

const s = breaking(SETUP);
const setupCases: HostileCase[] = [
  s("regions as one string", ["regions"], "ap-northeast-1", "must be a list"),
  s("regions null", ["regions"], null, "got null"),
  s("regions left out", ["regions"], REMOVE, "is required"),
  s("regions empty", ["regions"], [], "needs at least 2 regions"),
  s("a region as a number", ["regions", 0], 42, "must be a string; got 42"),
  s(
    "a look-alike region",
    ["regions", 0],
    `ap-n${CYRILLIC_A}rtheast-1`,
    "AWS Region where Incident Manager is offered",
  ),
  s("a region null", ["regions", 1], null, "got null"),
  s("allowSingleRegion as a string", ["allowSingleRegion"], "true", "must be a boolean"),
  s("deletionProtected null", ["deletionProtected"], null, "must be a boolean; got null"),
  s("findingsAccess as a number", ["findingsAccess"], 1, "must be a boolean; got 1"),
  s("tags as a list", ["tags"], ["team"], "must be an object"),
  s("a tag value as a number", ["tags", "team"], 42, "must be a string tag value; got 42"),
  s("a tag value nested junk", ["tags", "team"], deepJunk(2000), "must be a string tag value"),
  protoAt(SETUP, "__proto__ as a field", []),
  constructorAt(SETUP, "constructor as a field", []),
  {
    label: "a 10 MB tag key",
    args: withKey(SETUP, ["tags"], HUGE, "x"),
    path: `tags[${JSON.stringify(`${HUGE.slice(0, 80)}…`)}]`,
    rule: `is a tag key of ${HUGE.length} characters`,
  },
];

const t = breaking(TEAM);
const teamCases: HostileCase[] = [
  t("members as an object", ["members"], { taro: {} }, "must be a list"),
  t("members null", ["members"], null, "got null"),
  t("members empty", ["members"], [], "needs at least one member"),
  t("a member null", ["members", 1], null, "got null"),
  t("a Cyrillic а in an alias", ["members", 0, "alias"], `t${CYRILLIC_A}ro`, "lower-case letters"),
  t("a full-width alias", ["members", 0, "alias"], FULL_WIDTH, "lower-case letters"),
  t("an emoji in an alias", ["members", 0, "alias"], "taro\u{1f525}", "lower-case letters"),
  t("a zero-width joiner in an alias", ["members", 0, "alias"], ZWJ, "lower-case letters"),
  t("an RTL override in an alias", ["members", 0, "alias"], RTL, "lower-case letters"),
  t("a 10 MB alias", ["members", 0, "alias"], HUGE, "1-255 characters"),
  t("an alias as a number", ["members", 0, "alias"], 42, "must be a string; got 42"),
  t("an alias left out", ["members", 1, "alias"], REMOVE, "is required"),
  t("a displayName of nested junk", ["members", 0, "displayName"], deepJunk(2000), "a string"),
  t("a 10 MB displayName", ["members", 1, "displayName"], HUGE, "display name of 1-255"),
  t("channels empty", ["members", 0, "channels"], [], "needs at least one channel"),
  t("channels as a string", ["members", 1, "channels"], "EMAIL", "must be a list"),
  t("a channel type in lower case", ["members", 0, "channels", 0, "type"], "voice", '"VOICE"'),
  t("a 10 MB phone number", ["members", 0, "channels", 0, "address"], HUGE, "characters)"),
  t(
    "a phone number as a number",
    ["members", 0, "channels", 1, "address"],
    819012345678,
    "a string",
  ),
  t("a trunk 0 after +81", ["members", 0, "channels", 1, "address"], "+8109012345678", "trunk"),
  t("an emoji email", ["members", 1, "channels", 0, "address"], "\u{1f525}@example", "email"),
  t(
    "a channel name with an emoji",
    ["members", 0, "channels", 1, "name"],
    "mobile\u{1f4f1}",
    "channel name",
  ),
  t("afterMinutes NaN", ["members", 0, "engagement", 1, "afterMinutes"], NaN, "got NaN"),
  t(
    "afterMinutes Infinity",
    ["members", 0, "engagement", 1, "afterMinutes"],
    Infinity,
    "got Infinity",
  ),
  t("afterMinutes -1", ["members", 0, "engagement", 1, "afterMinutes"], -1, "from 0 to 30"),
  t("afterMinutes as a string", ["members", 0, "engagement", 1, "afterMinutes"], "5", 'got "5"'),
  t(
    "retryIntervalInMinutes -Infinity",
    ["members", 0, "engagement", 0, "retryIntervalInMinutes"],
    -Infinity,
    "got -Infinity",
  ),
  t(
    "retryIntervalInMinutes 61",
    ["members", 0, "engagement", 0, "retryIntervalInMinutes"],
    61,
    "from 0 to 60",
  ),
  t(
    "retryIntervalInMinutes as a string",
    ["members", 0, "engagement", 0, "retryIntervalInMinutes"],
    "5",
    'got "5"',
  ),
  t("rotations empty", ["rotations"], [], "needs at least one rotation"),
  t("a Cyrillic rotation name", ["rotations", 0, "name"], `weekd${CYRILLIC_A}ys`, "rotation name"),
  t(
    "an emoji rotation name",
    ["rotations", 0, "name"],
    "weekdays\u{1f525}",
    'letters, digits and "_"',
  ),
  t("rotation members empty", ["rotations", 0, "members"], [], "needs at least one member"),
  t(
    "a look-alike rotation member",
    ["rotations", 0, "members", 0],
    `t${CYRILLIC_A}ro`,
    "not a member",
  ),
  t(
    "a startTime with an offset",
    ["rotations", 0, "startTime"],
    "2026-01-05T09:00:00Z",
    "without an offset",
  ),
  t("a time zone abbreviation", ["rotations", 0, "timeZone"], "JST", "IANA time zone"),
  t(
    "recurrenceMultiplier NaN",
    ["rotations", 0, "recurrence", "recurrenceMultiplier"],
    NaN,
    "got NaN",
  ),
  t(
    "recurrenceMultiplier as a string",
    ["rotations", 0, "recurrence", "recurrenceMultiplier"],
    "1",
    'got "1"',
  ),
  t("numberOfOnCalls -1", ["rotations", 0, "recurrence", "numberOfOnCalls"], -1, "from 1 to 30"),
  t(
    "a weekday in lower case",
    ["rotations", 0, "recurrence", "weekly", 0, "dayOfWeek"],
    "mon",
    '"MON"',
  ),
  t(
    "a hand-off at 9:00",
    ["rotations", 0, "recurrence", "weekly", 0, "handOffTime"],
    "9:00",
    "HH:MM",
  ),
  t("weekly empty", ["rotations", 0, "recurrence", "weekly"], [], "at least 1 item; got 0"),
  t(
    "a coverage end null",
    ["rotations", 0, "recurrence", "coverage", "MON", 0, "end"],
    null,
    "got null",
  ),
  t("an emoji schedule alias", ["schedule", "alias"], "oncall\u{1f525}", "lower-case letters"),
  t("defaultCountry in lower case", ["defaultCountry"], "jp", "ISO 3166-1 alpha-2"),
  t("plaintextAddresses as a string", ["plaintextAddresses"], "false", "must be a boolean"),
  protoAt(TEAM, "__proto__ in a member", ["members", 1]),
  protoAt(TEAM, "__proto__ in shift coverage", ["rotations", 0, "recurrence", "coverage"]),
  constructorAt(TEAM, "constructor as a field", []),
];

const c = breaking(CHAIN);
const chainCases: HostileCase[] = [
  c("an alias with an emoji", ["alias"], "escalation\u{1f525}", "lower-case letters"),
  c("an alias with an RTL override", ["alias"], `\u202e${CHAIN.alias}`, "lower-case letters"),
  c("an alias null", ["alias"], null, "got null"),
  c("a 10 MB displayName", ["displayName"], HUGE, "display name of 1-255"),
  c("stages empty", ["stages"], [], "needs at least one stage"),
  c("stages as an object", ["stages"], { 0: CHAIN.stages[0] }, "must be a list"),
  c("a stage null", ["stages", 1], null, "must be { durationInMinutes, targets }; got null"),
  c("a duration NaN", ["stages", 0, "durationInMinutes"], NaN, "got NaN"),
  c("a duration Infinity", ["stages", 0, "durationInMinutes"], Infinity, "got Infinity"),
  c("a duration -1", ["stages", 0, "durationInMinutes"], -1, "Use 0 to start the next stage"),
  c("a duration as a string", ["stages", 0, "durationInMinutes"], "5", 'got "5"'),
  c("a duration of 2.5", ["stages", 1, "durationInMinutes"], 2.5, "whole number of minutes"),
  c("a duration left out", ["stages", 1, "durationInMinutes"], REMOVE, "got nothing"),
  c("targets empty", ["stages", 0, "targets"], [], "needs at least one target"),
  c("a target as a number", ["stages", 0, "targets", 0, "target"], 42, "a contact target"),
  c(
    "a target of nested junk",
    ["stages", 0, "targets", 0, "target", "arn"],
    deepJunk(2000),
    "must be a string; got",
  ),
  c(
    "a target ARN of SNS",
    ["stages", 1, "targets", 0, "target", "arn"],
    "arn:aws:sns:ap-northeast-1:123456789012:x",
    "sns service",
  ),
  c(
    "a 10 MB target",
    ["stages", 1, "targets", 0, "target", "arn"],
    HUGE,
    "SSM Contacts contact ARN",
  ),
  c("a target as a bare ARN string", ["stages", 1, "targets", 0, "target"], ARN_JIRO, "{ arn:"),
  c(
    "essential as a string",
    ["stages", 0, "targets", 0, "isEssential"],
    "yes",
    "must be a boolean",
  ),
  c(
    "a target entry as a string",
    ["stages", 1, "targets", 0],
    ARN_JIRO,
    "must be { target, isEssential? }",
  ),
  c("allowInterruptiveFinalStage 1", ["allowInterruptiveFinalStage"], 1, "must be a boolean"),
  protoAt(CHAIN, "__proto__ in a stage", ["stages", 0]),
];

const p = breaking(PLAN);
const planCases: HostileCase[] = [
  p("a plan name with an emoji", ["responsePlanName"], "plan\u{1f525}", "letters, digits"),
  p("a full-width plan name", ["responsePlanName"], FULL_WIDTH, "letters, digits"),
  p("a plan name with a zero-width joiner", ["responsePlanName"], ZWJ, "letters, digits"),
  p("incident null", ["incident"], null, "got null"),
  p("a 10 MB title", ["incident", "title"], HUGE, `got ${HUGE.length} characters`),
  p("impact as a string", ["incident", "impact"], "3", 'got "3"'),
  p("impact NaN", ["incident", "impact"], NaN, "got NaN"),
  p("impact Infinity", ["incident", "impact"], Infinity, "got Infinity"),
  p("impact 0", ["incident", "impact"], 0, "must be a whole number 1-5"),
  p("engagements empty", ["engagements"], [], "needs 1-5 contacts"),
  p("an engagement null", ["engagements", 0], null, "got null"),
  p("an engagement of nested junk", ["engagements", 0], deepJunk(2000), "an EscalationChain"),
  p("chat topics empty", ["chatChannelTopicArns"], [], "needs 1-5 SNS topics"),
  p(
    "a notification topic as a number",
    ["incident", "notificationTopicArns", 0],
    5,
    "must be a string",
  ),
  p("a period NaN", ["alarms", 0, "period"], NaN, "got NaN"),
  p("a period -60", ["alarms", 0, "period"], -60, "multiple of 60"),
  p("a period as a string", ["alarms", 0, "period"], "60", 'got "60"'),
  p("evaluationPeriods Infinity", ["alarms", 0, "evaluationPeriods"], Infinity, "got Infinity"),
  p("evaluationPeriods 0", ["alarms", 0, "evaluationPeriods"], 0, "at least 1"),
  p("evaluationPeriods as a string", ["alarms", 0, "evaluationPeriods"], "2", 'got "2"'),
  p("a threshold NaN", ["alarms", 0, "threshold"], NaN, "got NaN"),
  p("a statistic in lower case", ["alarms", 0, "statistic"], "average", '"Average"'),
  p("a dimension as a number", ["alarms", 0, "dimensions", "InstanceId"], 7, "must be a string"),
  p("an alarm name with a newline", ["alarms", 0, "name"], "cpu\nhigh", "control characters"),
  p("alarms null", ["alarms"], null, "got null"),
  p("a composite rule as a number", ["compositeAlarms", 0, "alarmRule"], 1, "must be a string"),
  p(
    "an event pattern as JSON text",
    ["events", 0, "eventPattern"],
    '{"source":["aws.ec2"]}',
    "not JSON text",
  ),
  p("an event pattern of deep junk", ["events", 0, "eventPattern"], deepJunk(2000), "at most 4096"),
  p(
    "a cyclic event pattern",
    ["events", 0, "eventPattern"],
    cyclic(),
    "refers to itself",
    "events[0].eventPattern.self",
  ),
  p("an emoji rule name", ["events", 0, "name"], "ec2\u{1f525}", "EventBridge rule name"),
  p(
    "a runbook parameter as a string",
    ["runbook", "parameters", "Environment"],
    "production",
    "must be a list",
  ),
  p(
    "a dynamic parameter in lower case",
    ["runbook", "dynamicParameters", "IncidentRecordArn"],
    "incident_record_arn",
    "INCIDENT_RECORD_ARN",
  ),
  p("a document version -1", ["runbook", "documentVersion"], "-1", "version number"),
  p("an empty PagerDuty secret", ["pagerDuty", "secretId"], "", "must be 1-512 characters"),
  protoAt(PLAN, "__proto__ as a tag", ["tags"]),
  constructorAt(PLAN, "constructor in the incident", ["incident"]),
  protoAt(PLAN, "__proto__ in an alarm", ["alarms", 0]),
];

const k = breaking(SPEC);
const specCases: HostileCase[] = [
  { label: "the spec null", args: null, path: "", rule: "must be an object; got null" },
  { label: "the spec as YAML text", args: "setup: {}", path: "", rule: "must be an object" },
  k("setup null", ["setup"], null, "must be the IncidentManagerSetup args; got null"),
  k("setup regions empty", ["setup", "regions"], [], "needs at least 2 regions"),
  k("teams as a string", ["teams"], "emergency", "must be a list"),
  k("a Cyrillic team name", ["teams", 0, "name"], `emergen${CYRILLIC_A}y`, "names the component"),
  k(
    "an emoji member alias",
    ["teams", 0, "members", 0, "alias"],
    "taro\u{1f525}",
    "lower-case letters",
  ),
  k("a member alias null", ["teams", 0, "members", 1, "alias"], null, "got null"),
  k("members null", ["teams", 0, "members"], null, "got null"),
  k("a 10 MB address", ["teams", 0, "members", 0, "channels", 0, "address"], HUGE, "characters)"),
  k("a duration NaN", ["escalations", 0, "stages", 0, "durationInMinutes"], NaN, "got NaN"),
  k("a duration as a string", ["escalations", 0, "stages", 0, "durationInMinutes"], "5", 'got "5"'),
  k(
    "a duration -Infinity",
    ["escalations", 0, "stages", 0, "durationInMinutes"],
    -Infinity,
    "got -Infinity",
  ),
  k("a target as a number", ["escalations", 0, "stages", 0, "targets", 0, "target"], 42, "got 42"),
  k(
    "a look-alike target",
    ["escalations", 0, "stages", 0, "targets", 0, "target"],
    `emergency/t${CYRILLIC_A}ro`,
    "who is not in team",
  ),
  k("stages empty", ["escalations", 0, "stages"], [], "needs at least one stage"),
  k("engagements empty", ["responsePlans", 0, "engagements"], [], "needs 1-5 contacts"),
  k("an engagement null", ["responsePlans", 0, "engagements", 0], null, "got null"),
  k(
    "a plan name with an emoji",
    ["responsePlans", 0, "name"],
    "plan\u{1f525}",
    "names the component",
  ),
  k("a period as a string", ["responsePlans", 0, "alarms", 0, "period"], "60", 'got "60"'),
  k(
    "evaluationPeriods -1",
    ["responsePlans", 0, "alarms", 0, "evaluationPeriods"],
    -1,
    "at least 1",
  ),
  k("responsePlans null", ["responsePlans"], null, "got null"),
  protoAt(SPEC, "__proto__ at the top", []),
  constructorAt(SPEC, "constructor in a team", ["teams", 0]),
  protoAt(SPEC, "__proto__ in the setup", ["setup"]),
  protoAt(SPEC, "__proto__ in a team", ["teams", 0]),
];

/** Where a component is built from, how it is named in errors, and how the cases break it. */
interface Target {
  readonly title: string;
  readonly base: unknown;
  readonly cases: readonly HostileCase[];
  readonly head: string;
  /** The stack config key that prefixes every path in the stack's errors. */
  readonly prefix?: string;
  readonly build: (im: Components, stack: Stack, args: never) => unknown;
}

type ComponentName =
  "IncidentManagerSetup" | "OnCallTeam" | "EscalationChain" | "ResponsePlanWithAlarms";

/** A component built as `new <title>(name, args)`. */
function component(
  title: ComponentName,
  name: string,
  base: unknown,
  cases: readonly HostileCase[],
): Target {
  return {
    title,
    base,
    cases,
    head: `${title} '${name}'`,
    build: (im, _, args) =>
      new (im[title] as new (name: string, args: never) => unknown)(name, args),
  };
}

const TARGETS: readonly Target[] = [
  component("IncidentManagerSetup", "im", SETUP, setupCases),
  component("OnCallTeam", "sre", TEAM, teamCases),
  component("EscalationChain", "emergency", CHAIN, chainCases),
  component("ResponsePlanWithAlarms", "emergency", PLAN, planCases),
  {
    title: "the stack spec",
    base: SPEC,
    cases: specCases,
    head: "Stack config 'incident-manager:spec'",
    prefix: "incident-manager:spec",
    build: (_, stack, args) => stack.buildStack(args),
  },
];

/** The path as the error shows it, with the stack config key in front. */
function shown(target: Target, path: string): string {
  if (target.prefix === undefined) return path;
  if (path === "" || path.startsWith("[")) return `${target.prefix}${path}`;
  return `${target.prefix}.${path}`;
}

describe("hostile input: one clear error per bad field", function () {
  this.timeout(60_000);
  let capture: Capture;
  let im: Components;
  let stack: Stack;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
    stack = await import("../../stack/spec");
  });
  beforeEach(() => reset(capture));
  after(() => assertPrototypeClean());

  it("builds every known-valid base the cases break", async () => {
    for (const target of TARGETS) target.build(im, stack, structuredClone(target.base) as never);
    await settle();
    assert.equal(capture.resources.filter((r) => !r.custom).length, 8);
    assert.deepEqual(capture.warnings, []);
  });

  it("has at least 60 cases across the four components and the stack spec", () => {
    const counts = TARGETS.map((target) => target.cases.length);
    assert.ok(counts.every((n) => n >= 10) && counts.reduce((a, b) => a + b) >= 60, `${counts}`);
  });

  for (const target of TARGETS) {
    describe(target.title, () => {
      for (const { label, args, path, rule } of target.cases) {
        it(label, () =>
          assertOneClearError(
            capture,
            () => target.build(im, stack, args as never),
            target.head,
            shown(target, path),
            rule,
          ),
        );
      }
    });
  }
});

/** What a build registered, as the engine would store it: URN, inputs, parent and protect. */
function registrations(capture: Capture): unknown[] {
  return capture.resources.map((r) => ({
    urn: r.urn,
    inputs: r.inputs,
    secretInputs: r.secretInputs,
    parent: r.parent,
    protect: r.protect,
  }));
}

/** `base` without the field at `path`: a key deleted, a list item spliced out. */
function without(base: unknown, path: readonly (string | number)[]): unknown {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (Array.isArray(node)) node.splice(last as number, 1);
  else delete node[last];
  return copy;
}

/** A value of another JSON type than `value`'s. */
function wrongType(value: unknown): unknown {
  if (typeof value === "string") return 42;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return { 0: value[0] };
  return "text";
}

/** Every string inside `value`. */
function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value !== "object" || value === null) return [];
  return Object.values(value).flatMap(stringsIn);
}

/** The backticked field paths a ValidationError's message names, one per issue. */
function namedPaths(message: string): string[] {
  return [...message.matchAll(/(?:^[^`\n]*?: |^ {2}- )`([^`]*)`/gm)].map((m) => m[1]);
}

describe("hostile input: null, undefined or a wrong type at any field", function () {
  this.timeout(60_000);
  let capture: Capture;
  let im: Components;
  let stack: Stack;

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
    stack = await import("../../stack/spec");
  });
  beforeEach(() => reset(capture));
  after(() => assertPrototypeClean());

  /** Every field of every valid base, with the target it belongs to. */
  const FIELDS = TARGETS.flatMap((target) =>
    pathsIn(target.base).map((path) => ({ target, path })),
  );

  /** Builds `args`; the error thrown, if any, and what registered once the build settled. */
  async function attempt(target: Target, args: unknown) {
    reset(capture);
    let thrown: unknown;
    try {
      target.build(im, stack, args as never);
    } catch (err) {
      thrown = err;
    }
    await settle();
    return { thrown, registered: registrations(capture), errors: [...capture.errors] };
  }

  it("builds, registering what the input without that field registers, or throws one ValidationError naming the field or its parent", async () => {
    assert.ok(FIELDS.length > 200, `only ${FIELDS.length} fields`);
    const outcomes = { built: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(
        // An index, so that a counterexample prints short.
        fc.nat({ max: FIELDS.length - 1 }),
        fc.constantFrom("null", "undefined", "a wrong type"),
        async (field, kind) => {
          const { target, path } = FIELDS[field];
          const original = path.reduce<unknown>(
            (node, key) => (node as Record<string | number, unknown>)[key],
            target.base,
          );
          const value =
            kind === "null" ? null : kind === "undefined" ? undefined : wrongType(original);
          const at = formatPath(path);
          const label = `${target.title}: ${kind} at ${at}`;
          const replaced = await attempt(target, setPath(target.base, path as never, value));
          assert.deepEqual(replaced.errors, [], label);
          if (replaced.thrown === undefined) {
            outcomes.built++;
            // Inside an event pattern any JSON is data EventBridge matches: it is passed on as is.
            if (path.includes("eventPattern")) return;
            const removed = await attempt(target, without(target.base, path));
            assert.equal(removed.thrown, undefined, `${label}: built, but not without the field`);
            assert.deepEqual(replaced.registered, removed.registered, label);
            return;
          }
          outcomes.rejected++;
          const err = replaced.thrown as Error;
          assert.ok(ValidationError.isValidationError(err), `${label}: ${String(err)}`);
          assert.ok(err.message.startsWith(target.head), `${label}: ${err.message.slice(0, 300)}`);
          // The field itself or one that holds it: the component, a list, the list item.
          const accepted = path
            .map((_, i) => shown(target, formatPath(path.slice(0, i + 1))))
            .concat(target.prefix ?? "(args)");
          const named = namedPaths(err.message);
          // Or a field elsewhere whose fix names the replaced one ("or set `defaultCountry`"), or
          // that names what the replaced field defined (an engagement step naming a channel whose
          // name is gone, a response plan naming a removed escalation).
          const defined = stringsIn(original).map((v) => `got ${JSON.stringify(v)}`);
          // Or a sibling whose rule names the replaced field ("Add `rotations`, or remove
          // `schedule`" when the rotations are gone).
          const parent = shown(target, formatPath(path.slice(0, -1)));
          const sibling =
            path.length > 0 &&
            err.message.includes(`\`${String(path[path.length - 1])}\``) &&
            named.some((p) => p.startsWith(`${parent}.`));
          assert.ok(
            sibling ||
              named.some((p) => accepted.includes(p)) ||
              err.message.includes(`\`${at}\``) ||
              defined.some((g) => err.message.includes(g)),
            `${label}: names ${named.join(", ")}, not ${at} or a parent:\n${err.message.slice(0, 600)}`,
          );
          assert.deepEqual(replaced.registered, [], `${label}: registered before the error`);
        },
      ),
      { numRuns: 250, seed: 20261202, endOnFailure: true },
    );
    // The sample reaches both outcomes: fields that are optional and fields that are not.
    assert.ok(outcomes.built >= 10 && outcomes.rejected >= 100, JSON.stringify(outcomes));
  });
});

describe("hostile input: values and keys are shown short", () => {
  it("describeValue cuts a 10 MB string, and an object holding one, to 80 characters", () => {
    assert.equal(
      describeValue(HUGE),
      `${JSON.stringify(`${"x".repeat(80)}…`)} (10485760 characters)`,
    );
    assert.equal(describeValue({ address: HUGE }), `{"address":"${"x".repeat(68)}…`);
    assert.equal(describeValue(deepJunk(2000)).length, 81);
  });

  it("formatPath cuts a 10 MB key to 80 characters", () => {
    assert.equal(formatPath(["tags", HUGE]), `tags[${JSON.stringify(`${"x".repeat(80)}…`)}]`);
    assert.equal(formatPath(["tags", "team"]), "tags.team");
  });
});
