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
 * It runs the Pulumi project it is started in (the current folder's Pulumi.yaml, or the nearest
 * one above it), this package's reference project only inside its checkout or with
 * `--reference`, and prints `project: <dir>` first.
 *
 * Exit codes: 0 clean, 1 mandatory policy violations or adoption differences (unless
 * `--allow-adoption-changes`), 2 invalid config, options, policy config or snapshot (the error is
 * printed, without a stack trace), 3 anything else that went wrong. Every error is printed with
 * phone numbers and email addresses masked.
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

Runs a Pulumi project's program under Pulumi mocks and shows what it would create: the project
in the current folder (or the nearest folder above it with a Pulumi.yaml).

  --stack <name>             the stack whose Pulumi.<name>.yaml supplies config (default: dev)
  --config <key=value>       a config value, as \`pulumi config set <key> <value>\` would set
                             it (repeatable; a key without a namespace is the project's);
                             applied last, over the stack file or the spec file
  --spec <file>              a YAML or JSON file holding an incident-manager:spec value (or a
                             stack file whose config: holds it and its regions), run with this
                             package's config-driven stack instead of Pulumi.<stack>.yaml
  --program <dir>            another Pulumi project folder (an example) instead of the current one
  --reference                this package's reference project (Pulumi.dev.yaml's scenario)
  --policy-pack-config <file>  the policy pack's config, the JSON file pulumi preview
                             --policy-pack-config takes
  --at <time>                when timelines and coverage start, ISO 8601 (default: now)
  --json <file|->            also write the report as JSON (- for stdout, with no text)
  --svg <file|->             also write a week view of coverage and timelines as SVG
                             (- for stdout, with no text)
  --html <file|->            the same picture in an HTML page (- for stdout, with no text)
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
--allow-adoption-changes), 2 invalid config, options, policy config or snapshot, 3 other errors.`;

/** A command-line or input problem: exit 2, message only. */
class UsageError extends Error {}

interface Options {
  readonly stack: string;
  /** `--config key=value`, in the order given. */
  readonly config: readonly (readonly [string, string])[];
  readonly spec?: string;
  readonly program?: string;
  readonly reference: boolean;
  readonly policyPackConfig?: string;
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
        config: { type: "string", multiple: true },
        spec: { type: "string" },
        program: { type: "string" },
        reference: { type: "boolean" },
        "policy-pack-config": { type: "string" },
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
  if (v.reference && v.program !== undefined) {
    throw new UsageError(
      "--reference runs this package's reference project; it cannot be combined with --program",
    );
  }
  const config = (v.config ?? []).map((text) => {
    const eq = text.indexOf("=");
    if (eq <= 0) {
      throw new UsageError(
        `--config must be key=value, such as --config aws:region=eu-west-1; got ${JSON.stringify(text)}`,
      );
    }
    return [text.slice(0, eq), text.slice(eq + 1)] as const;
  });
  const stdoutUsers = (["json", "svg", "html"] as const).filter((k) => v[k] === "-");
  if (stdoutUsers.length > 1) {
    throw new UsageError(
      `only one output can go to stdout (-); got ${stdoutUsers.map((k) => `--${k} -`).join(" and ")}. Write the others to files.`,
    );
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
    config,
    spec: v.spec,
    program: v.program,
    reference: v.reference === true,
    policyPackConfig: v["policy-pack-config"],
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

/**
 * The stack config a spec file gives: a stack file's whole `config:` (its regions too; a key
 * without a namespace is the root project's, `incident-manager`), or `{ "incident-manager:spec":
 * ... }` for a file holding the spec at its top level or bare.
 */
function readSpecFile(file: string): Record<string, unknown> {
  let value: Record<string, unknown> | undefined;
  try {
    value = yaml.load(fs.readFileSync(file, "utf8")) as Record<string, unknown> | undefined;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  const config = value?.config;
  if (typeof config === "object" && config !== null && !Array.isArray(config)) {
    return Object.fromEntries(
      Object.entries(config).map(([k, v]) => [k.includes(":") ? k : `incident-manager:${k}`, v]),
    );
  }
  return { "incident-manager:spec": value?.["incident-manager:spec"] ?? value };
}

/**
 * Checks each output path before anything runs: its folder exists and may be written, and it is
 * not a folder itself. `-` is stdout.
 */
function checkOutputPaths(options: Options): void {
  const outputs = (["json", "svg", "html"] as const)
    .filter((k) => options[k] !== undefined && options[k] !== "-")
    .map((k) => [k, path.resolve(options[k]!)] as const);
  const problems: string[] = [];
  outputs.forEach(([k, file], i) => {
    const earlier = outputs.findIndex(([, f]) => f === file);
    if (earlier < i) {
      problems.push(`--${k} ${file} is also --${outputs[earlier][0]}'s file; give each its own.`);
      return;
    }
    const dir = path.dirname(file);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      problems.push(`--${k} ${file}: the folder ${dir} does not exist; create it first.`);
    } else if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
      problems.push(`--${k} ${file} is a folder; name a file in it.`);
    } else {
      try {
        fs.accessSync(fs.existsSync(file) ? file : dir, fs.constants.W_OK);
      } catch {
        problems.push(`--${k} ${file} cannot be written (no permission).`);
      }
    }
  });
  if (problems.length > 0) throw new UsageError(problems.join("\n"));
}

/**
 * A component's fix "Run `pulumi config set <key> <value>`" cannot be applied offline: the
 * error also says how to pass the same value to plan.
 */
function withOfflineFix(message: string): string {
  return message.replace(
    /Run `pulumi config set ([^\s`]+) ([^`]+)`/g,
    (all, key: string, value: string) => `${all} (for plan: \`--config ${key}=${value}\`)`,
  );
}

/** Where plan runs: the project folder, its entry (when not Pulumi.yaml's), and how it was found. */
function chooseProject(options: Options): { dir: string; entry?: string; why: string } {
  if (options.program !== undefined) {
    return { dir: path.resolve(options.program), why: "--program" };
  }
  if (options.spec !== undefined) {
    return {
      dir: ROOT,
      entry: ROOT_ENTRY,
      why: `this package's config-driven stack, with the spec from ${options.spec}`,
    };
  }
  if (options.reference) {
    return { dir: ROOT, entry: ROOT_ENTRY, why: "--reference: this package's reference project" };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findProjectDir } = require("./program") as typeof import("./program");
  const found = findProjectDir(process.cwd());
  if (found === undefined) {
    throw new UsageError(
      `no Pulumi.yaml in ${process.cwd()} or any folder above it. Run plan in a Pulumi project, or pass --program <dir>, --spec <file> or --reference (this package's reference scenario).`,
    );
  }
  if (path.resolve(found) === ROOT) {
    return { dir: ROOT, entry: ROOT_ENTRY, why: "this package's reference project" };
  }
  return { dir: found, why: "the nearest Pulumi.yaml" };
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
      ["ValidationError", "ProgramError", "InputPropertiesError", "PolicyConfigError"].includes(
        err.name,
      ))
  );
}

