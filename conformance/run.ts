/**
 * The conformance check: runs the reference scenario (the root stack with Pulumi.dev.yaml), every
 * example under `examples/` and the full-option specs in `conformance/specs/` under Pulumi mocks,
 * maps every registered resource to the API request its provider sends (or its CloudFormation
 * type), and validates every value against AWS's models (aws/models/constraints.json).
 *
 * `npm run conformance` prints each violation, then one summary line
 * (`conformance: N resources in M programs, K violations`), and exits 1 on any violation.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import { COVERED_TYPES, formatViolation, validateResource } from "../aws/requests";
import type { RequestViolation } from "../aws/requests";
import { MOCK_REGION } from "../testing";
import { loadProject, ProgramSource, runProgram } from "../plan/program";

const ROOT = path.resolve(__dirname, "..");

/** One program the check runs. */
export interface ConformanceProgram {
  /** How the summary names it: `reference scenario`, `examples/minimal-setup`, `specs/full-options`. */
  readonly label: string;
  readonly source: ProgramSource;
}

/** What the check found in one program. */
export interface ProgramResult {
  readonly label: string;
  /** Custom resources registered. */
  readonly resources: number;
  /** Of those, the ones whose type this check maps to AWS. */
  readonly checked: number;
  /** How many resources of each type were registered. */
  readonly types: Readonly<Record<string, number>>;
  /** Types registered that the check does not map (reported, not failed). */
  readonly unmapped: readonly string[];
  readonly violations: readonly RequestViolation[];
}

/** The reference scenario, every example, and every spec in conformance/specs/. */
export function conformancePrograms(): ConformanceProgram[] {
  const programs: ConformanceProgram[] = [
    { label: "reference scenario", source: { projectDir: ROOT, stack: "dev" } },
  ];
  const examples = path.join(ROOT, "examples");
  for (const name of fs.readdirSync(examples).sort()) {
    // TypeScript examples only: python-seed and yaml-seed run through the component provider.
    const dir = path.join(examples, name);
    if (fs.existsSync(path.join(dir, "Pulumi.yaml")) && fs.existsSync(path.join(dir, "index.ts"))) {
      programs.push({
        label: `examples/${name}`,
        source: { projectDir: path.join(examples, name), stack: "dev" },
      });
    }
  }
  const specs = path.join(ROOT, "conformance", "specs");
  for (const file of fs.readdirSync(specs).sort()) {
    if (!file.endsWith(".yaml")) continue;
    const stackFile = yaml.load(fs.readFileSync(path.join(specs, file), "utf8")) as {
      config?: Record<string, unknown>;
    };
    programs.push({
      label: `specs/${path.basename(file, ".yaml")}`,
      source: { projectDir: ROOT, stack: "dev", config: stackFile.config ?? {} },
    });
  }
  return programs;
}

/** The region a provider's resources land in without a `region` input: the stack's config. */
function providerRegions(source: ProgramSource): { aws: string; native: string } {
  const { config } = loadProject(source);
  const aws = config["aws:region"] ?? MOCK_REGION;
  return { aws, native: config["aws-native:region"] ?? aws };
}

/** Runs one program under the mocks and validates what it registered. */
export async function checkProgram(program: ConformanceProgram): Promise<ProgramResult> {
  const { entry } = loadProject(program.source);
  // The same program file may run several times (the root stack with each spec), and other code
  // in this process may load it too: load it afresh, and leave no copy behind.
  const file = require.resolve(path.resolve(entry));
  delete require.cache[file];
  // The program's stack config replaces the process's: put the caller's back afterwards.
  const config = pulumi.runtime.allConfig();
  let run;
  try {
    run = await runProgram(program.source);
  } finally {
    delete require.cache[file];
    pulumi.runtime.setAllConfig(config);
  }
  const regions = providerRegions(program.source);
  const providers = new Map(
    run.resources
      .filter((r) => r.type.startsWith("pulumi:providers:"))
      .map((r) => [`${r.urn}::${r.id ?? ""}`, r.inputs.region]),
  );
  const violations: RequestViolation[] = [];
  const unmapped = new Set<string>();
  const types: Record<string, number> = {};
  let resources = 0;
  let checked = 0;
  for (const r of run.resources) {
    if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
    resources++;
    types[r.type] = (types[r.type] ?? 0) + 1;
    const explicit = r.provider === undefined ? undefined : providers.get(r.provider);
    const providerRegion =
      typeof explicit === "string"
        ? explicit
        : r.type.startsWith("aws-native:")
          ? regions.native
          : regions.aws;
    const found = validateResource(r.type, r.name, r.inputs, { providerRegion });
    if (found === undefined) {
      unmapped.add(r.type);
      continue;
    }
    checked++;
    violations.push(...found);
  }
  return {
    label: program.label,
    resources,
    checked,
    types,
    unmapped: [...unmapped].sort(),
    violations,
  };
}

/** Runs every program in turn (they share one mocked runtime, so never concurrently). */
export async function runConformance(
  programs: readonly ConformanceProgram[] = conformancePrograms(),
): Promise<ProgramResult[]> {
  const results: ProgramResult[] = [];
  for (const program of programs) results.push(await checkProgram(program));
  return results;
}

/** `conformance: N resources in M programs, K violations`. */
export function summaryLine(results: readonly ProgramResult[]): string {
  const resources = results.reduce((n, r) => n + r.resources, 0);
  const violations = results.reduce((n, r) => n + r.violations.length, 0);
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `conformance: ${s(resources, "resource")} in ${s(results.length, "program")}, ${s(violations, "violation")}`;
}

/** Prints the violations and the summary; returns the exit code. */
export async function main(): Promise<number> {
  let results: ProgramResult[];
  try {
    results = await runConformance();
  } catch (err) {
    process.stderr.write(
      `conformance: a program failed to run: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 2;
  }
  for (const result of results) {
    for (const v of result.violations)
      process.stdout.write(`${result.label}: ${formatViolation(v)}\n`);
    if (result.unmapped.length > 0) {
      process.stdout.write(
        `${result.label}: not checked (no mapping to AWS): ${result.unmapped.join(", ")}\n`,
      );
    }
  }
  process.stdout.write(`${summaryLine(results)}\n`);
  return results.some((r) => r.violations.length > 0) ? 1 : 0;
}

/** The type tokens the check maps, for the README. */
export { COVERED_TYPES };

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    () => process.exit(2),
  );
}
