/**
 * Garbage in, no exception out: random props (missing fields, wrong types, nulls, huge strings)
 * for every resource type every rule looks at never make a rule throw.
 */
import { strict as assert } from "assert";
import fc from "fast-check";
import { TYPES, rules } from "../../policies/rules";
import { classicStack, nativeStack } from "./fixtures";
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
