#!/usr/bin/env node
/**
 * `plan`: runs a stack's program offline under Pulumi mocks (no AWS, no Pulumi CLI) and prints
 * the resource tree, the paging timelines, the on-call coverage of the next 7 days, the policy
 * pack's results (run over the analyzer protocol, as `pulumi preview --policy-pack` does) and a
 * monthly cost estimate.
 *
 * With `--snapshot`, it also compares every resource that carries an import ID with the account's
 * snapshot (./adopt/diff.ts) and prints what the first `up` would change.
 *
 * Exit codes: 0 clean, 1 mandatory policy violations or adoption differences (unless
 * `--allow-adoption-changes`), 2 invalid config or snapshot (the error is printed, without a stack
 * trace), 3 anything else that went wrong.
 */
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import * as yaml from "js-yaml";
import { IANAZone } from "luxon";

/**
 * True when running compiled (`dist/plan/cli.js`, as the published package ships it), false when
 * running the TypeScript sources of a checkout.
 */
const COMPILED = path.extname(__filename) === ".js";
/** The package root: the root stack's project folder (Pulumi.yaml, Pulumi.dev.yaml). */
const ROOT = path.resolve(__dirname, COMPILED ? "../.." : "..");
/** The root stack's program when compiled (the sources' `main: stack` is not shipped). */
const ROOT_ENTRY = COMPILED ? path.join(__dirname, "..", "stack", "index.js") : undefined;

const USAGE = `Usage: plan [options]

Runs a stack's program under Pulumi mocks and shows what it would create.

  --stack <name>             the stack whose Pulumi.<name>.yaml supplies config (default: dev)
  --spec <file>              a YAML or JSON file holding an incident-manager:spec value,
                             run with the root config-driven stack
  --program <dir>            another Pulumi project folder (an example) instead of the root stack
  --at <time>                when timelines and coverage start, ISO 8601 (default: now)
  --json <file|->            also write the report as JSON (- for stdout, with no text)
  --svg <file>               also write a week view of coverage and timelines as SVG
  --html <file>              the same picture in an HTML page
  --tz <zone>                the picture's IANA time zone, e.g. Europe/London:
                             day lines at local midnight, local times (default: UTC)
  --ics <dir>                also write on-call calendars (iCalendar): one per
                             schedule, one per person, 28 days from --at
  --price-per-message <usd>  price of one SMS or voice message after the free 100 (default: 0.1)
  --pages-per-month <n>      expected pages per response plan per month (default: 10)
  --snapshot <file>          an adoption snapshot (incident-manager-adopt read
                             --write-snapshot): compare every resource with an
                             import ID with what the account holds
  --allow-adoption-changes   accept adopting with changes or replacements
                             (without it, any difference exits 1)
  --no-policies              skip the policy pack
  -h, --help                 this text

Exit codes: 0 clean, 1 mandatory policy violations or adoption differences (unless
--allow-adoption-changes), 2 invalid config or snapshot, 3 other errors.`;

/** A command-line or input problem: exit 2, message only. */
class UsageError extends Error {}

interface Options {
  readonly stack: string;
  readonly spec?: string;
  readonly program?: string;
  readonly at: Date;
  readonly json?: string;
  readonly svg?: string;
  readonly html?: string;
  readonly timeZone?: string;
  readonly ics?: string;
  readonly pricePerMessageUsd?: number;
  readonly pagesPerMonth?: number;
  readonly policies: boolean;
  readonly snapshot?: string;
  readonly allowAdoptionChanges: boolean;
}

function numberOption(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) {
    throw new UsageError(`--${name} must be a number of at least 0; got ${JSON.stringify(text)}`);
  }
  return n;
}

