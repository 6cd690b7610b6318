/**
 * The policy pack runs compiled: `policies/package.json`'s `main` is `../dist/policies/index.js`,
 * in a checkout and in the published package alike, so `pulumi preview --policy-pack policies`
 * loads JavaScript and never type-checks the pack on start. In a checkout the compiled pack can be
 * older than its TypeScript sources; this module finds out, so that nothing starts a stale pack
 * (and nothing falls back to the sources, which would hide a stale build).
 */
import * as fs from "fs";
import * as path from "path";

/** The package's root: `policies/`'s parent, whether this file runs from the sources or from dist/. */
const PACKAGE_ROOT = path.resolve(__dirname, path.extname(__filename) === ".js" ? "../.." : "..");

/** What rebuilds the pack (and only the pack): `tsc -p policies/tsconfig.json`. */
export const BUILD_PACK_COMMAND = "npm run build:pack";

/** A pack folder's compiled entry: its package.json's `main`, resolved as Node resolves it. */
export function packMain(dir: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
    main?: string;
  };
  return path.resolve(dir, manifest.main ?? "index.js");
}

/** Relative `require("./x")` calls in a compiled file (tsc writes them with double quotes). */
const LOCAL_REQUIRE = /\brequire\("(\.{1,2}\/[^"]*)"\)/g;

function resolveCompiled(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  return [base, `${base}.js`, path.join(base, "index.js")].find(
    (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
  );
}

/** The source a compiled file of dist/ was built from, if the checkout has it. */
function sourceOf(compiled: string, dist: string, root: string): string | undefined {
  const rel = path.relative(dist, compiled);
  const source = path.join(root, rel.endsWith(".js") ? `${rel.slice(0, -3)}.ts` : rel);
  return fs.existsSync(source) ? source : undefined;
}

/**
 * Why the compiled pack in `dir` must not start, or `undefined` when it may: its entry is missing,
 * or a file it loads (following its relative requires from the entry) is older than the
 * TypeScript or JSON source it was built from. Packs whose entry is not in this package's `dist/`
 * (a pack run from its sources, the published package with no sources) are not checked.
 */
export function stalePack(dir: string, root = PACKAGE_ROOT): string | undefined {
  const dist = path.join(root, "dist");
  const entry = packMain(dir);
  const shown = (f: string) => path.relative(root, f);
  if (path.relative(dist, entry).startsWith("..")) return undefined;
  const entrySource = path.join(root, path.relative(dist, entry)).replace(/\.js$/, ".ts");
  if (!fs.existsSync(entrySource)) return undefined;
  if (!fs.existsSync(entry)) {
    return `the policy pack in ${shown(dir)}/ runs compiled from ${shown(entry)}, which is not built; run \`${BUILD_PACK_COMMAND}\` (or \`npm run build\`)`;
  }
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const compiled = queue.pop()!;
    if (seen.has(compiled)) continue;
    seen.add(compiled);
    const source = sourceOf(compiled, dist, root);
    if (source !== undefined && fs.statSync(source).mtimeMs > fs.statSync(compiled).mtimeMs) {
      return `the policy pack in ${shown(dir)}/ runs compiled from ${shown(dist)}/, and ${shown(source)} changed after ${shown(compiled)} was built; run \`${BUILD_PACK_COMMAND}\` (or \`npm run build\`)`;
    }
    if (!compiled.endsWith(".js")) continue;
    for (const [, spec] of fs.readFileSync(compiled, "utf8").matchAll(LOCAL_REQUIRE)) {
      const next = resolveCompiled(compiled, spec);
      if (next === undefined) {
        return `the policy pack in ${shown(dir)}/ is built incompletely: ${shown(compiled)} requires ${spec}, which is not in ${shown(dist)}/; run \`${BUILD_PACK_COMMAND}\` (or \`npm run build\`)`;
      }
      queue.push(next);
    }
  }
  return undefined;
}

/** Throws {@link stalePack}'s reason, if there is one. */
export function assertPackBuilt(dir: string, root = PACKAGE_ROOT): void {
  const reason = stalePack(dir, root);
  if (reason !== undefined) throw new Error(reason);
}
