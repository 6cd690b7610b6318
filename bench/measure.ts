/**
 * One measurement in a fresh process (a mocked Pulumi runtime belongs to its process). Run by
 * `bench/run.ts`, compiled, with plain `node dist/bench/measure.js`; prints one JSON line on stdout.
 *
 *   measure components <members> [capture.json]  build with the components, optionally save the capture
 *   measure floor <capture.json>                  register the same resources directly
 *   measure policy <full|trivial> <capture.json>  send the captured resources through a policy pack
 */
import * as fs from "fs";
import { performance } from "perf_hooks";
import type { CapturedResource } from "../testing";
import { PACKS } from "./paths";

/** What a measurement prints. */
export interface Measurement {
  readonly ms: number;
  readonly resources: number;
  /** Peak resident set size of the measuring process, in MiB. */
  readonly peakRssMiB: number;
}

function report(ms: number, resources: number): void {
  const m: Measurement = {
    ms,
    resources,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
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

async function main(argv: string[]): Promise<void> {
  const [mode, a, b] = argv;
  if (mode === "components") return components(Number(a), b);
  if (mode === "floor") return floor(a);
  if (mode === "policy") return policy(a, b);
  throw new Error(`unknown measurement ${mode}`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
