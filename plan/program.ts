/**
 * Finds a Pulumi program and its stack config, and runs it under the testing module's capture.
 */
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import * as pulumi from "@pulumi/pulumi";
import {
  BuiltComponent,
  Capture,
  CapturedResource,
  installCapture,
  recordComponents,
  settle,
  valueOf,
} from "../testing";

/** What to run: a project folder, its stack, and config to lay over the stack's file. */
export interface ProgramSource {
  /** The folder holding Pulumi.yaml. */
  readonly projectDir: string;
  /** The stack whose `Pulumi.<stack>.yaml` supplies config. */
  readonly stack: string;
  /** Extra config values (`namespace:key` to value), applied last. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** The program's entry file, instead of the one Pulumi.yaml's `main` names. */
  readonly entry?: string;
  /** Leave `Pulumi.<stack>.yaml` unread: `config` is the whole stack config (`--spec`). */
  readonly ignoreStackFile?: boolean;
}

/**
 * The folder of the Pulumi project `plan` runs in: `dir` if it holds a Pulumi.yaml, else the
 * nearest folder above it that does (as the Pulumi CLI looks for its project), or undefined.
 */
export function findProjectDir(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, "Pulumi.yaml"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The program a Node.js Pulumi project runs: Pulumi.yaml's `main` (a file, or a folder, default
 * the project folder); in a folder, its package.json `main`, else index.ts, else index.js.
 */
export function programEntry(projectDir: string, main: string | undefined): string {
  const target = path.resolve(projectDir, main ?? ".");
  if (!fs.existsSync(target) || !fs.statSync(target).isDirectory()) return target;
  const pkgFile = path.join(target, "package.json");
  if (fs.existsSync(pkgFile)) {
    const pkgMain = (readJson(pkgFile) as { main?: unknown } | undefined)?.main;
    if (typeof pkgMain === "string") {
      const resolved = path.resolve(target, pkgMain);
      for (const candidate of [resolved, `${resolved}.ts`, `${resolved}.js`]) {
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      }
      for (const index of ["index.ts", "index.js"]) {
        if (fs.existsSync(path.join(resolved, index))) return path.join(resolved, index);
      }
      return resolved;
    }
  }
  for (const index of ["index.ts", "index.js"]) {
    if (fs.existsSync(path.join(target, index))) return path.join(target, index);
  }
  return path.join(target, "index.ts");
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ProgramError(`cannot read ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** A program that ran. */
export interface ProgramRun {
  readonly project: string;
  readonly stack: string;
  readonly resources: readonly CapturedResource[];
  readonly warnings: readonly string[];
  /** The program's stack outputs, resolved. */
  readonly outputs: Readonly<Record<string, unknown>>;
  /** Every component instance the program built, in the order they finished, by name. */
  readonly components: readonly BuiltComponent[];
}

export type { BuiltComponent };

/** A project or stack file that cannot be read: exit code 2, like invalid config. */
export class ProgramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProgramError";
    this.stack = `${this.name}: ${message}`;
  }
}

interface ProjectFile {
  name?: string;
  main?: string;
}

function readYaml(file: string): unknown {
  try {
    return yaml.load(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new ProgramError(`cannot read ${file}: ${(err as Error).message.split("\n")[0]}`);
  }
}

/** Reads Pulumi.yaml and the stack's config file; returns the entry file and flat config. */
export function loadProject(source: ProgramSource): {
  name: string;
  entry: string;
  config: Record<string, string>;
  /** Keys holding a `secure:` value (structured ones with `[secret]` placeholders). */
  secretKeys: string[];
} {
  const projectFile = path.join(source.projectDir, "Pulumi.yaml");
  if (!fs.existsSync(projectFile)) {
    throw new ProgramError(`no Pulumi.yaml in ${source.projectDir}`);
  }
  const project = (readYaml(projectFile) ?? {}) as ProjectFile;
  const name = project.name ?? path.basename(source.projectDir);
  const entry = source.entry ?? programEntry(source.projectDir, project.main);
  if (!fs.existsSync(entry)) throw new ProgramError(`the program ${entry} does not exist`);

  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const setFlat = (key: string, value: unknown) => {
    if (isSecure(value)) {
      // Encrypted values cannot be read offline; the program sees them as unset.
      return;
    }
    if (typeof value === "string") {
      config[key] = value;
      return;
    }
    // A structured value with `secure:` leaves (`pulumi config set --secret --path`): each leaf
    // becomes a `[secret]` placeholder, and the key is marked secret, as Pulumi marks it.
    const { value: shown, secure } = placeholders(value);
    config[key] = JSON.stringify(shown);
    if (secure && !secretKeys.includes(key)) secretKeys.push(key);
  };
  const stackFile = path.join(source.projectDir, `Pulumi.${source.stack}.yaml`);
  if (!source.ignoreStackFile && fs.existsSync(stackFile)) {
    const stack = (readYaml(stackFile) ?? {}) as { config?: Record<string, unknown> };
    for (const [key, value] of Object.entries(stack.config ?? {})) {
      setFlat(key.includes(":") ? key : `${name}:${key}`, value);
    }
  }
  for (const [key, value] of Object.entries(source.config ?? {})) setFlat(key, value);
  return { name, entry, config, secretKeys };
}

/** The placeholder `plan` puts where a stack file holds a value it cannot decrypt. */
export const SECRET_PLACEHOLDER = "[secret]";

function isSecure(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { secure?: unknown }).secure === "string"
  );
}

/** `value` with every `{ secure: ... }` leaf replaced by {@link SECRET_PLACEHOLDER}. */
function placeholders(value: unknown): { value: unknown; secure: boolean } {
  if (isSecure(value)) return { value: SECRET_PLACEHOLDER, secure: true };
  if (Array.isArray(value)) {
    const items = value.map(placeholders);
    return { value: items.map((i) => i.value), secure: items.some((i) => i.secure) };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => [k, placeholders(v)] as const);
    return {
      value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])),
      secure: entries.some(([, v]) => v.secure),
    };
  }
  return { value, secure: false };
}

/**
 * Runs the program under mocks and returns what it registered. Errors thrown by the program
 * (a ValidationError above all) propagate unchanged.
 */
export async function runProgram(source: ProgramSource): Promise<ProgramRun> {
  const { name, entry, config, secretKeys } = loadProject(source);
  const capture: Capture = await installCapture({ project: name, stack: source.stack });
  // The report lists the program's warnings; the SDK would print each to stderr as well.
  pulumi.log.warn = (msg: string) => {
    capture.warnings.push(msg);
    return Promise.resolve();
  };
  pulumi.runtime.setAllConfig(config, secretKeys);
  const components = recordComponents();
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(path.resolve(entry)) as Record<string, unknown>;
    const outputs: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(exported ?? {})) {
      if (key === "__esModule") continue;
      outputs[key] = await valueOf(value as pulumi.Output<unknown>);
    }
    await settle();
    // The engine stops at a duplicate URN, whatever else the program did.
    if (capture.errors.length > 0) throw new Error(capture.errors[0]);
    if (failures.length > 0) throw failures[0];
    return {
      project: name,
      stack: source.stack,
      resources: capture.resources,
      warnings: capture.warnings,
      outputs,
      components: components.built,
    };
  } finally {
    components.stop();
    process.off("unhandledRejection", onRejection);
  }
}