function parseOptions(argv: readonly string[]): Options | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        stack: { type: "string" },
        spec: { type: "string" },
        program: { type: "string" },
        at: { type: "string" },
        json: { type: "string" },
        svg: { type: "string" },
        html: { type: "string" },
        tz: { type: "string" },
        ics: { type: "string" },
        "price-per-message": { type: "string" },
        "pages-per-month": { type: "string" },
        "no-policies": { type: "boolean" },
        snapshot: { type: "string" },
        "allow-adoption-changes": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n\n${USAGE}`);
  }
  const v = parsed.values;
  if (v.help) return "help";
  if (v.spec !== undefined && v.program !== undefined) {
    throw new UsageError("--spec runs the root stack; it cannot be combined with --program");
  }
  const at = v.at === undefined ? new Date() : new Date(v.at);
  if (Number.isNaN(at.getTime())) {
    throw new UsageError(`--at must be an ISO 8601 time; got ${JSON.stringify(v.at)}`);
  }
  if (v.tz !== undefined && !IANAZone.isValidZone(v.tz)) {
    throw new UsageError(
      `--tz must be an IANA time zone such as Europe/London, Asia/Tokyo or UTC; got ${JSON.stringify(v.tz)}`,
    );
  }
  return {
    stack: v.stack ?? "dev",
    spec: v.spec,
    program: v.program,
    at,
    json: v.json,
    svg: v.svg,
    html: v.html,
    timeZone: v.tz,
    ics: v.ics,
    pricePerMessageUsd: numberOption("price-per-message", v["price-per-message"]),
    pagesPerMonth: numberOption("pages-per-month", v["pages-per-month"]),
    policies: !v["no-policies"],
    snapshot: v.snapshot,
    allowAdoptionChanges: v["allow-adoption-changes"] === true,
  };
}

/** Progress on stderr, shown only for steps that take longer than a moment. */
function progress(): { step(text: string): void; done(): void } {
  let timer: NodeJS.Timeout | undefined;
  const started = Date.now();
  return {
    step(text: string) {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        process.stderr.write(`plan: ${text} (${secs} s)\n`);
      }, 700);
      timer.unref();
    },
    done() {
      if (timer) clearTimeout(timer);
    },
  };
}

function readSpecFile(file: string): unknown {
  try {
    const text = fs.readFileSync(file, "utf8");
    const value = yaml.load(text) as Record<string, unknown> | undefined;
    // Either the spec itself, or a stack file holding it under config.
    const config = (value?.config ?? undefined) as Record<string, unknown> | undefined;
    return config?.["incident-manager:spec"] ?? value?.["incident-manager:spec"] ?? value;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** Reads and checks an adoption snapshot; a file that is not one is an input problem (exit 2). */
function readSnapshotFile(file: string): import("./adopt/snapshot").Snapshot {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseSnapshot } = require("./adopt/snapshot") as typeof import("./adopt/snapshot");
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  try {
    return parseSnapshot(value, file);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function isInvalidInput(err: unknown): boolean {
  return (
    err instanceof UsageError ||
    (err instanceof Error &&
      ["ValidationError", "ProgramError", "InputPropertiesError"].includes(err.name))
  );
}

/**
 * Compiles TypeScript programs on the fly. From a checkout, with the repository's tsconfig and the
 * package's own name resolved to its sources (the examples import it); compiled, with ts-node from
 * the project that runs `plan`, if it has one.
 */
function registerTypeScript(): void {
  const registered = (process as unknown as Record<symbol, unknown>)[
    Symbol.for("ts-node.register.instance")
  ];
  if (COMPILED) {
    if (registered) return;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require("ts-node").register({ transpileOnly: true });
    } catch {
      throw new UsageError(
        "plan runs a TypeScript program with ts-node, which is not installed here; got a .ts program. Install it (npm install --save-dev ts-node typescript) or run plan from a checkout of this repository.",
      );
    }
    return;
  }
  if (!registered) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require("ts-node").register({ transpileOnly: true, project: path.join(ROOT, "tsconfig.json") });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require("tsconfig-paths").register({
    baseUrl: ROOT,
    paths: { "pulumi-aws-incident-manager": ["components/index.ts"] },
  });
}

/** Runs `plan` and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const show = progress();
  try {
    const options = parseOptions(argv);
    if (options === "help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const { loadProject, runProgram } = await import("./program");
    const { buildReport, renderReport, policyResults } = await import("./report");
    const source = {
      projectDir: options.program === undefined ? ROOT : path.resolve(options.program),
      stack: options.stack,
      config:
        options.spec === undefined
          ? undefined
          : { "incident-manager:spec": readSpecFile(options.spec) },
      entry: options.program === undefined ? ROOT_ENTRY : undefined,
    };
    if (options.ics !== undefined) {
      const { icsDirProblem } = await import("./calendars");
      const problem = icsDirProblem(options.ics);
      if (problem !== undefined) throw new UsageError(problem);
    }
    if (path.extname(loadProject(source).entry) === ".ts") registerTypeScript();
    const snapshot =
      options.snapshot === undefined ? undefined : readSnapshotFile(options.snapshot);

    if (snapshot !== undefined) {
      // The adopting program runs with the credentials of the account it adopts.
      const { setMockAccount } = await import("../testing");
      const { snapshotAccount } = await import("./adopt/diff");
      setMockAccount(snapshotAccount(snapshot));
    }
    show.step("running the program under mocks");
    const run = await runProgram(source);

    let policies = policyResults({ name: "(not run)", version: "", policies: 0 }, []);
    if (options.policies) {
      show.step("starting the policy pack");
      const { withPolicyPack } = await import("./analyzer");
      policies = await withPolicyPack(async (pack) => {
        const info = await pack.info();
        await pack.configure({});
        show.step("running the policy pack over the analyzer protocol");
        const analyzed = await pack.analyze(run.resources);
        const stacked = await pack.analyzeStack(run.resources);
        return policyResults(
          { name: info.name, version: info.version, policies: info.policies.length },
          [...analyzed.diagnostics, ...stacked.diagnostics],
        );
      });
    }
    show.done();

    const report = buildReport(run, policies, options.at, {
      ...(options.pricePerMessageUsd === undefined
        ? {}
        : { pricePerMessageUsd: options.pricePerMessageUsd }),
      ...(options.pagesPerMonth === undefined ? {} : { pagesPerMonth: options.pagesPerMonth }),
    });
    let adoption: import("./adopt/diff").AdoptionReport | undefined;
    let adoptionText = "";
    if (snapshot !== undefined) {
      const { diffAdoption, renderAdoption } = await import("./adopt/diff");
      adoption = diffAdoption(snapshot, run.resources);
      adoptionText = `\n${renderAdoption(adoption)}`;
    }
    const json = `${JSON.stringify(adoption === undefined ? report : { ...report, adoption }, null, 2)}\n`;
    if (options.json === "-") {
      process.stdout.write(json);
    } else {
      process.stdout.write(renderReport(report) + adoptionText);
      if (options.json !== undefined) fs.writeFileSync(options.json, json);
    }
    if (options.svg !== undefined || options.html !== undefined) {
      const { renderSvg, renderHtml } = await import("./picture");
      const picture = { timeZone: options.timeZone };
      if (options.svg !== undefined) fs.writeFileSync(options.svg, renderSvg(report, picture));
      if (options.html !== undefined) fs.writeFileSync(options.html, renderHtml(report, picture));
    }
    if (options.ics !== undefined) {
      const { writePlanCalendars } = await import("./calendars");
      process.stderr.write(`${writePlanCalendars(options.ics, run.components, options.at)}\n`);
    }
    const adoptionBlocks =
      adoption !== undefined && adoption.changes > 0 && !options.allowAdoptionChanges;
    return report.policies.mandatory > 0 || adoptionBlocks ? 1 : 0;
  } catch (err) {
    show.done();
    if (isInvalidInput(err)) {
      process.stderr.write(`${(err as Error).message}\n`);
      return 2;
    }
    process.stderr.write(`plan failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(3),
  );
}
