import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  EscalationChain,
  IncidentManagerSetup,
  OnCallTeam,
  ResponsePlanWithAlarms,
} from "../../components";
import { registrations, typeScriptPath } from "./compare";
import {
  CHAIN_TARGET,
  MEMBER_TARGETS,
  PHONES,
  SEED_SETUP,
  seedChain,
  seedPlan,
  seedTeam,
  setupBag,
} from "./fixtures/seed";
import { PluginProcess, ROOT, outputValue } from "./harness";

const PROVIDER_DIR = path.join(ROOT, "provider");
const T = "incident-manager:index:";
const SETUP_URN = `urn:pulumi:plan::incident-manager::${T}IncidentManagerSetup::incident-manager`;
const TEAM_URN = `urn:pulumi:plan::incident-manager::${T}OnCallTeam::sre`;
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

  describe("the components over Construct (the seed scenario, compared with TypeScript)", () => {
    beforeEach(() => plugin.engine.reset());

    /** The message a TypeScript program gets for `build`. */
    function typeScriptError(build: () => unknown): string {
      try {
        build();
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error("the TypeScript path did not throw");
    }

    it("IncidentManagerSetup: registers what TypeScript registers, and publishes the setup reference", async () => {
      const expected = await typeScriptPath(
        () => new IncidentManagerSetup("incident-manager", SEED_SETUP as never),
      );
      const res = await plugin.construct(
        `${T}IncidentManagerSetup`,
        "incident-manager",
        SEED_SETUP,
      );
      const wire = registrations(plugin.engine.record.resources);
      assert.deepEqual(wire, expected);
      assert.ok(wire.some((r) => r.key === `${T}IncidentManagerSetup::incident-manager`));
      assert.ok(wire.length >= 2, JSON.stringify(wire.map((r) => r.key)));
      assert.deepEqual(setupBag(res.state), SETUP_REF);
      assert.deepEqual(plugin.engine.record.invokes.map((i) => i.token).sort(), [
        "aws:index/getCallerIdentity:getCallerIdentity",
        "aws:index/getPartition:getPartition",
      ]);
    });

    it("IncidentManagerSetup: Osaka gives the component's ValidationError through the wire", async () => {
      const args = { regions: ["ap-northeast-1", "ap-northeast-3"] };
      const message = typeScriptError(
        () => new IncidentManagerSetup("incident-manager", args as never),
      );
      assert.match(message, /ap-northeast-3/);
      const err = await plugin.constructError(`${T}IncidentManagerSetup`, "incident-manager", args);
      assert.equal(err.code, 3 /* INVALID_ARGUMENT */);
      assert.equal(err.details, message);
      assert.deepEqual(plugin.engine.record.resources, []);
    });

    const chainArgs = (setup: unknown, last: unknown = MEMBER_TARGETS.jiro) =>
      seedChain(setup, { first: MEMBER_TARGETS.taro, second: MEMBER_TARGETS.hanako, last });

    it("EscalationChain: registers what TypeScript registers for data targets", async () => {
      const expected = await typeScriptPath(
        () => new EscalationChain("sre-escalation", chainArgs(SETUP_REF) as never),
      );
      const res = await plugin.construct(
        `${T}EscalationChain`,
        "sre-escalation",
        chainArgs(SETUP_REF),
      );
      const wire = registrations(plugin.engine.record.resources);
      assert.deepEqual(wire, expected);
      assert.deepEqual(
        wire.map((r) => r.key),
        [
          "aws:ssmcontacts/contact:Contact::sre-escalation-contact",
          "aws:ssmcontacts/plan:Plan::sre-escalation-plan",
          `${T}EscalationChain::sre-escalation`,
        ],
      );
      assert.equal(
        res.state.arn,
        "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/sre-escalation",
      );
      assert.deepEqual(res.state.target, {
        alias: "sre-escalation",
        arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/sre-escalation",
        type: "ESCALATION",
      });
    });

    it("EscalationChain: references sent as output values carry their dependencies to the children", async () => {
      const setup = {
        ...SETUP_REF,
        replicationSetArn: outputValue({
          value: SETUP_REF.replicationSetArn,
          dependencies: [SETUP_URN],
        }),
      };
      const target = (t: unknown) => outputValue({ value: t, dependencies: [TEAM_URN] });
      await plugin.construct(
        `${T}EscalationChain`,
        "sre-escalation",
        seedChain(setup, {
          first: target(MEMBER_TARGETS.taro),
          second: target(MEMBER_TARGETS.hanako),
          last: target(MEMBER_TARGETS.jiro),
        }),
      );
      const byName = (n: string) => plugin.engine.record.resources.find((r) => r.name === n)!;
      assert.ok(byName("sre-escalation-contact").dependencies.includes(SETUP_URN));
      assert.ok(byName("sre-escalation-plan").dependencies.includes(TEAM_URN));
      assert.ok(byName("sre-escalation-plan").dependencies.includes(SETUP_URN));
    });

    it("EscalationChain: a final stage by SMS written as data is refused before anything registers", async () => {
      const args = chainArgs(SETUP_REF, MEMBER_TARGETS.hanako);
      const message = typeScriptError(() => new EscalationChain("sre-escalation", args as never));
      assert.match(message, /stages\[2\]/);
      const err = await plugin.constructError(`${T}EscalationChain`, "sre-escalation", args);
      assert.equal(err.code, 3 /* INVALID_ARGUMENT */);
      assert.equal(err.details, message);
      assert.deepEqual(plugin.engine.record.resources, []);
    });

    it("EscalationChain: the same final-stage rule runs when a target output value resolves", async () => {
      const message = typeScriptError(
        () =>
          new EscalationChain(
            "sre-escalation",
            chainArgs(SETUP_REF, MEMBER_TARGETS.hanako) as never,
          ),
      );
      const rule = message.replace(/^EscalationChain 'sre-escalation': /, "");
      const err = await plugin.constructError(
        `${T}EscalationChain`,
        "sre-escalation",
        chainArgs(
          SETUP_REF,
          outputValue({ value: MEMBER_TARGETS.hanako, dependencies: [TEAM_URN] }),
        ),
      );
      assert.ok(err.details.endsWith(rule), `${err.details}\n  does not end with\n${rule}`);
    });

    it("EscalationChain: constructs in preview while the targets are unknown", async () => {
      const unknownTarget = outputValue({ dependencies: [TEAM_URN] });
      const res = await plugin.construct(
        `${T}EscalationChain`,
        "sre-escalation",
        seedChain(SETUP_REF, { first: unknownTarget, second: unknownTarget, last: unknownTarget }),
        { dryRun: true },
      );
      const plan = plugin.engine.record.resources.find((r) => r.name === "sre-escalation-plan")!;
      assert.ok(plan.dependencies.includes(TEAM_URN));
      assert.equal(
        res.urn,
        `urn:pulumi:plan::incident-manager::${T}EscalationChain::sre-escalation`,
      );
    });
  });

  describe("OnCallTeam over Construct", () => {
    beforeEach(() => plugin.engine.reset());

    it("registers what TypeScript registers for the seed team, addresses secret, targets published", async () => {
      const args = seedTeam(SETUP_REF, PHONES);
      const expected = await typeScriptPath(() => new OnCallTeam("sre", args as never));
      const res = await plugin.construct(`${T}OnCallTeam`, "sre", args);
      const wire = registrations(plugin.engine.record.resources);
      assert.deepEqual(wire, expected);
      const channels = wire.filter((r) =>
        r.key.startsWith("aws:ssmcontacts/contactChannel:ContactChannel::"),
      );
      assert.equal(channels.length, 5);
      for (const c of channels) assert.deepEqual(c.secretInputs, ["deliveryAddress"], c.key);
      const targets = res.state.memberTargets as Record<string, { arn: string; alias: string }>;
      assert.deepEqual(Object.keys(targets).sort(), ["hanako", "jiro", "taro"]);
      assert.equal(
        targets.taro.arn,
        "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro",
      );
      assert.ok(!JSON.stringify(res.state).includes("9012345678"));
    });

    it("gives the ValidationError for a trunk-zero number through the wire, as TypeScript gives it", async () => {
      const args = seedTeam(SETUP_REF, { ...PHONES, taro: "+8109012345678" });
      let message = "";
      try {
        new OnCallTeam("sre", args as never);
      } catch (e) {
        message = (e as Error).message;
      }
      assert.match(message, /members\[0\]\.channels\[0\]\.address/);
      const err = await plugin.constructError(`${T}OnCallTeam`, "sre", args);
      assert.equal(err.code, 3 /* INVALID_ARGUMENT */);
      assert.equal(err.details, message);
      assert.deepEqual(plugin.engine.record.resources, []);
    });

    it("masks a number sent as a secret output value in the error it gives when it resolves", async () => {
      const args = seedTeam(SETUP_REF, {
        ...PHONES,
        taro: outputValue({ value: "+8109012345678", secret: true }),
      });
      const err = await plugin.constructError(`${T}OnCallTeam`, "sre", args);
      assert.match(err.details, /members\[0\]\.channels\[0\]\.address/);
      assert.ok(!err.details.includes("8109012345678"), err.details);
    });
  });
});
