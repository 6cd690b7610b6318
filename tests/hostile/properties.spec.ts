/**
 * Random configs of valid shape (the right keys, values drawn from small pools of valid and
 * hostile ones) either build or fail with our ValidationError, for each component and for the
 * stack spec; never any other error, synchronous or later. What builds, AWS accepts: every
 * registered resource passes the check against AWS's models (aws/requests), so the components
 * never accept a value that AWS refuses at deploy time.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { formatViolation, validateResource } from "../../aws/requests";
import { Capture, installCapture, reset, settle } from "../../testing";
import {
  ARN_JIRO,
  ARN_SABURO,
  ARN_TARO,
  CHAIN,
  pathsIn,
  PLAN,
  setPath,
  SETUP,
  SPEC,
  TEAM,
} from "./support";

type Components = typeof import("../../components");
type Stack = typeof import("../../stack/spec");

interface Outcomes {
  built: number;
  rejected: number;
}

/** Values that break a field of any type. */
const HOSTILE: readonly unknown[] = [
  null,
  undefined,
  "",
  " ",
  "toString",
  "__proto__",
  "constructor",
  "\u202etaro",
  "t\u0430ro",
  "taro\u{1f525}",
  "x".repeat(5000),
  0,
  -1,
  2.5,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  true,
  [],
  {},
  ["x"],
  { a: 1 },
];

/** Mostly one of `valid`, sometimes something hostile. */
function pick(...valid: unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
  );
}

/** A key of a record: mostly one of `valid`, sometimes a hostile one. */
function key(...valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom("", "__proto__", "constructor", "toString") },
  );
}

/** A record whose keys are all optional: each present or left out. */
function partial<T>(fields: { [K in keyof T]: fc.Arbitrary<T[K]> }) {
  return fc.record(fields, { requiredKeys: [] });
}

/**
 * Strings some AWS pattern or limit refuses in some field: a dot in an alias, brackets in a name, a
 * comma in a tag, a POSIX zone, an emoji, a region without Incident Manager, a 321-character email.
 */
const REFUSED_STRINGS: readonly string[] = [
  "taro.yamada",
  "Taro (SRE)",
  "a,b",
  "Etc/GMT+9",
  "taro\u{1f525}",
  "ap-northeast-3",
  `${"a".repeat(309)}@example.com`,
];

/** Valid values of every type the bases hold, to swap in at a random path. */
const SWAPS: readonly unknown[] = [
  0,
  5,
  30,
  60,
  "taro",
  "jiro",
  "EMAIL",
  "MON",
  true,
  false,
  [],
  {},
  ...REFUSED_STRINGS,
];

