import { strict as assert } from "assert";
import * as path from "path";
import { Capture, installCapture, settle } from "../../testing";

describe("examples/minimal-setup", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture("minimal-setup", "dev");
  });

  it("runs under mocks and registers the setup and its replication set", async () => {
    const program = await import(path.join(__dirname, "../../examples/minimal-setup/index"));
    await settle();
    assert.deepEqual(
      capture.resources.map((r) => [r.type, r.name, r.protect]),
      [
        ["incident-manager:index:IncidentManagerSetup", "incident-manager", false],
        ["aws-native:ssmincidents:ReplicationSet", "incident-manager-replication-set", true],
      ],
    );
    assert.deepEqual(capture.resources[1].inputs, {
      regions: [{ regionName: "ap-northeast-1" }, { regionName: "ap-northeast-2" }],
      deletionProtected: true,
      tags: [{ key: "team", value: "sre" }],
    });
    assert.equal(program.primaryRegion, "ap-northeast-1");
  });
});
