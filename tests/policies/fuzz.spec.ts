/**
 * Garbage in, no exception out: random props (missing fields, wrong types, nulls, huge strings)
 * for every resource type every rule looks at never make a rule throw. Then, exhaustively: every
 * JSON value of a small hostile set at every prop path of every compliant fixture of both
 * flavours, for every rule.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { TYPES, rules } from "../../policies/rules";
import {
  allowPolicy,
  channelArn,
  classicStack,
  contactArn,
  nativeStack,
  responsePlanArn,
} from "./fixtures";
import { ResourceFixture, runResource, runStack } from "./harness";

const ALL_TYPES = Object.values(TYPES).flat();

/** Any JSON-ish value, with nulls and the odd huge string. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withSparseArray: true,
    }),
  },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.string({ minLength: 5000, maxLength: 20000 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "SMS",
      "VOICE",
      "EMAIL",
      "PERSONAL",
      "ESCALATION",
      "ONCALL_SCHEDULE",
      "+8109012345678",
    ),
  },
);

/** Paths of every value inside a fixture's props. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}

/** A copy of `props` with the value at `path` replaced (or deleted when `replacement` is undefined). */
function replaceAt(
  props: Record<string, unknown>,
  path: (string | number)[],
  replacement: unknown,
): Record<string, unknown> {
  if (path.length === 0)
    return (typeof replacement === "object" && replacement !== null ? replacement : {}) as Record<
      string,
      unknown
    >;
  const copy = structuredClone(props);
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === undefined) delete node[last];
  else node[last] = replacement;
  return copy;
}

const compliant = [...classicStack(), ...nativeStack()];

/** A real fixture with one value anywhere inside it replaced by junk, or removed. */
const brokenFixture: fc.Arbitrary<ResourceFixture> = fc
  .tuple(fc.constantFrom(...compliant), fc.nat(), fc.option(junk, { nil: undefined }))
  .map(([f, n, replacement]) => {
    const all = paths(f.props);
    return { ...f, props: replaceAt(f.props, all[n % all.length], replacement) };
  });

/** A resource of any type the rules know, with props made of junk. */
const junkFixture: fc.Arbitrary<ResourceFixture> = fc.record({
  type: fc.constantFrom(...ALL_TYPES),
  name: fc.string({ minLength: 1, maxLength: 12 }),
  props: fc.dictionary(
    fc.constantFrom(
      "regions",
      "region",
      "type",
      "channelType",
      "channelAddress",
      "deliveryAddress",
      "plan",
      "stages",
      "targets",
      "contactId",
      "contactIds",
      "rotationIds",
      "timeZoneId",
      "incidentTemplate",
      "engagements",
      "tags",
      "alarmActions",
      "arn",
      "assumeRolePolicy",
      "assumeRolePolicyDocument",
      "policies",
      "inlinePolicies",
      "policy",
      "role",
      "deletionProtected",
      "policyDocument",
      "roleName",
      "channelId",
      "alarmName",
      "alarmRule",
      "recurrence",
      "startTime",
    ),
    junk,
  ),
  protect: fc.boolean(),
});

const anyFixture = fc.oneof(brokenFixture, junkFixture);

