import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { POLICY_PACK_DIR, withPolicyPack } from "../../plan/analyzer";
import { assertPackBuilt } from "../../plan/compiledPack";
import { rules } from "../../policies/rules";
import { mutate, nativeStack } from "../policies/fixtures";
import { urnOf } from "../policies/harness";

const ROOT = path.join(__dirname, "..", "..");
const run = promisify(execFile);

/** Every file of the checkout (no node_modules, dist or .git), relative to the root. */
function sources(dir = ""): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ["node_modules", "dist", ".git"].includes(entry.name) ? [] : sources(rel);
    }
    return entry.isFile() ? [rel] : [];
  });
}

const compiledName = (file: string) => `dist/${file.replace(/\.ts$/, "")}`;

/** The checkout as `npm run build` leaves it: each .ts also as dist .js, .js.map and .d.ts. */
function checkoutAfterBuild(): string[] {
  const files = sources();
  const compiled = files
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .flatMap((f) => [".js", ".js.map", ".d.ts"].map((ext) => `${compiledName(f)}${ext}`));
  // tsc copies the JSON files the sources import (AWS's constraints extract).
  const json = files.filter((f) => /^aws\/.+\.json$/.test(f)).map((f) => `dist/${f}`);
  return [...files, ...compiled, ...json];
}

/**
 * The TypeScript files that the bin loads from dist (plan, the root stack, its components, the
 * pack) and the public entry points (the components, `testing`).
 */
function neededSources(files: readonly string[]): string[] {
  return files.filter(
    (f) =>
      /^(plan(\/adopt|\/picture)?|stack|testing)\/[^/]+\.ts$/.test(f) ||
      /^components\/.+\.ts$/.test(f) ||
      /^aws\/.+\.ts$/.test(f) ||
      /^policies\/(index\.ts|(rules|checks)\/.+\.ts)$/.test(f),
  );
}

