import { strict as assert } from "assert";
import * as path from "path";
import { Pager } from "./fixtures/schema";
import { registrations, typeScriptPath } from "./compare";
import { PluginProcess, UNKNOWN, outputValue, secretValue } from "./harness";

const FIXTURE_PLUGIN = path.join(__dirname, "fixtures", "plugin");
const PAGER = "incident-manager:index:Pager";
const TEAM_URN = "urn:pulumi:plan::incident-manager::incident-manager:index:OnCallTeam::sre";
const TARGET_ARN = "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/taro";

describe("Construct over gRPC (fixture component Pager, the provider's own Provider class)", function () {
  this.timeout(60_000);
  let plugin: PluginProcess;
  before(async () => {
    plugin = await PluginProcess.start(FIXTURE_PLUGIN);
  });
  beforeEach(() => plugin.engine.reset());
  after(async () => {
    await plugin?.stop();
  });

  const args = {
    alias: "oncall",
    stages: [{ durationInMinutes: 10, channels: ["EMAIL"] }, { channels: ["SMS"] }],
    address: "taro@example.com",
    target: { arn: TARGET_ARN, alias: "taro" },
  };

  it("registers the same children, names, types, parents, inputs and secrets as TypeScript", async () => {
    const expected = await typeScriptPath(() => new Pager("pager", args as never));
    const res = await plugin.construct(PAGER, "pager", args);
    const wire = registrations(plugin.engine.record.resources);
    assert.deepEqual(wire, expected);
    assert.deepEqual(
      wire.map((r) => r.key),
      [
        "aws:ssmcontacts/contact:Contact::pager-contact",
        "aws:ssmcontacts/contactChannel:ContactChannel::pager-email",
        "aws:ssmcontacts/plan:Plan::pager-plan",
        "incident-manager:index:Pager::pager",
      ],
    );
    const channel = wire[1];
    assert.deepEqual(channel.secretInputs, ["deliveryAddress"]);
    assert.equal(channel.parent, "incident-manager:index:Pager::pager");
    assert.equal(res.urn, "urn:pulumi:plan::incident-manager::incident-manager:index:Pager::pager");
    assert.deepEqual(res.state, {
      alias: "oncall",
      arn: "arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/oncall",
      stageCount: 2,
    });
    // The component's outputs, registered by the component itself.
    assert.deepEqual(plugin.engine.record.outputs.at(-1)?.outputs, res.state);
  });

  it("keeps a secret input secret: sent as an output value, and as a top-level secret", async () => {
    await plugin.construct(PAGER, "pager", {
      ...args,
      address: outputValue({ value: "taro@example.com", secret: true }),
    });
    const channel = plugin.engine.record.resources.find((r) => r.name === "pager-email")!;
    assert.deepEqual(channel.secretInputs, ["deliveryAddress"]);
    assert.deepEqual(channel.inputs.deliveryAddress, { simpleAddress: "taro@example.com" });
    plugin.engine.reset();
    const res = await plugin.construct(PAGER, "p2", { ...args, alias: secretValue("oncall") });
    const contact = plugin.engine.record.resources.find((r) => r.name === "p2-contact")!;
    assert.deepEqual(contact.secretInputs, ["alias"]);
    // An output derived from a secret input stays secret in the state the engine receives.
    assert.deepEqual(res.state.alias, secretValue("oncall"));
  });

  it("carries a reference's dependencies to the children that use it", async () => {
    await plugin.construct(PAGER, "pager", {
      ...args,
      target: outputValue({ value: { arn: TARGET_ARN, alias: "taro" }, dependencies: [TEAM_URN] }),
    });
    const plan = plugin.engine.record.resources.find((r) => r.name === "pager-plan")!;
    assert.ok(plan.dependencies.includes(TEAM_URN), JSON.stringify(plan.dependencies));
    assert.deepEqual(
      (plan.inputs.stages as { targets: { contactTargetInfo: { contactId: string } }[] }[]).map(
        (s) => s.targets[0].contactTargetInfo.contactId,
      ),
      [TARGET_ARN, TARGET_ARN],
    );
    const contact = plugin.engine.record.resources.find((r) => r.name === "pager-contact")!;
    assert.ok(!contact.dependencies.includes(TEAM_URN));
  });

  it("constructs in preview with unknown inputs: what depends on them is unknown", async () => {
    const res = await plugin.construct(
      PAGER,
      "pager",
      { ...args, alias: UNKNOWN, target: outputValue({ dependencies: [TEAM_URN] }) },
      { dryRun: true },
    );
    const contact = plugin.engine.record.resources.find((r) => r.name === "pager-contact")!;
    assert.equal(contact.rawInputs.alias, UNKNOWN);
    const plan = plugin.engine.record.resources.find((r) => r.name === "pager-plan")!;
    assert.ok(plan.dependencies.includes(TEAM_URN));
    assert.equal(res.state.alias, UNKNOWN);
    assert.equal(res.state.stageCount, 2);
  });

  it("gives the component's ValidationError back through the wire, masked, before anything registers", async () => {
    const err = await plugin.constructError(PAGER, "pager", { ...args, address: "+819012345678" });
    assert.equal(err.code, 3 /* INVALID_ARGUMENT */);
    assert.equal(
      err.details,
      "Pager 'pager': `address` must be an email address; got +81******678",
    );
    assert.deepEqual(err.propertyErrors, [
      { propertyPath: "address", reason: "must be an email address; got +81******678" },
    ]);
    assert.ok(!JSON.stringify(err).includes("9012345678"));
    assert.deepEqual(plugin.engine.record.resources, []);
  });

  it("checks an input that arrives as an output value when it resolves, with the same message", async () => {
    const err = await plugin.constructError(PAGER, "pager", {
      ...args,
      alias: outputValue({ value: "Taro" }),
    });
    // The SDK reports a rejected input of a child with the property path it was serializing.
    assert.equal(
      err.details,
      'error serializing property "contactId": error serializing property "contactId": ' +
        'error serializing property "alias": ' +
        "Pager 'pager': `alias` must match ^[a-z0-9_\\-]*$; got \"Taro\" (use lower case)",
    );
  });
});
