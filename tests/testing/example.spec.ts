// test/incidentManager.spec.ts: run with `mocha -r ts-node/register test/**/*.spec.ts`
import { strict as assert } from "assert";
import * as testing from "pulumi-aws-incident-manager/testing";

describe("our Incident Manager stack", () => {
  let capture: testing.Capture;
  let im: typeof import("pulumi-aws-incident-manager");

  before(async () => {
    // Mocks first, then the code that builds resources (your program, or the components).
    capture = await testing.installCapture({ account: "111122223333", stack: "test" });
    im = await import("pulumi-aws-incident-manager");
  });
  beforeEach(() => testing.reset(capture));

  it("replicates to Tokyo and Seoul and reaches taro by SMS", async () => {
    const setup = new im.IncidentManagerSetup("incident-manager", {
      regions: ["ap-northeast-1", "ap-northeast-2"],
    });
    const team = new im.OnCallTeam("sre", {
      setup,
      defaultCountry: "JP",
      members: [
        {
          alias: "taro",
          displayName: "Taro",
          channels: [{ type: "SMS", address: "090-1234-5678" }],
        },
      ],
    });
    await testing.settle();

    // Outputs resolve to the ARNs AWS would give, in the mocked account.
    assert.equal(
      (await testing.valueOf(team.contacts)).taro,
      "arn:aws:ssm-contacts:ap-northeast-1:111122223333:contact/taro",
    );
    // Every registration, with its inputs, parent and secrets, as the engine sees it.
    const channel = capture.resources.find(
      (r) => r.type === "aws:ssmcontacts/contactChannel:ContactChannel",
    );
    assert.deepEqual(channel?.inputs.deliveryAddress, { simpleAddress: "+819012345678" });
    assert.deepEqual(channel?.secretInputs, ["deliveryAddress"]);
    const replicationSet = capture.resources.find(
      (r) => r.name === "incident-manager-replication-set",
    );
    assert.equal(replicationSet?.protect, true);
    assert.deepEqual(capture.errors, []);
  });
});
