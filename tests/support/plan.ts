/** Runs the `plan` command line as a user does, for the tests that check what it prints. */
import { spawn } from "child_process";
import * as path from "path";

/** The package's root, where `npm run plan` runs. */
export const ROOT = path.join(__dirname, "..", "..");

/** What one run of `plan` printed, and its exit code. */
export interface PlanResult {
  readonly code: number | null;
  readonly stdout: string;
  /** Standard error without the progress lines, which depend on the machine's speed. */
  readonly stderr: string;
}

/** Runs `bin/incident-manager-plan` (the file `npm run plan` runs) with `args` in `cwd`. */
export function runPlan(args: readonly string[], cwd = ROOT): Promise<PlanResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "bin", "incident-manager-plan"), ...args],
      {
        cwd,
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    // A progress line is printed only when a step is slow, as `plan: <step> (<seconds> s)`.
    child.on("close", (code) =>
      resolve({ code, stdout, stderr: stderr.replace(/^plan: .* \(\d+\.\d s\)\n/gm, "") }),
    );
  });
}
