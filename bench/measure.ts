/**
 * One measurement in a fresh process (a mocked Pulumi runtime belongs to its process). Run by
 * `bench/run.ts`, compiled, with plain `node dist/bench/measure.js`; prints one JSON line on stdout.
 *
 *   measure components <members> [capture.json]  build with the components, optionally save the capture
 *   measure floor <capture.json>                  register the same resources directly
 *   measure policy <full|trivial> <capture.json>  send the captured resources through a policy pack
 *   measure start <full|trivial> <capture.json>   a policy pack's start (see {@link start})
 *   measure plan <dir> <at>                       `plan` on the reference scenario, output in <dir>
 *   measure plan-floor                            node + plan's imports + the one-rule pack's start
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { performance } from "perf_hooks";
import type { CapturedResource } from "../testing";
import { PACKS, REPO_ROOT } from "./paths";

/** What a measurement prints. */
export interface Measurement {
  readonly ms: number;
  readonly resources: number;
  /** Peak resident set size of the measuring process, in MiB. */
  readonly peakRssMiB: number;
  /** `start` only: from the spawn to the answer of the first Analyze after Configure. */
  readonly firstAnalyzeMs?: number;
}

function report(ms: number, resources: number, extra: Partial<Measurement> = {}): void {
  const m: Measurement = {
    ms,
    resources,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    ...extra,
  };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

async function components(members: number, out?: string): Promise<void> {
  const { installCapture, settle } = await import("../testing");
  const capture = await installCapture();
  const im = await import("../components");
  const { organisation, buildWithComponents } = await import("./organisation");
  // The providers load each resource class's module on first use. The floor loads every class
  // the organisation uses before its timer starts (its table of classes); so do the components,
  // so that neither side times module loading.
  await import("./floor");
  const org = organisation(members);
  const start = performance.now();
  buildWithComponents(im, org);
  await settle();
  const ms = performance.now() - start;
  if (out) fs.writeFileSync(out, JSON.stringify(capture.resources));
  report(ms, capture.resources.length);
}

async function floor(file: string): Promise<void> {
  const { installCapture, settle } = await import("../testing");
  const capture = await installCapture();
  const { registerDirectly } = await import("./floor");
  const recorded = JSON.parse(fs.readFileSync(file, "utf8")) as CapturedResource[];
  const start = performance.now();
  registerDirectly(recorded);
  await settle();
  const ms = performance.now() - start;
  if (capture.resources.length !== recorded.length) {
    throw new Error(`the floor registered ${capture.resources.length} of ${recorded.length}`);
  }
  // The same graph: each resource waits for exactly what it waited for in the components' run.
  const graph = (resources: readonly CapturedResource[]) =>
    new Map(resources.map((r) => [r.urn, [...r.dependencies].sort().join(" ")]));
  const floorGraph = graph(capture.resources);
  for (const [urn, dependencies] of graph(recorded)) {
    if (floorGraph.get(urn) !== dependencies) {
      throw new Error(`the floor's ${urn} depends on other resources than the components' did`);
    }
  }
  report(ms, capture.resources.length);
}

async function policy(pack: string, file: string): Promise<void> {
  const { PolicyPackProcess } = await import("../plan/analyzer");
  if (pack !== "full" && pack !== "trivial") throw new Error(`unknown policy pack ${pack}`);
  const dir = PACKS[pack];
  const recorded = JSON.parse(fs.readFileSync(file, "utf8")) as CapturedResource[];
  const process_ = await PolicyPackProcess.start(dir);
  try {
    // Warm the pack up (module loading, first calls) before timing.
    await process_.analyze(recorded.slice(0, 20));
    await process_.analyzeStack(recorded.slice(0, 20));
    const start = performance.now();
    await process_.analyze(recorded);
    await process_.analyzeStack(recorded);
    report(performance.now() - start, recorded.length);
  } finally {
    await process_.close();
  }
}

/**
 * A policy pack's start: from spawning its process to the answer of Configure, the call that
 * follows GetAnalyzerInfo. That is what `pulumi preview --policy-pack` waits for before it runs
 * the program: the engine spawns each pack, asks GetAnalyzerInfo, reconciles the config and
 * calls Configure, and starts the program only when every pack has answered
 * (`installAndLoadPolicyPlugins` in pulumi/pulumi pkg/engine/update.go, step 2 of
 * `newUpdateSource`). The pack's config is the one it reports (`initialConfig`), as the engine
 * reconciles it with no config file. The first Analyze (one resource) is timed on from the same
 * spawn, so that work a pack put off until its first call still shows.
 */
async function start(pack: string, file: string): Promise<void> {
  const { PolicyPackProcess } = await import("../plan/analyzer");
  if (pack !== "full" && pack !== "trivial") throw new Error(`unknown policy pack ${pack}`);
  const first = (JSON.parse(fs.readFileSync(file, "utf8")) as CapturedResource[]).slice(0, 1);
  const t0 = performance.now();
  const process_ = await PolicyPackProcess.start(PACKS[pack]);
  try {
    const info = await process_.info();
    await process_.configure(info.initialConfig);
    const ms = performance.now() - t0;
    await process_.analyze(first);
    const firstAnalyzeMs = performance.now() - t0;
    report(ms, info.policies.length, { firstAnalyzeMs });
  } finally {
    await process_.close();
  }
}

/** Runs `node <script> ...args` in the repository and returns its wall time, spawn to exit. */
function timeProcess(script: string, args: readonly string[], stdoutFile?: string): number {
  const out = stdoutFile === undefined ? "ignore" : fs.openSync(stdoutFile, "w");
  try {
    const t0 = performance.now();
    const result = spawnSync(process.execPath, [script, ...args], {
      cwd: REPO_ROOT,
      stdio: ["ignore", out, "pipe"],
      encoding: "utf8",
    });
    const ms = performance.now() - t0;
    if (result.status !== 0) {
      throw new Error(
        `${path.relative(REPO_ROOT, script)} exited with ${result.status}\n${result.stderr}`,
      );
    }
    return ms;
  } finally {
    if (typeof out === "number") fs.closeSync(out);
  }
}

/**
 * `plan` as the published package runs it (`node dist/plan/cli.js`, compiled), on the reference
 * scenario (the package's Pulumi.dev.yaml), at `at`, with its text report and its JSON report
 * written in `dir`. Fails unless the report has resources and the full pack's results.
 */
async function plan(dir: string, at: string): Promise<void> {
  const json = path.join(dir, "plan.json");
  const ms = timeProcess(
    path.join(__dirname, "..", "plan", "cli.js"),
    ["--reference", "--at", at, "--json", json],
    path.join(dir, "plan.txt"),
  );
  const report_ = JSON.parse(fs.readFileSync(json, "utf8")) as {
    resourceCount: number;
    policies: { pack: string; policies: number };
  };
  if (report_.resourceCount === 0 || report_.policies.policies <= 1) {
    throw new Error(`plan ran no program or no full pack: ${JSON.stringify(report_.policies)}`);
  }
  report(ms, report_.resourceCount);
}

/** The floor of `plan`: bench/planFloor.ts, timed the same way. */
async function planFloor(): Promise<void> {
  report(timeProcess(path.join(__dirname, "planFloor.js"), []), 0);
}

async function main(argv: string[]): Promise<void> {
  const [mode, a, b] = argv;
  if (mode === "components") return components(Number(a), b);
  if (mode === "floor") return floor(a);
  if (mode === "policy") return policy(a, b);
  if (mode === "start") return start(a, b);
  if (mode === "plan") return plan(a, b);
  if (mode === "plan-floor") return planFloor();
  throw new Error(`unknown measurement ${mode}`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