describe("the published package", function () {
  this.timeout(60_000);
  let listed: string[];
  let tree: string[];

  // `npm pack --dry-run` over a copy of the checkout as a build leaves it (empty files), with
  // this package.json: what the `files` field ships, without compiling anything here.
  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "package-"));
    try {
      tree = checkoutAfterBuild();
      for (const file of tree) {
        fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
        const from = path.join(ROOT, file);
        if (fs.existsSync(from)) fs.copyFileSync(from, path.join(dir, file));
        else fs.writeFileSync(path.join(dir, file), "");
      }
      const { stdout } = await run(
        "npm",
        ["pack", "--dry-run", "--json", "--ignore-scripts", "--workspaces=false"],
        { cwd: dir },
      );
      listed = (JSON.parse(stdout) as { files: { path: string }[] }[])[0].files
        .map((f) => f.path)
        .sort();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("ships the compiled plan, root stack, components and policy pack, and the bin", () => {
    const needed = neededSources(tree).map((f) => `${compiledName(f)}.js`);
    assert.ok(needed.includes("dist/plan/cli.js"));
    assert.ok(needed.includes("dist/plan/adopt/cli.js"));
    assert.ok(needed.includes("dist/stack/index.js"));
    assert.ok(needed.includes("dist/policies/index.js"));
    assert.ok(needed.includes("dist/aws/model.js"));
    assert.ok(needed.includes("dist/testing/index.js"));
    assert.ok(listed.includes("dist/aws/models/constraints.json"));
    assert.ok(needed.length > 30, `only ${needed.length} files found`);
    const missing = [
      ...needed,
      "bin/incident-manager-plan",
      "bin/incident-manager-adopt",
      "Pulumi.yaml",
      "Pulumi.dev.yaml",
      "policies/package.json",
      "policies/PulumiPolicy.yaml",
      "policies/RULES.md",
      "package.json",
      "README.md",
    ].filter((f) => !listed.includes(f));
    assert.deepEqual(missing, []);
  });

  it("ships nothing else: no tests, examples, benchmarks, sources or source maps", () => {
    const expected = [
      ...neededSources(tree).map((f) => `${compiledName(f)}.js`),
      ...tree.filter((f) => /^dist\/(aws|components|testing|policies\/checks)\/.+\.d\.ts$/.test(f)),
      ...tree.filter((f) => /^dist\/aws\/.+\.json$/.test(f)),
      "CHANGELOG.md",
      "Pulumi.dev.yaml",
      "Pulumi.yaml",
      "README.md",
      "bin/incident-manager-adopt",
      "bin/incident-manager-plan",
      "package.json",
      "policies/PulumiPolicy.yaml",
      "policies/RULES.md",
      "policies/package.json",
    ].sort();
    assert.deepEqual(listed, expected);
    assert.deepEqual(
      listed.filter((f) => /^(dist\/)?(tests|examples|bench)\/|\.map$|(?<!\.d)\.ts$/.test(f)),
      [],
    );
  });

  it("has the bin exit 2 with one line when neither dist nor the sources are there", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "package-bin-"));
    try {
      fs.mkdirSync(path.join(dir, "bin"));
      fs.copyFileSync(
        path.join(ROOT, "bin", "incident-manager-plan"),
        path.join(dir, "bin", "incident-manager-plan"),
      );
      await assert.rejects(
        run(process.execPath, [path.join(dir, "bin", "incident-manager-plan")], { cwd: dir }),
        (err: { code: number; stdout: string; stderr: string }) => {
          assert.equal(err.code, 2);
          assert.equal(err.stdout, "");
          assert.equal(
            err.stderr,
            "incident-manager-plan: neither dist/plan/cli.js nor the TypeScript sources with ts-node are here; run `npm ci` in a checkout, or `npm run build` to compile.\n",
          );
          return true;
        },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** `main` of a packed package.json, as Node resolves it, relative to the package root. */
function packedMain(listedDir: string, main: string): string {
  return path.posix.normalize(path.posix.join(listedDir, main));
}

describe("the published policy pack", function () {
  this.timeout(180_000);
  let tmp: string;
  let packDir: string;
  let listed: string[];

  // The real `npm pack` of this checkout (the pack built by `npm run build:pack`, which `pretest`
  // runs), unpacked where `npm install` puts it, in a project whose node_modules links the
  // checkout's installed dependencies. Not an `npm install` of the tarball: that would install
  // @pulumi/aws and @pulumi/aws-native (about 170 MB) again on every run.
  before(async () => {
    assertPackBuilt(POLICY_PACK_DIR);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "packed-pack-"));
    const { stdout } = await run(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--workspaces=false", "--pack-destination", tmp],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    listed = packed.files.map((f) => f.path);
    const modules = path.join(tmp, "project", "node_modules");
    const installed = path.join(modules, "pulumi-aws-incident-manager");
    fs.mkdirSync(installed, { recursive: true });
    await run("tar", [
      "-xzf",
      path.join(tmp, packed.filename),
      "-C",
      installed,
      "--strip-components=1",
    ]);
    for (const entry of fs.readdirSync(path.join(ROOT, "node_modules"))) {
      if (entry.startsWith(".") || entry === "pulumi-aws-incident-manager") continue;
      fs.symlinkSync(path.join(ROOT, "node_modules", entry), path.join(modules, entry));
    }
    packDir = path.join(installed, "policies");
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("ships PulumiPolicy.yaml, RULES.md and a package.json whose main is a shipped file", () => {
    const manifest = JSON.parse(
      fs.readFileSync(path.join(ROOT, "policies", "package.json"), "utf8"),
    );
    assert.equal(packedMain("policies", manifest.main), "dist/policies/index.js");
    for (const file of [
      "policies/PulumiPolicy.yaml",
      "policies/RULES.md",
      "policies/package.json",
      "dist/policies/index.js",
    ]) {
      assert.ok(listed.includes(file), `${file} is not in the package`);
    }
    // The README's links into the pack's folder resolve in the published package too.
    const links = [
      ...fs
        .readFileSync(path.join(ROOT, "README.md"), "utf8")
        .matchAll(/\]\((policies\/[^)#\s]+)\)/g),
    ];
    assert.ok(links.length > 0);
    for (const [, link] of links) assert.ok(listed.includes(link), `README links to ${link}`);
  });

  it("starts from the packed files and gives the checkout's verdicts", async () => {
    assert.equal(fs.existsSync(path.join(packDir, "index.ts")), false);
    assert.equal(
      require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] }),
      require.resolve("@pulumi/pulumi/cmd/run-policy-pack"),
    );
    await withPolicyPack(async (pack) => {
      const info = await pack.info();
      assert.equal(info.name, "incident-manager-readiness");
      assert.equal(info.version, "0.1.0");
      assert.deepEqual(
        info.policies.map((p) => p.name),
        rules.map((r) => r.name),
      );
      await pack.configure({});
      const [sms] = mutate(
        nativeStack(),
        "taro-sms",
        (p) => (p.channelAddress = "+8109012345678"),
      ).filter((f) => f.name === "taro-sms");
      const result = await pack.analyze([
        {
          urn: urnOf(sms.type, sms.name),
          type: sms.type,
          name: sms.name,
          inputs: sms.props,
          secretInputs: [],
          state: sms.props,
          custom: true,
          protect: false,
          dependencies: [],
          propertyDependencies: {},
          additionalSecretOutputs: [],
        },
      ]);
      assert.deepEqual(
        result.diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.message.split("\n")[1]]),
        [
          [
            "require-e164-phone-channels",
            "mandatory",
            '`channelAddress` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+8109012345678". Drop the trunk 0 after the country code: write +819012345678.',
          ],
        ],
      );
    }, packDir);
  });
});
