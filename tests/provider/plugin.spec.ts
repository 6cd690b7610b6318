import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { ResponsePlanWithAlarms } from "../../components";
import { registrations, typeScriptPath } from "./compare";
import { CHAIN_TARGET, seedPlan } from "./fixtures/seed";
import { PluginProcess, ROOT, outputValue } from "./harness";

const PROVIDER_DIR = path.join(ROOT, "provider");
const T = "incident-manager:index:";
const CHAIN_URN = `urn:pulumi:plan::incident-manager::${T}EscalationChain::sre-escalation`;

/** The setup reference the seed setup publishes, as plain values. */
const SETUP_REF = {
  replicationSetArn:
    "arn:aws:ssm-incidents::123456789012:replication-set/incident-manager-replication-set",
  primaryRegion: "ap-northeast-1",
  regions: ["ap-northeast-1", "ap-northeast-2"],
  accountId: "123456789012",
  partition: "aws",
  tags: { team: "sre" },
};

describe("component provider plugin (provider/, over gRPC as the engine drives it)", function () {
  this.timeout(60_000);
  let plugin: PluginProcess;
  before(async () => {
    plugin = await PluginProcess.start(PROVIDER_DIR);
  });
  after(async () => {
    await plugin?.stop();
  });

  it("prints its port and answers GetPluginInfo with the package version", async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
    assert.ok(plugin.port > 0);
    assert.equal(await plugin.getPluginInfo(), pkg.version);
  });

  it("accepts secrets, resources and output values on Configure", async () => {
    const res = await plugin.configure();
    assert.equal(res.getAcceptsecrets(), true);
    assert.equal(res.getAcceptresources(), true);
    assert.equal(res.getAcceptoutputs(), true);
  });

  it("serves the committed schema.json byte for byte on GetSchema", async () => {
    const committed = fs.readFileSync(path.join(PROVIDER_DIR, "schema.json"), "utf8");
    assert.equal(await plugin.getSchema(), committed);
  });

  it("refuses a type it does not serve, naming what it serves", async () => {
    const err = await plugin.constructError("incident-manager:index:Nothing", "x", {});
    const served = Object.keys(
      JSON.parse(fs.readFileSync(path.join(PROVIDER_DIR, "schema.json"), "utf8")).resources,
    );
    assert.equal(
      err.details,
      `unknown resource type incident-manager:index:Nothing; this provider serves ${served.join(", ") || "none"}`,
    );
  });

  describe("ResponsePlanWithAlarms over Construct", () => {
    beforeEach(() => plugin.engine.reset());

    it("registers what TypeScript registers for the seed plan", async () => {
      const args = seedPlan(SETUP_REF, CHAIN_TARGET);
      const expected = await typeScriptPath(
        () => new ResponsePlanWithAlarms("api-errors", args as never),
      );
      const res = await plugin.construct(`${T}ResponsePlanWithAlarms`, "api-errors", args);
      const wire = registrations(plugin.engine.record.resources);
      assert.deepEqual(wire, expected);
      assert.ok(wire.some((r) => r.key === `${T}ResponsePlanWithAlarms::api-errors`));
      assert.ok(
        wire.some((r) => r.key.startsWith("aws:cloudwatch/metricAlarm:MetricAlarm::")),
        JSON.stringify(wire.map((r) => r.key)),
      );
      assert.equal(res.state.arn, "arn:aws:ssm-incidents::123456789012:response-plan/api-errors");
    });

    it("carries an engagement's dependencies (the chain) to the response plan", async () => {
      await plugin.construct(
        `${T}ResponsePlanWithAlarms`,
        "api-errors",
        seedPlan(SETUP_REF, outputValue({ value: CHAIN_TARGET, dependencies: [CHAIN_URN] })),
      );
      const plan = plugin.engine.record.resources.find(
        (r) => r.type.endsWith("ResponsePlan") && r.custom,
      )!;
      assert.ok(plan.dependencies.includes(CHAIN_URN), JSON.stringify(plan.dependencies));
    });

    it("gives the component's ValidationError for an impact of 7 through the wire", async () => {
      const args = {
        ...seedPlan(SETUP_REF, CHAIN_TARGET),
        incident: { title: "API errors", impact: 7 },
      };
      let message = "";
      try {
        new ResponsePlanWithAlarms("api-errors", args as never);
      } catch (e) {
        message = (e as Error).message;
      }
      assert.match(message, /incident\.impact/);
      const err = await plugin.constructError(`${T}ResponsePlanWithAlarms`, "api-errors", args);
      assert.equal(err.code, 3 /* INVALID_ARGUMENT */);
      assert.equal(err.details, message);
      assert.deepEqual(plugin.engine.record.resources, []);
    });
  });
});
