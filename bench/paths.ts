/**
 * Where the benchmarks find the repository, whether they run from `bench/` or, as `npm run bench`
 * runs them, compiled into `dist/bench/`.
 */
import * as fs from "fs";
import * as path from "path";

/** The nearest folder at or above `from` that holds a package.json: the repository's root. */
export function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json at or above ${from}`);
  }
}

export const REPO_ROOT = repositoryRoot(__dirname);

/**
 * The policy packs, run as `pulumi preview --policy-pack <folder>` runs them: each folder's
 * package.json `main` is its compiled entry in dist/ (`npm run bench` compiles first), the same
 * way for both.
 */
export const PACKS = {
  full: path.join(REPO_ROOT, "policies"),
  trivial: path.join(REPO_ROOT, "bench", "trivial-pack"),
} as const;