/** A known-valid base with up to 3 values anywhere inside replaced: valid, swapped or hostile. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths = pathsIn(base);
  const edit = fc.tuple(fc.nat(paths.length - 1), fc.constantFrom(...SWAPS, ...HOSTILE));
  return fc.array(edit, { maxLength: 3 }).map((edits) =>
    edits.reduce<unknown>((args, [i, value]) => {
      const path = paths[i];
      // A path under one replaced earlier may no longer exist: leave such an edit out.
      try {
        return setPath(args, path as never, value);
      } catch {
        return args;
      }
    }, structuredClone(base)),
  );
}

const list = <T>(item: fc.Arbitrary<T>, maxLength = 3) => fc.array(item, { maxLength });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const minutes = pick(0, 1, 5, 10, 30, 31, 60, "5");
const tags = maybe(fc.dictionary(key("team", "env", "aws:x"), pick("sre", "prod"), { maxKeys: 3 }));
const alias = pick("taro", "jiro", "saburo", "sre-oncall");
const region = pick("ap-northeast-1", "ap-northeast-2", "us-east-1", "mars-east-1");

const setupArgs = fc.record({
  regions: list(region, 4),
  kms: maybe(
    fc.dictionary(
      fc.constantFrom("ap-northeast-1", "ap-northeast-2", "us-east-1", "mars-east-1"),
      pick("create", "arn:aws:kms:ap-northeast-1:123456789012:key/abc-1", 7),
      { maxKeys: 3 },
    ),
  ),
  allowSingleRegion: maybe(pick(true, false)),
  deletionProtected: maybe(pick(true, false)),
  allowDestroy: maybe(pick(true, false)),
  findingsAccess: maybe(pick(true, false)),
  tags,
});

const channel = fc.record({
  type: pick("VOICE", "SMS", "EMAIL"),
  address: pick(
    "+819012345678",
    "090-2345-6789",
    "+8109012345678",
    "+14155550123",
    "a@example.com",
  ),
  name: maybe(pick("voice", "mobile", "email")),
});

const teamArgs = fc.record({
  defaultCountry: maybe(pick("JP", "US")),
  members: list(
    fc.record({
      alias,
      displayName: pick("Taro", "Jiro"),
      channels: list(channel),
      engagement: maybe(
        list(
          fc.record({
            channel: pick("VOICE", "SMS", "EMAIL", "mobile"),
            afterMinutes: minutes,
            retryIntervalInMinutes: minutes,
          }),
        ),
      ),
    }),
  ),
  rotations: list(
    fc.record({
      name: pick("weekdays", "nights"),
      members: list(alias),
      startTime: pick("2026-01-05T09:00:00", "2026-01-05T09:00:00Z", "2026-02-30T09:00:00"),
      timeZone: pick("Asia/Tokyo", "UTC", "JST"),
      recurrence: partial({
        daily: list(pick("09:00", "21:00", "9:00")),
        weekly: list(
          fc.record({ dayOfWeek: pick("MON", "FRI", "mon"), handOffTime: pick("09:00") }),
        ),
        recurrenceMultiplier: pick(1, 2, 100, 101),
        numberOfOnCalls: pick(1, 2, 3),
        coverage: maybe(
          fc.dictionary(
            key("MON", "SAT"),
            list(fc.record({ start: pick("09:00", "09:10"), end: pick("21:00", "09:20") }), 2),
            { maxKeys: 2 },
          ),
        ),
      }),
    }),
    2,
  ),
  schedule: maybe(partial({ alias, displayName: pick("On call") })),
  plaintextAddresses: maybe(pick(true, false)),
  tags,
});

/** Targets and engagements: ARNs, references from a real team (added per run), and junk. */
const arn = pick(ARN_TARO, ARN_JIRO, ARN_SABURO, "arn:aws:sns:ap-northeast-1:123456789012:x");
/** Stage targets: contacts made elsewhere as `{ arn }`, and junk (a bare ARN, a number). */
const arnTarget = fc.oneof(
  arn.map((a) => ({ arn: a })),
  pick(ARN_TARO, 42),
);

const chainArgs = (target: fc.Arbitrary<unknown>) =>
  fc.record({
    alias: pick("emergency", "escalation"),
    displayName: pick("Emergency"),
    stages: list(
      fc.record({
        durationInMinutes: minutes,
        targets: list(fc.record({ target, isEssential: maybe(pick(true, false)) }), 2),
      }),
    ),
    allowInterruptiveFinalStage: maybe(pick(true, false)),
    tags,
  });

const planArgs = (engagement: fc.Arbitrary<unknown>) =>
  fc.record({
    responsePlanName: maybe(pick("emergency", "emergency plan")),
    incident: fc.record({
      title: pick("Emergency Occurred"),
      impact: pick(1, 3, 5, "critical", 2.5, 6, "3"),
      summary: maybe(pick("CPU high")),
    }),
    engagements: list(engagement, 6),
    chatChannelTopicArns: maybe(list(pick("arn:aws:sns:ap-northeast-1:123456789012:chat"), 6)),
    runbook: maybe(
      fc.record({
        documentName: pick("AWSIncidents-CriticalIncidentRunbookTemplate", "x"),
        roleArn: maybe(pick("arn:aws:iam::123456789012:role/runbook")),
        parameters: maybe(fc.dictionary(key("Env", "AutomationAssumeRole"), list(pick("prod")))),
      }),
    ),
    alarms: list(
      fc.record({
        name: pick("cpu", "memory"),
        namespace: pick("AWS/EC2"),
        metricName: pick("CPUUtilization"),
        statistic: maybe(pick("Average", "Sum")),
        period: pick(10, 60, 300, 45),
        evaluationPeriods: pick(1, 2, 0),
        threshold: pick(90, 0, -1),
        comparisonOperator: pick("GreaterThanThreshold", "LessThanThreshold"),
      }),
      2,
    ),
    events: list(
      fc.record({
        name: pick("ec2-stopped", "rds"),
        eventPattern: pick({ source: ["aws.ec2"] }, { "detail-type": [null] }, "{}"),
      }),
      2,
    ),
    tags,
  });

const named = <T>(arb: fc.Arbitrary<T>) =>
  fc.tuple(pick("emergency", "ops"), arb).map(([name, args]) => ({ name, ...(args as object) }));

const specArgs = fc.record({
  setup: setupArgs,
  teams: list(named(teamArgs), 2),
  escalations: list(
    named(chainArgs(pick("emergency/taro", "emergency/schedule", "ops/jiro", ARN_TARO))),
    2,
  ),
  responsePlans: list(named(planArgs(pick("emergency", "emergency/jiro", ARN_JIRO))), 2),
});

