/**
 * Writes a self-contained copy of the policy pack for `pulumi policy publish`.
 *
 * `policies/package.json`'s `main` is `../dist/policies/index.js`, outside the pack's folder, so
 * publishing `policies/` itself would upload a pack without its code: for a Node.js pack the
 * Pulumi CLI uploads what `npm pack` makes of the folder. This script compiles the pack
 * (`tsc -p policies/tsconfig.json`) into one folder, `dist/policy-pack/` unless told otherwise,
 * with a package.json whose `main` is inside it, the pack's PulumiPolicy.yaml and RULES.md, and
 * the pack's own dependencies. It refuses to write a pack whose compiled code requires a package
 * that the package.json does not list, since the service installs only those.
 *
 * Usage: npm run stage:pack [-- --out <dir>]
 * Then:  cd dist/policy-pack && pulumi policy publish <org>
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { builtinModules } from "module";
import * as path from "path";

const ROOT = path.resolve(__dirname, path.extname(__filename) === ".js" ? "../.." : "..");
const PACK_DIR = path.join(ROOT, "policies");

/** The pack's manifest fields the staged package.json keeps. */
interface PackManifest {
  readonly name: string;
  readonly version: string;
  readonly description?: string;
  readonly license?: string;
  readonly dependencies: Record<string, string>;
}

/** A bare `require("pkg")` or `require("@scope/pkg/sub")` in a compiled file, as its package name. */
function requiredPackages(js: string): string[] {
  const names: string[] = [];
  for (const [, spec] of js.matchAll(/\brequire\("([^".][^"]*)"\)/g)) {
    const parts = spec!.split("/");
    names.push(spec!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!);
  }
  return names;
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/**
 * The packages the staged code requires that its package.json does not list, each with the first
 * file that requires it (relative to `out`). Node's built-in modules are not counted.
 */
export function unlistedPackages(out: string, dependencies: Record<string, string>): string[] {
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const missing = new Map<string, string>();
  for (const file of filesUnder(out).filter((f) => f.endsWith(".js"))) {
    for (const name of requiredPackages(fs.readFileSync(file, "utf8"))) {
      if (builtins.has(name) || name in dependencies || missing.has(name)) continue;
      missing.set(name, path.relative(out, file));
    }
  }
  return [...missing].map(([name, file]) => `${name} (required by ${file})`);
}

/** Compiles and writes the staged pack into `out` (emptied first); returns its `main`. */
export function stagePolicyPack(out: string): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8"),
  ) as PackManifest;
  fs.rmSync(out, { recursive: true, force: true });
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  execFileSync(
    process.execPath,
    [
      tsc,
      "-p",
      path.join(PACK_DIR, "tsconfig.json"),
      "--outDir",
      out,
      "--declaration",
      "false",
      "--sourceMap",
      "false",
    ],
    { stdio: "inherit" },
  );
  const main = "policies/index.js";
  const staged = {
    name: manifest.name,
    version: manifest.version,
    ...(manifest.description === undefined ? {} : { description: manifest.description }),
    ...(manifest.license === undefined ? {} : { license: manifest.license }),
    private: true,
    main,
    dependencies: manifest.dependencies,
  };
  const unlisted = unlistedPackages(out, staged.dependencies);
  if (unlisted.length > 0) {
    throw new Error(
      `the compiled pack requires packages that policies/package.json does not list as dependencies: ${unlisted.join(", ")}. Add them there.`,
    );
  }
  fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(staged, null, 2)}\n`);
  for (const file of ["PulumiPolicy.yaml", "RULES.md"]) {
    fs.copyFileSync(path.join(PACK_DIR, file), path.join(out, file));
  }
  return path.join(out, main);
}

if (require.main === module) {
  const i = process.argv.indexOf("--out");
  const out = path.resolve(i >= 0 ? process.argv[i + 1]! : path.join(ROOT, "dist", "policy-pack"));
  try {
    stagePolicyPack(out);
    process.stdout.write(
      `wrote the policy pack to ${path.relative(process.cwd(), out) || "."}/; publish it with: cd ${path.relative(process.cwd(), out)} && pulumi policy publish <org>\n`,
    );
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
