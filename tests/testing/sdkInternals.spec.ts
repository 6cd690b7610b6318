import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import {
  Capture,
  installCapture,
  missingSdkInternals,
  reset,
  SDK_VERSION_CHECKED,
} from "../../testing";
import { installedSdkVersion } from "../../testing/sdkInternals";

describe("testing: the Pulumi SDK internals the harness needs", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture();
  });
  after(() => reset(capture));

  it("are all in the installed @pulumi/pulumi", () => {
    // Each entry names the installed version, the version checked and the internal that is gone.
    assert.deepEqual(missingSdkInternals(), []);
  });

  it("were read from the installed SDK's major and minor version", () => {
    const [major, minor] = installedSdkVersion().split(".").map(Number);
    const [checkedMajor, checkedMinor] = SDK_VERSION_CHECKED.split(".").map(Number);
    assert.equal(
      major === checkedMajor && minor >= checkedMinor,
      true,
      `@pulumi/pulumi ${installedSdkVersion()} installed; testing/sdkInternals.ts was checked against ${SDK_VERSION_CHECKED}: run this spec and update SDK_VERSION_CHECKED`,
    );
  });

  it("say which internal is gone, and in which SDK version, when one is", () => {
    const original = (pulumi.output(1) as unknown as { promise: unknown }).promise;
    assert.equal(typeof original, "function");
    const proto = pulumi.ComponentResource.prototype as unknown as Record<string, unknown>;
    const registerOutputs = proto.registerOutputs;
    proto.registerOutputs = undefined;
    try {
      assert.deepEqual(missingSdkInternals(), [
        `@pulumi/pulumi ${installedSdkVersion()} (the testing module was checked against ${SDK_VERSION_CHECKED}) no longer has ComponentResource.prototype.registerOutputs(); update testing/sdkInternals.ts`,
      ]);
    } finally {
      proto.registerOutputs = registerOutputs;
    }
  });
});
