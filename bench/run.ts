/**
 * `npm run bench`: every measurement in a fresh child process, the median of several runs, the
 * ratios the targets are stated in, written to BENCHMARKS.md. `BENCH_RUNS` sets the number of
 * runs (default 5).
 *
 * It runs compiled (`tsc`, then `node dist/bench/run.js`), and so does every measurement: under
 * ts-node, Pulumi's stack trace for each resource and Output is remapped through source maps,
 * which costs the components (more Outputs) more than the floor and measures the loader, not
 * our code. The policy packs run compiled, as `pulumi preview --policy-pack` runs them.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CapturedResource } from "../testing";
import { ALARM_TYPE, longestChain, MINIMUM_CHAIN } from "./criticalPath";
import type { Measurement } from "./measure";
import { organisation } from "./organisation";
import { REPO_ROOT } from "./paths";

const SIZES = [10, 100, 1000] as const;
/** The organisation the policy packs are timed on. */
const POLICY_SIZE = 100;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
/** The targets of the two start ratios. */
const START_TARGET = 1.2;
const PLAN_TARGET = 1.5;
/** When `plan`'s timelines and coverage start, fixed so that every run does the same work. */
const PLAN_AT = "2026-06-01T00:00:00Z";
// Before anything is created: the measurements are compiled, next to this file.
if (path.extname(__filename) !== ".js") {
  throw new Error("run the compiled benchmarks: npm run bench (tsc, then node dist/bench/run.js)");
}
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), "incident-manager-bench-"));