describe("hostile input: random configs of valid shape build or fail with a ValidationError", function () {
  this.timeout(120_000);
  let capture: Capture;
  let im: Components;
  let stack: Stack;
  const later: unknown[] = [];
  const onRejection = (reason: unknown) => later.push(reason);

  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
    stack = await import("../../stack/spec");
    process.on("unhandledRejection", onRejection);
  });
  after(() => process.off("unhandledRejection", onRejection));
  beforeEach(() => {
    reset(capture);
    later.length = 0;
  });

  /** Builds, or throws a ValidationError; and nothing fails later, when Outputs resolve. */
  async function buildsOrRejects(build: () => unknown, seen: Outcomes): Promise<void> {
    reset(capture);
    let built = false;
    try {
      build();
      built = true;
      seen.built++;
    } catch (err) {
      if (!im.ValidationError.isValidationError(err)) throw err;
      assert.ok(!/\n\s+at /.test(err.message), err.message);
      seen.rejected++;
    }
    await settle();
    assert.deepEqual(later, []);
    if (built) {
      const refused = capture.resources.flatMap((r) =>
        (
          validateResource(r.type, r.name, r.inputs, { providerRegion: "ap-northeast-1" }) ?? []
        ).map((v) => formatViolation(v)),
      );
      assert.deepEqual(refused, []);
    }
  }

  /**
   * Runs the property with a fixed seed, and checks that the pools are balanced: some configs
   * build and some are rejected, so both branches are exercised.
   */
  async function property<T>(
    arb: fc.Arbitrary<T>,
    base: unknown,
    build: (args: T) => unknown,
    numRuns = 150,
  ) {
    const seen: Outcomes = { built: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(arb, mutated(base) as fc.Arbitrary<T>), (args) =>
        buildsOrRejects(() => build(args), seen),
      ),
      { numRuns, seed: 20261123, endOnFailure: true },
    );
    assert.ok(seen.built > 0 && seen.rejected > 0, JSON.stringify(seen));
  }

  it("IncidentManagerSetup", () =>
    property(setupArgs, SETUP, (args) => new im.IncidentManagerSetup("im", args as never)));

  it("OnCallTeam", () =>
    property(teamArgs, TEAM, (args) => new im.OnCallTeam("sre", args as never)));

  it("EscalationChain, with ARNs and a real team's references", async () => {
    const team = new im.OnCallTeam("team", TEAM);
    const target = fc.oneof(
      arnTarget,
      fc.constantFrom(team.member("taro"), team.member("jiro"), team.schedule),
    );
    await property(
      chainArgs(target),
      CHAIN,
      (args) => new im.EscalationChain("chain", args as never),
    );
  });

  it("ResponsePlanWithAlarms, with ARNs, references and a chain", async () => {
    const team = new im.OnCallTeam("team", TEAM);
    const chain = new im.EscalationChain("chain", {
      alias: "chain",
      displayName: "Chain",
      stages: [{ durationInMinutes: 0, targets: [{ target: team.member("jiro") }] }],
    });
    // A contact ARN is a target `{ arn }`; a bare string is refused.
    const engagement = fc.oneof(
      arn.map((a) => ({ arn: a })),
      arn,
      fc.constantFrom(team.member("taro"), team.schedule, chain),
    );
    await property(
      planArgs(engagement),
      PLAN,
      (args) => new im.ResponsePlanWithAlarms("plan", args as never),
      80,
    );
  });

  it("the stack spec", () => property(specArgs, SPEC, (args) => stack.buildStack(args), 80));

  it("what builds with a string AWS refuses in any string field, AWS accepts", async () => {
    const bases: [unknown, (args: never) => unknown][] = [
      [SETUP, (args) => new im.IncidentManagerSetup("im", args)],
      [TEAM, (args) => new im.OnCallTeam("sre", args)],
      [SPEC, (args) => stack.buildStack(args)],
    ];
    for (const [base, build] of bases) {
      const seen: Outcomes = { built: 0, rejected: 0 };
      const strings = pathsIn(base).filter(
        (p) => typeof p.reduce<unknown>((v, k) => (v as never)[k], base) === "string",
      );
      for (const p of strings) {
        for (const value of REFUSED_STRINGS) {
          await buildsOrRejects(() => build(setPath(base, p as never, value) as never), seen);
        }
      }
      assert.ok(seen.built > 0 && seen.rejected > 0, JSON.stringify(seen));
    }
  });
});
