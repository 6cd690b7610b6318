import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { PluginProcess, ROOT } from "./harness";

const PROVIDER_DIR = path.join(ROOT, "provider");

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
});