function measure(...args: string[]): Measurement {
  const out = execFileSync(process.execPath, [path.join(__dirname, "measure.js"), ...args], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const m = JSON.parse(out.trim().split("\n").pop()!) as Measurement;
  process.stderr.write(`${args.join(" ")}: ${m.ms.toFixed(0)} ms, ${m.resources} resources\n`);
  return m;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const captureFile = (members: number) => path.join(WORK, `organisation-${members}.json`);
const fmt = (n: number, digits = 2) => n.toFixed(digits);

function main(): void {
  const began = Date.now();
  const load = os.loadavg();
  const componentMs = new Map<number, number[]>();
  const floorMs = new Map<number, number[]>();
  const counts = new Map<number, number>();
  let peakRss = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const members of SIZES) {
      const c = measure(
        "components",
        String(members),
        ...(run === 0 ? [captureFile(members)] : []),
      );
      const f = measure("floor", captureFile(members));
      componentMs.set(members, [...(componentMs.get(members) ?? []), c.ms]);
      floorMs.set(members, [...(floorMs.get(members) ?? []), f.ms]);
      counts.set(members, c.resources);
      if (members === 1000) peakRss = Math.max(peakRss, c.peakRssMiB);
    }
  }
  const fullMs: number[] = [];
  const trivialMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    fullMs.push(measure("policy", "full", captureFile(POLICY_SIZE)).ms);
    trivialMs.push(measure("policy", "trivial", captureFile(POLICY_SIZE)).ms);
  }
  // The packs' start and plan against its floor, each pair interleaved so load hits both alike.
  const startMs = { full: [] as number[], trivial: [] as number[] };
  const firstAnalyzeMs = { full: [] as number[], trivial: [] as number[] };
  const planMs: number[] = [];
  const planFloorMs: number[] = [];
  const planDir = path.join(WORK, "plan");
  fs.mkdirSync(planDir);
  let planResources = 0;
  for (let run = 0; run < RUNS; run++) {
    for (const pack of ["full", "trivial"] as const) {
      const m = measure("start", pack, captureFile(POLICY_SIZE));
      startMs[pack].push(m.ms);
      firstAnalyzeMs[pack].push(m.firstAnalyzeMs!);
    }
    const p = measure("plan", planDir, PLAN_AT);
    planResources = p.resources;
    planMs.push(p.ms);
    planFloorMs.push(measure("plan-floor").ms);
  }
  const chains = SIZES.map((members) => {
    const recorded = JSON.parse(
      fs.readFileSync(captureFile(members), "utf8"),
    ) as CapturedResource[];
    return {
      members,
      overall: longestChain(recorded),
      toAlarm: longestChain(recorded, (r) => r.type === ALARM_TYPE),
    };
  });
  fs.rmSync(WORK, { recursive: true, force: true });
  const loadAfter = os.loadavg();

  const med = (m: Map<number, number[]>, k: number) => median(m.get(k)!);
  const overhead = med(componentMs, 1000) / med(floorMs, 1000);
  const policyCount = counts.get(POLICY_SIZE)!;
  const fullRate = policyCount / (median(fullMs) / 1000);
  const trivialRate = policyCount / (median(trivialMs) / 1000);
  const scaling = med(componentMs, 1000) / med(componentMs, 100);
  const { overall, toAlarm } = chains[chains.length - 1];
  const alarmRatio = toAlarm.length / MINIMUM_CHAIN.length;
  const overallRatio = overall.length / MINIMUM_CHAIN.length;
  const verdict = (ok: boolean) => (ok ? "met" : "not met");
  const startRatio = median(startMs.full) / median(startMs.trivial);
  const planRatio = median(planMs) / median(planFloorMs);
  const minutes = (Date.now() - began) / 60_000;

  const rows = SIZES.map((members) => {
    const org = organisation(members);
    return (
      `| ${members} | ${org.teams.length} | ${org.responsePlans.length} | ${counts.get(members)} ` +
      `| ${fmt(med(componentMs, members), 0)} | ${fmt(med(floorMs, members), 0)} ` +
      `| ${fmt(med(componentMs, members) / med(floorMs, members))} ` +
      `| ${chains.find((c) => c.members === members)!.toAlarm.length} ` +
      `| ${chains.find((c) => c.members === members)!.overall.length} |`
    );
  });
  const text = [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/run.ts). Each figure is the median of " +
      `${RUNS} runs, each run in a fresh Node.js process under the Pulumi mocks of testing/capture.ts, ` +
      "from the compiled JavaScript (`tsc`, then `node dist/bench/measure.js`), the components and " +
      "the floor alike. The policy packs run compiled (their package.json `main` is in dist/), as " +
      "`pulumi preview --policy-pack` runs them.",
    "",
    "## Machine",
    "",
    `- ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), ` +
      `${fmt(os.totalmem() / 2 ** 30, 1)} GiB memory, Node.js ${process.version}, ${os.platform()} ${os.release()}`,
    `- Load average (1, 5, 15 min) when the run started: ${load.map((l) => fmt(l)).join(", ")}; ` +
      `when it ended: ${loadAfter.map((l) => fmt(l)).join(", ")}.`,
    `- The whole run took ${fmt(minutes, 1)} min (the \`tsc\` before it not counted).`,
    "",
    "## Command",
    "",
    "```sh",
    "npm ci && npm run bench        # BENCH_RUNS=5 npm run bench for more runs",
    "# npm run bench = tsc -p tsconfig.json && node dist/bench/run.js",
    "```",
    "",
    "## Ratios",
    "",
    "| Measure | Result | Target | |",
    "| --- | --- | --- | --- |",
    `| Component overhead at 1000 members (components / floor) | ${fmt(overhead)}× | ≤ 1.15× | ${verdict(overhead <= 1.15)} |`,
    `| Policy throughput, ${POLICY_SIZE} members (full pack time / one-rule pack time) | ${fmt(median(fullMs) / median(trivialMs))}× | ≤ 2× | ${verdict(median(fullMs) / median(trivialMs) <= 2)} |`,
    `| Scaling (time at 1000 members / time at 100) | ${fmt(scaling)} | ≤ 11 | ${verdict(scaling <= 11)} |`,
    `| Critical path (longest chain ending at an alarm / minimum chain) | ${toAlarm.length} / ${MINIMUM_CHAIN.length} = ${fmt(alarmRatio)} | 1.0 | ${verdict(alarmRatio <= 1)} |`,
    `| Longest chain overall / minimum chain | ${overall.length} / ${MINIMUM_CHAIN.length} = ${fmt(overallRatio)} | 1.0 | ${verdict(overallRatio <= 1)} |`,
    `| Policy pack start (full pack / one-rule pack, spawn to Configure's answer) | ${fmt(startRatio)}× | ≤ ${START_TARGET}× | ${verdict(startRatio <= START_TARGET)} |`,
    `| \`plan\` on the reference scenario / (node + plan's imports + the one-rule pack's start) | ${fmt(planRatio)}× | ≤ ${PLAN_TARGET}× | ${verdict(planRatio <= PLAN_TARGET)} |`,
    "",
    `Peak RSS of the 1000-member component run: ${fmt(peakRss, 0)} MiB.`,
    "",
    "## Raw figures",
    "",
    "| Members | Teams | Response plans | Resources | Components (ms) | Floor (ms) | Ratio | Longest chain to an alarm | Longest chain |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Policy packs over the analyzer protocol (Analyze for each resource, then one AnalyzeStack), ` +
      `${policyCount} resources: full pack ${fmt(median(fullMs), 0)} ms ` +
      `(${fmt(fullRate, 0)} resources/s), one-rule pack ${fmt(median(trivialMs), 0)} ms ` +
      `(${fmt(trivialRate, 0)} resources/s).`,
    "",
    "Policy pack start (a fresh pack process each run; spawn to the answer of Configure, which " +
      "follows GetAnalyzerInfo, as `pulumi preview --policy-pack` waits before it runs the " +
      "program; then the first Analyze of one resource, from the same spawn): " +
      `full pack ${fmt(median(startMs.full), 0)} ms (first Analyze answered at ` +
      `${fmt(median(firstAnalyzeMs.full), 0)} ms), one-rule pack ${fmt(median(startMs.trivial), 0)} ms ` +
      `(${fmt(median(firstAnalyzeMs.trivial), 0)} ms). Each run: full ` +
      `${startMs.full.map((m) => fmt(m, 0)).join(", ")}; one-rule ` +
      `${startMs.trivial.map((m) => fmt(m, 0)).join(", ")} ms.`,
    "",
    `\`plan\` on the reference scenario (\`node dist/plan/cli.js --reference --at ${PLAN_AT} ` +
      "--json <temporary dir>/plan.json`, text report to a file there; " +
      `${planResources} resources, the full pack), spawn to exit: ${fmt(median(planMs), 0)} ms; ` +
      "its floor (bench/planFloor.ts: node, @pulumi/pulumi, @pulumi/aws, @pulumi/aws-native and " +
      "the components loaded, the one-rule pack started over the same protocol and ended), spawn " +
      `to exit: ${fmt(median(planFloorMs), 0)} ms. Each run: plan ` +
      `${planMs.map((m) => fmt(m, 0)).join(", ")}; floor ${planFloorMs.map((m) => fmt(m, 0)).join(", ")} ms.`,
    "",
    "The longest chain ending at an alarm at 1000 members (of those of equal length, the first found):",
    "",
    ...toAlarm.map((r, i) => `${i + 1}. \`${r.type}\` ${r.name}`),
    "",
    "The longest chain overall at 1000 members:",
    "",
    ...overall.map((r, i) => `${i + 1}. \`${r.type}\` ${r.name}`),
    "",
    // What the figures mean and what was found is kept in bench/findings.md, so a new run keeps it.
    fs.readFileSync(path.join(REPO_ROOT, "bench", "findings.md"), "utf8").trimEnd(),
    "",
  ].join("\n");
  fs.writeFileSync(path.join(REPO_ROOT, "BENCHMARKS.md"), text);
  process.stdout.write(text);
}

main();
