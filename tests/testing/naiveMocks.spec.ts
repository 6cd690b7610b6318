/**
 * Why the testing module exists: under the mocks Pulumi's documentation shows (`newResource`
 * returning `{ id, state: args.inputs }`, `call` returning its inputs), a resource's `arn` is
 * undefined, so the components' checks of the ARNs they pass on fail inside Outputs, as unhandled
 * rejections, and whatever depends on them never registers. `testing.mocks()` answers as AWS would.
 */
import { strict as assert } from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { mocks, settle } from "../../testing";

const PROGRAM = path.join(__dirname, "..", "..", "examples", "emergency-escalation", "index.ts");

/** Runs the example program under `m`: what registered (type::name) and what was rejected. */
async function runUnder(
  m: pulumi.runtime.Mocks,
): Promise<{ registered: string[]; rejections: unknown[] }> {
  const registered: string[] = [];
  const rejections: unknown[] = [];
  // mocha fails the running test on any unhandled rejection: count them here instead.
  const mochas = process.listeners("unhandledRejection");
  process.removeAllListeners("unhandledRejection");
  const count = (reason: unknown) => rejections.push(reason);
  process.on("unhandledRejection", count);
  try {
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(`${args.type}::${args.name}`);
          return m.newResource(args);
        },
        call: (args) => m.call(args),
      },
      "project",
      "stack",
      false,
    );
    delete require.cache[require.resolve(PROGRAM)];
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(PROGRAM);
    await settle();
    // Let every rejection surface.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  } finally {
    process.off("unhandledRejection", count);
    for (const listener of mochas) process.on("unhandledRejection", listener);
  }
  return { registered, rejections };
}

/** The mocks of Pulumi's unit-testing guide. */
const DOCS_MOCKS: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: `${args.name}_id`, state: args.inputs }),
  call: (args) => args.inputs,
};

describe("testing: mocks that return their inputs lose part of the stack", function () {
  this.timeout(60_000);
  let naive: Awaited<ReturnType<typeof runUnder>>;
  let realistic: Awaited<ReturnType<typeof runUnder>>;

  before(async () => {
    naive = await runUnder(DOCS_MOCKS);
    realistic = await runUnder(mocks());
  });

  it("under the documentation's mocks: contact ARNs are missing, and each check rejects unhandled", () => {
    assert.ok(naive.rejections.length >= 100, `only ${naive.rejections.length} rejections`);
    for (const reason of naive.rejections) {
      assert.match(
        String((reason as Error)?.message ?? reason),
        /EscalationChain 'emergency-escalation-plan': `stages\[\d\]\.targets\[0\]\.target\.arn` is required \(string\)/,
      );
    }
  });

  it("under the documentation's mocks: the escalation plan, the response plan and its alarm never register", () => {
    const missing = realistic.registered.filter((r) => !naive.registered.includes(r));
    assert.deepEqual(missing.map((r) => r.split("::")[0]).sort(), [
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      "aws:ssmcontacts/plan:Plan",
      "aws:ssmincidents/responsePlan:ResponsePlan",
    ]);
    assert.equal(naive.registered.length, realistic.registered.length - 3);
    assert.deepEqual(
      naive.registered.filter((r) => !realistic.registered.includes(r)),
      [],
    );
  });

  it("under testing.mocks(): everything registers and nothing is rejected", () => {
    assert.deepEqual(realistic.rejections, []);
    assert.equal(realistic.registered.length, new Set(realistic.registered).size);
    assert.ok(
      realistic.registered.includes(
        "aws:ssmincidents/responsePlan:ResponsePlan::emergency-response-plan-response-plan",
      ),
    );
  });
});