/**
 * Compiles TypeScript programs on the fly. From a checkout, with the repository's tsconfig and the
 * package's own name resolved to its sources (the examples import it); compiled, with ts-node from
 * the project that runs `plan`, if it has one.
 */
function registerTypeScript(projectDir: string): void {
  const registered = (process as unknown as Record<symbol, unknown>)[
    Symbol.for("ts-node.register.instance")
  ];
  if (COMPILED) {
    if (registered) return;
    try {
      // The project's own ts-node and tsconfig, as Pulumi runs a TypeScript program.
      const tsNode = require.resolve("ts-node", { paths: [projectDir, __dirname] });
      const tsconfig = path.join(projectDir, "tsconfig.json");
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(tsNode).register({
        transpileOnly: true,
        ...(fs.existsSync(tsconfig) ? { project: tsconfig } : {}),
      });
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
  // Status lines (the project, the files written) go with the text report, or to stderr when
  // stdout carries JSON, SVG or HTML (`-`).
  let status = (line: string) => process.stdout.write(`${line}\n`);
  try {
    const options = parseOptions(argv);
    if (options === "help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const toStdout = (["json", "svg", "html"] as const).find((k) => options[k] === "-");
    if (toStdout !== undefined) status = (line) => process.stderr.write(`${line}\n`);
    checkOutputPaths(options);
    const project = chooseProject(options);
    status(`project: ${project.dir} (${project.why})`);

    const { loadProject, runProgram } = await import("./program");
    const { buildReport, renderReport, policyResults } = await import("./report");
    const specConfig = options.spec === undefined ? {} : readSpecFile(options.spec);
    const projectName = loadProject({ projectDir: project.dir, stack: options.stack }).name;
    const source = {
      projectDir: project.dir,
      stack: options.stack,
      config: {
        ...specConfig,
        ...Object.fromEntries(
          options.config.map(([k, v]) => [k.includes(":") ? k : `${projectName}:${k}`, v]),
        ),
      },
      entry: project.entry,
      ignoreStackFile: options.spec !== undefined,
    };
    if (options.ics !== undefined) {
      const { icsDirProblem } = await import("./calendars");
      const problem = icsDirProblem(options.ics);
      if (problem !== undefined) throw new UsageError(problem);
    }
    const packConfigGiven =
      options.policyPackConfig === undefined
        ? {}
        : (await import("./policyConfig")).readPolicyPackConfig(options.policyPackConfig);
    if (path.extname(loadProject(source).entry) === ".ts") registerTypeScript(project.dir);
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
    let remediations: import("./remediation").PolicyRemediation[] = [];
    const configWarnings: string[] = [];
    if (options.policies) {
      show.step("starting the policy pack");
      const { withPolicyPack } = await import("./analyzer");
      const { reconcilePolicyPackConfig } = await import("./policyConfig");
      const { remediateAll } = await import("./remediation");
      policies = await withPolicyPack(async (pack) => {
        const info = await pack.info();
        const { config, warnings } = reconcilePolicyPackConfig(
          info.policies,
          info.initialConfig,
          packConfigGiven,
          options.policyPackConfig ?? "",
        );
        configWarnings.push(...warnings);
        await pack.configure(config);
        show.step("running the policy pack over the analyzer protocol");
        let resources = run.resources;
        const diagnostics = [];
        // Remediate is called only when a policy is at `remediate`: otherwise it changes nothing.
        if (Object.values(config).some((c) => c.enforcementLevel === "remediate")) {
          const remediated = await remediateAll(pack, resources);
          resources = remediated.resources;
          remediations = remediated.remediations;
          diagnostics.push(...remediated.diagnostics);
        }
        const analyzed = await pack.analyze(resources);
        const stacked = await pack.analyzeStack(resources);
        return policyResults(
          { name: info.name, version: info.version, policies: info.policies.length },
          [...diagnostics, ...analyzed.diagnostics, ...stacked.diagnostics],
        );
      });
    }
    show.done();

    const base = buildReport(
      run,
      policies,
      options.at,
      {
        ...(options.pricePerMessageUsd === undefined
          ? {}
          : { pricePerMessageUsd: options.pricePerMessageUsd }),
        ...(options.pagesPerMonth === undefined ? {} : { pagesPerMonth: options.pagesPerMonth }),
      },
      remediations,
    );
    const report = {
      ...base,
      warnings: [...new Set([...configWarnings, ...base.warnings])],
    };
    let adoption: import("./adopt/diff").AdoptionReport | undefined;
    let adoptionText = "";
    if (snapshot !== undefined) {
      const { diffAdoption, renderAdoption } = await import("./adopt/diff");
      adoption = diffAdoption(snapshot, run.resources);
      adoptionText = `\n${renderAdoption(adoption)}`;
    }
    const outputs: { option: string; file: string; what: string; text: () => string }[] = [];
    const json = () =>
      `${JSON.stringify(adoption === undefined ? report : { ...report, adoption }, null, 2)}\n`;
    if (options.json !== undefined) {
      outputs.push({ option: "json", file: options.json, what: "the JSON report", text: json });
    }
    if (options.svg !== undefined || options.html !== undefined) {
      const { renderSvg, renderHtml } = await import("./picture");
      const picture = { timeZone: options.timeZone };
      if (options.svg !== undefined) {
        const file = options.svg;
        outputs.push({
          option: "svg",
          file,
          what: "the SVG week view",
          text: () => renderSvg(report, picture),
        });
      }
      if (options.html !== undefined) {
        const file = options.html;
        outputs.push({
          option: "html",
          file,
          what: "the HTML week view",
          text: () => renderHtml(report, picture),
        });
      }
    }
    if (options.ics !== undefined) {
      const { writePlanCalendars } = await import("./calendars");
      process.stderr.write(`${writePlanCalendars(options.ics, run.components, options.at)}\n`);
    }
    if (toStdout === undefined) process.stdout.write(renderReport(report) + adoptionText);
    for (const o of outputs) {
      if (o.file === "-") {
        process.stdout.write(o.text());
      } else {
        fs.writeFileSync(o.file, o.text());
        status(`wrote ${o.file} (${o.what})`);
      }
    }
    const adoptionBlocks =
      adoption !== undefined && adoption.changes > 0 && !options.allowAdoptionChanges;
    return report.policies.mandatory > 0 || adoptionBlocks ? 1 : 0;
  } catch (err) {
    show.done();
    const { maskText } = await import("./mask");
    if (isInvalidInput(err)) {
      process.stderr.write(`${maskText(withOfflineFix((err as Error).message))}\n`);
      return 2;
    }
    const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`plan failed: ${maskText(text)}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(3),
  );
}