describe("policy rules never throw on garbage", function () {
  this.timeout(120_000);

  for (const rule of rules) {
    it(`${rule.name}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          "validateStack" in rule
            ? fc.array(anyFixture, { maxLength: 12 })
            : anyFixture.map((f) => [f]),
          async (fixtures) => {
            const outcome =
              "validateStack" in rule
                ? await runStack(rule, [...compliant, ...fixtures])
                : await runResource(rule, fixtures[0]);
            for (const v of outcome.violations) assert.equal(typeof v.message, "string");
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});

/**
 * JSON values the engine can send where any prop is expected: null, empty and nested arrays
 * where objects are expected, objects where lists or strings are, huge and odd numbers, a long
 * string.
 */
const JSON_HOSTILE: readonly unknown[] = [
  null,
  [],
  [null],
  [[]],
  [{}],
  {},
  { "": {} },
  "",
  "x".repeat(100_000),
  0,
  -1,
  2.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
];

const SEV1 = responsePlanArn("sev1");
const START_ROLE = "arn:aws:iam::123456789012:role/start-incident";

/**
 * Types the compliant stacks leave out, so that every type a rule reads is swept in its flavour:
 * a standalone aws-native Plan (the native stack holds its plans inline in contacts), classic
 * metric and composite alarms, an aws-native composite alarm, EventBridge rule and role policy.
 */
const EXTRA: Record<"classic" | "native", ResourceFixture[]> = {
  classic: [
    {
      type: "aws:cloudwatch/metricAlarm:MetricAlarm",
      name: "cpu",
      props: { name: "cpu", alarmActions: [SEV1], period: 60, evaluationPeriods: 2, threshold: 90 },
    },
    {
      type: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
      name: "composite",
      props: { alarmName: "composite", alarmRule: 'ALARM("cpu")', alarmActions: [SEV1] },
    },
    {
      type: "aws:cloudwatch/eventRule:EventRule",
      name: "health",
      props: { name: "health", eventBusName: "default", eventPattern: '{"source":["aws.health"]}' },
    },
    {
      type: "aws:iam/policy:Policy",
      name: "start-incident-managed",
      props: {
        name: "start-incident-managed",
        policy: JSON.stringify(allowPolicy("ssm-incidents:StartIncident", SEV1)),
        arn: "arn:aws:iam::123456789012:policy/start-incident-managed",
      },
    },
    {
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "start-incident-attachment",
      props: {
        role: "start-incident",
        policyArn: "arn:aws:iam::123456789012:policy/start-incident-managed",
      },
    },
    {
      type: "aws:iam/policyAttachment:PolicyAttachment",
      name: "start-incident-attachments",
      props: {
        name: "start-incident-attachments",
        roles: ["start-incident"],
        policyArn: "arn:aws:iam::123456789012:policy/start-incident-managed",
      },
    },
  ],
  native: [
    {
      type: "aws-native:ssmcontacts:Plan",
      name: "hanako-plan",
      props: {
        contactId: contactArn("hanako"),
        stages: [
          {
            durationInMinutes: 0,
            targets: [
              {
                channelTargetInfo: {
                  channelId: channelArn("hanako", "email"),
                  retryIntervalInMinutes: 5,
                },
              },
            ],
          },
          {
            durationInMinutes: 5,
            targets: [{ contactTargetInfo: { contactId: contactArn("taro"), isEssential: true } }],
          },
        ],
      },
    },
    {
      type: "aws-native:cloudwatch:CompositeAlarm",
      name: "composite",
      props: { alarmName: "composite", alarmRule: 'ALARM("errors")', alarmActions: [SEV1] },
    },
    {
      type: "aws-native:events:Rule",
      name: "findings",
      props: {
        name: "findings",
        eventPattern: { source: ["aws.guardduty"] },
        targets: [{ id: "sev1", arn: SEV1, roleArn: START_ROLE }],
      },
    },
    {
      type: "aws-native:iam:ManagedPolicy",
      name: "runbook-managed",
      props: {
        managedPolicyName: "runbook-managed",
        roles: ["runbook"],
        policyDocument: allowPolicy("ssm:StartAutomationExecution", SEV1),
        policyArn: "arn:aws:iam::123456789012:policy/runbook-managed",
      },
    },
    {
      type: "aws-native:iam:RolePolicy",
      name: "start-incident",
      props: {
        roleName: "start-incident",
        policyName: "start-incident",
        policyDocument: allowPolicy("ssm-incidents:StartIncident", SEV1),
      },
    },
  ],
};

describe("policy rules never throw: every hostile JSON value at every prop path", function () {
  this.timeout(240_000);

  it("sweeps a fixture of every type any rule reads, in both flavours", () => {
    const types = new Set([...compliant, ...EXTRA.classic, ...EXTRA.native].map((f) => f.type));
    assert.deepEqual(
      ALL_TYPES.filter((t) => !types.has(t)),
      [],
    );
  });

  for (const flavour of ["classic", "native"] as const) {
    const stack = [...(flavour === "classic" ? classicStack() : nativeStack()), ...EXTRA[flavour]];
    it(`${flavour}: ${rules.length} rules, each fixture's props broken at every path`, async () => {
      let runs = 0;
      for (const [index, fixture] of stack.entries()) {
        for (const path of paths(fixture.props)) {
          for (const value of JSON_HOSTILE) {
            const broken = { ...fixture, props: replaceAt(fixture.props, path, value) };
            const withBroken = stack.map((f, i) => (i === index ? broken : f));
            for (const rule of rules) {
              const outcome =
                "validateStack" in rule
                  ? await runStack(rule, withBroken)
                  : await runResource(rule, broken);
              for (const v of outcome.violations) assert.equal(typeof v.message, "string");
              runs++;
            }
          }
        }
      }
      assert.ok(runs > 1000, `${runs} runs`);
    });
  }
});
