/**
 * The staged policy pack that `pulumi policy publish` uploads: self-contained, listing what it
 * requires, and giving the same verdicts as the pack in policies/.
 */
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withPolicyPack } from "../../plan/analyzer";
import { rules } from "../../policies/rules";
import { stagePolicyPack, unlistedPackages } from "../../scripts/stage-policy-pack";
import { captured } from "../policies/support";
import { classicStack, nativeStack } from "../policies/fixtures";

const ROOT = path.join(__dirname, "..", "..");

describe("stage-policy-pack", function () {
  this.timeout(240_000);
  // Inside the checkout, so that the staged pack resolves its dependencies from node_modules as
  // the service's install would provide them.
  fs.mkdirSync(path.join(ROOT, "dist"), { recursive: true });
  const out = fs.mkdtempSync(path.join(ROOT, "dist", "stage-test-"));
  after(() => fs.rmSync(out, { recursive: true, force: true }));

  before(() => {
    stagePolicyPack(out);
  });

  it("writes a pack whose main is inside it, with the pack's manifest, dependencies and files", () => {
    const staged = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
    const source = JSON.parse(fs.readFileSync(path.join(ROOT, "policies", "package.json"), "utf8"));
    assert.equal(staged.main, "policies/index.js");
    assert.equal(staged.name, source.name);
    assert.equal(staged.version, source.version);
    assert.deepEqual(staged.dependencies, source.dependencies);
    assert.ok(fs.existsSync(path.join(out, "policies", "index.js")));
    assert.ok(fs.existsSync(path.join(out, "aws", "models", "constraints.json")));
    assert.equal(
      fs.readFileSync(path.join(out, "PulumiPolicy.yaml"), "utf8"),
      fs.readFileSync(path.join(ROOT, "policies", "PulumiPolicy.yaml"), "utf8"),
    );
  });

  it("is what npm pack puts in the tarball that pulumi policy publish uploads", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const [packed] = JSON.parse(
      execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: out,
        encoding: "utf8",
      }),
    ) as { files: { path: string }[] }[];
    const files = packed!.files.map((f) => f.path);
    for (const f of ["PulumiPolicy.yaml", "package.json", "policies/index.js", "RULES.md"]) {
      assert.ok(files.includes(f), f);
    }
    assert.ok(!files.some((f) => f.endsWith(".ts") || f.endsWith(".map")), files.join(", "));
  });

  it("gives the same policies and verdicts as the pack in policies/", async () => {
    const run = (dir?: string) =>
      withPolicyPack(async (pack) => {
        const info = await pack.info();
        const verdicts = [];
        for (const stack of [classicStack(), nativeStack()]) {
          const resources = stack.map(captured);
          verdicts.push(
            ...(await pack.analyze(resources)).diagnostics,
            ...(await pack.analyzeStack(resources)).diagnostics,
          );
        }
        return { name: info.name, policies: info.policies.map((p) => p.name), verdicts };
      }, dir);
    const staged = await run(out);
    const shipped = await run();
    assert.deepEqual(
      staged.policies,
      rules.map((r) => r.name),
    );
    assert.ok(staged.verdicts.length > 0, "the fixtures draw advisory verdicts");
    assert.deepEqual(staged, shipped);
  });

  it("names every package the compiled code requires that the manifest does not list", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "staged-"));
    try {
      fs.mkdirSync(path.join(dir, "sub"));
      fs.writeFileSync(
        path.join(dir, "sub", "a.js"),
        'require("fs"); require("node:path"); require("./b"); require("@scope/x/deep"); require("js-yaml/dist"); require("js-yaml");',
      );
      assert.deepEqual(unlistedPackages(dir, { "@scope/x": "^1.0.0" }), [
        `js-yaml (required by ${path.join("sub", "a.js")})`,
      ]);
      assert.deepEqual(unlistedPackages(dir, { "@scope/x": "^1.0.0", "js-yaml": "^4" }), []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
