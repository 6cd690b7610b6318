import { strict as assert } from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

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
