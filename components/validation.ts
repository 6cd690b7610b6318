/**
 * The validation core every component shares.
 *
 * Each component describes its args with a zod schema and calls {@link validateArgs} first thing in
 * its constructor. Every broken rule is collected and thrown once, as a {@link ValidationError}
 * (a `pulumi.InputPropertiesError`, which the engine prints without a stack trace), before any
 * child resource is registered. A field that accepts a `pulumi.Input` is wrapped in {@link input}:
 * a plain value is checked at once, an Output is checked with the same schema when it resolves,
 * and fails the deployment with a message in the same format.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nearestKey } from "./nearestKey";

/** A location inside the args object, e.g. `["members", 2, "channels", 0, "address"]`. */
export type FieldPath = readonly PropertyKey[];

/** One broken rule. `message` completes "`path` ...": the rule, the value received, what to do. */
export interface ValidationIssue {
  readonly path: FieldPath;
  readonly message: string;
}

/** Where a component's args came from, used to name the component and the fields in errors. */
export interface ValidationContext {
  /** The component's class name, e.g. `IncidentManagerSetup`. */
  readonly component: string;
  /** The resource name given to the component. */
  readonly name: string;
  /**
   * A prefix for every field path, when the args were read from somewhere else (for example a
   * stack config value such as `incident-manager:spec.teams[0]`).
   */
  readonly pathPrefix?: string;
}

const MAX_SHOWN = 80;

/**
 * Renders a field path the way a user writes it: `members[2].channels[0].address`. A key longer
 * than 80 characters (a tag key of 10 MB) is cut short.
 */
export function formatPath(path: FieldPath, prefix?: string): string {
  let out = prefix ?? "";
  for (const key of path) {
    if (typeof key === "number") {
      out += `[${key}]`;
    } else {
      const text = String(key);
      out += /^[A-Za-z_$][\w$-]{0,79}$/.test(text)
        ? `${out === "" ? "" : "."}${text}`
        : text.length > MAX_SHOWN
          ? `[${JSON.stringify(`${text.slice(0, MAX_SHOWN)}…`)}]`
          : `[${JSON.stringify(text)}]`;
    }
  }
  return out === "" ? "(args)" : out;
}

/** Renders a received value for an error message: short, typed, never a stack of JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    const suffix = value.length > MAX_SHOWN ? ` (${value.length} characters)` : "";
    return `${JSON.stringify(shown)}${suffix}`;
  }
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  if (pulumi.Output.isInstance(value)) return "an Output";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (json === undefined) return "an object";
  return json.length > MAX_SHOWN ? `${json.slice(0, MAX_SHOWN)}…` : json;
}

/** The error every component throws for invalid args. The engine prints it without a stack trace. */
export class ValidationError extends pulumi.InputPropertiesError {
  /** The component's class name. */
  public readonly component: string;
  /** The component's resource name. */
  public readonly resourceName: string;
  /** Every rule broken, in the order found. */
  public readonly issues: readonly ValidationIssue[];

  constructor(context: ValidationContext, issues: readonly ValidationIssue[]) {
    const lines = issues.map(
      (issue) => `\`${formatPath(issue.path, context.pathPrefix)}\` ${issue.message}`,
    );
    const head = `${context.component} '${context.name}'`;
    const message =
      lines.length === 1
        ? `${head}: ${lines[0]}`
        : `${head} has ${lines.length} invalid inputs:\n${lines.map((l) => `  - ${l}`).join("\n")}`;
    super({
      message,
      errors: issues.map((issue) => ({
        propertyPath: formatPath(issue.path, context.pathPrefix),
        reason: issue.message,
      })),
    });
    this.name = "ValidationError";
    this.component = context.component;
    this.resourceName = context.name;
    this.issues = issues;
    // The message says everything; a stack trace would only hide it.
    this.stack = `${this.name}: ${message}`;
  }

  /** True for any ValidationError, even one from another copy of this package. */
  static isValidationError(err: unknown): err is ValidationError {
    return err instanceof Error && err.name === "ValidationError" && "issues" in err;
  }
}

/** A value that was an Output at construction, waiting to be checked when it resolves. */
class PendingCheck {
  constructor(
    readonly value: pulumi.Output<unknown>,
    readonly schema: z.ZodType,
  ) {}
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/**
 * Wraps the schema of a field that accepts a `pulumi.Input`. A plain value is checked now; an
 * Output (or a promise) is checked with the same schema when it resolves.
 */
export function input<S extends z.ZodType>(schema: S): z.ZodType<pulumi.Input<z.output<S>>> {
  return z.any().transform((value, ctx) => {
    if (pulumi.Output.isInstance(value) || isPromiseLike(value)) {
      return new PendingCheck(pulumi.output(value), schema) as unknown as pulumi.Input<z.output<S>>;
    }
    const result = schema.safeParse(value, PARSE);
    if (result.success) return result.data as pulumi.Input<z.output<S>>;
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, code: "custom", message: toMessage(issue), input: value });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<pulumi.Input<z.output<S>>>;
}

const UNKNOWN_FIELD = "has unknown field";

/**
 * "has unknown field `timezone`; check the spelling (did you mean `timeZone`?)": the hint names,
 * for each unknown key, the nearest of the object's keys not given (see ./nearestKey.ts).
 */
export function unknownKeysMessage(keys: readonly string[], known: readonly string[]): string {
  const hints = keys.flatMap((key) => {
    const near = nearestKey(key, known);
    return near === undefined
      ? []
      : [keys.length > 1 ? `\`${near}\` for \`${key}\`` : `\`${near}\``];
  });
  const listed = keys.map((k) => `\`${k}\``).join(", ");
  const hint = hints.length === 0 ? "" : ` (did you mean ${hints.join(", ")}?)`;
  return `${UNKNOWN_FIELD}${keys.length > 1 ? "s" : ""} ${listed}; check the spelling${hint}`;
}

/**
 * A per-parse error hook (kept local to each parse, never a global error map): zod hands it the
 * strict object's own schema with an unknown-keys issue, so the message can name the nearest of
 * the keys that schema knows and the value did not give.
 */
export function knownKeysHint(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== "unrecognized_keys") return undefined;
  const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)
    ?._zod?.def?.shape;
  if (shape === undefined) return undefined;
  const input = issue.input;
  const given = typeof input === "object" && input !== null ? Object.keys(input) : [];
  const missing = Object.keys(shape).filter((k) => !given.includes(k));
  return unknownKeysMessage(issue.keys, missing);
}

/** The options every parse here uses: the received value in issues, and the known-keys hint. */
const PARSE = { reportInput: true, error: knownKeysHint } as const;

/** Turns one zod issue into "rule; got value. What to do." when the schema did not say it itself. */
function toMessage(issue: z.core.$ZodIssue): string {
  const received = (issue as { input?: unknown }).input;
  const own = issue.message;
  // Messages written by our schemas already follow the house format.
  if (issue.code === "custom" || / got /.test(own)) return own;
  switch (issue.code) {
    case "invalid_type":
      if (received === undefined) return `is required (${issue.expected})`;
      if (typeof received === "number" && (issue.expected === "number" || issue.expected === "int"))
        return `must be a finite number; got ${received}`;
      return `must be ${article(issue.expected)}; got ${describeValue(received)}`;
    case "unrecognized_keys":
      // The hint names the nearest known keys when the parse went through `knownKeysHint`.
      return own.startsWith(UNKNOWN_FIELD) ? own : unknownKeysMessage(issue.keys, []);
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}; got ${describeValue(received)}`;
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? "at least" : "at most";
      const limit = String(issue.code === "too_small" ? issue.minimum : issue.maximum);
      const noun =
        issue.origin === "string"
          ? "character"
          : issue.origin === "array" || issue.origin === "set"
            ? "item"
            : "";
      const unit = noun === "" ? "" : ` ${plural(Number(limit), noun)}`;
      const got =
        typeof received === "string"
          ? `${received.length} ${plural(received.length, "character")}`
          : Array.isArray(received)
            ? `${received.length}`
            : describeValue(received);
      return `must be ${bound} ${limit}${unit}; got ${got}`;
    }
    case "invalid_format":
      return `must be ${issue.format === "regex" ? `text matching ${issue.pattern}` : `a valid ${issue.format}`}; got ${describeValue(received)}`;
    case "invalid_union":
      return `${own.replace(/\.$/, "")}; got ${describeValue(received)}`;
    default:
      return `${own}; got ${describeValue(received)}`;
  }
}

/** `noun` for one, `nouns` for any other count. */
function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function article(expected: string): string {
  if (expected === "array") return "a list";
  if (expected === "object" || expected === "record") return "an object";
  if (expected === "int") return "a whole number";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Converts zod issues to ours. */
export function fromZodIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: toMessage(issue) }));
}

function replacePending(value: unknown, path: PropertyKey[], context: ValidationContext): unknown {
  // A frozen value (a contact reference) was passed through as it was given: zod never put a
  // pending check inside it, and it must not be written to.
  if (Object.isFrozen(value)) return value;
  if (value instanceof PendingCheck) {
    const { schema } = value;
    return value.value.apply((resolved) => {
      const result = schema.safeParse(resolved, PARSE);
      if (result.success) return result.data;
      throw new ValidationError(
        context,
        fromZodIssues(result.error.issues).map((i) => ({ ...i, path: [...path, ...i.path] })),
      );
    });
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      value[i] = replacePending(value[i], [...path, i], context);
    }
    return value;
  }
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      value[key] = replacePending(value[key], [...path, key], context);
    }
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Every own `__proto__` key in plain objects and arrays of `value`. zod's record and loose object
 * schemas drop such a key without a word, and assigning it elsewhere would replace an object's
 * prototype: it is reported instead. Iterative, so deep or cyclic junk cannot overflow the stack.
 */
function reservedKeys(value: unknown): ValidationIssue[] {
  interface Step {
    readonly node: unknown;
    readonly key?: PropertyKey;
    readonly up?: Step;
  }
  const pathOf = (step: Step): PropertyKey[] =>
    step.up === undefined ? [] : [...pathOf(step.up), step.key!];
  const issues: ValidationIssue[] = [];
  const seen = new Set<unknown>();
  const todo: Step[] = [{ node: value }];
  while (todo.length > 0) {
    const step = todo.pop()!;
    const { node } = step;
    if (seen.has(node) || !(Array.isArray(node) || isPlainObject(node))) continue;
    seen.add(node);
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (key === "__proto__") {
        issues.push({
          path: [...pathOf(step), key],
          message: `is a key JavaScript reserves for an object's prototype, so it would be dropped; got ${describeValue(record[key])}. Remove it.`,
        });
      } else {
        todo.push({ node: record[key], key: Array.isArray(node) ? Number(key) : key, up: step });
      }
    }
  }
  return issues;
}

/**
 * Parses a component's args with its schema. Returns the parsed args (defaults applied, values
 * normalized, Outputs wrapped so they are checked when they resolve) or throws one
 * {@link ValidationError} listing every broken rule.
 */
export function validateArgs<S extends z.ZodType>(
  schema: S,
  args: unknown,
  context: ValidationContext,
): z.output<S> {
  let result: ReturnType<S["safeParse"]>;
  try {
    const reserved = reservedKeys(args);
    if (reserved.length > 0) throw new ValidationError(context, reserved);
    result = schema.safeParse(args, PARSE) as ReturnType<S["safeParse"]>;
  } catch (err) {
    if (ValidationError.isValidationError(err)) throw err;
    // A getter that throws, a revoked proxy, a cycle: still one clear error, never a crash.
    throw new ValidationError(context, [
      { path: [], message: `could not be read: ${(err as Error)?.message ?? String(err)}` },
    ]);
  }
  if (!result.success) {
    throw new ValidationError(context, fromZodIssues(result.error.issues));
  }
  return replacePending(result.data, [], context) as z.output<S>;
}

/**
 * Checks a value that may still be an Output: now when it is known, or when it resolves. `check`
 * returns the broken rule (completing "`path` ...") or undefined.
 */
export function checkWhenKnown<T>(
  context: ValidationContext,
  path: FieldPath,
  value: pulumi.Input<T>,
  check: (value: T) => string | undefined,
): pulumi.Output<T> {
  return pulumi.output(value).apply((resolved) => {
    const message = check(resolved as T);
    if (message !== undefined) throw new ValidationError(context, [{ path, message }]);
    return resolved;
  }) as pulumi.Output<T>;
}

/**
 * A field that is either a string or an object form (e.g. a region name or `{ region, kms }`).
 * A string is checked with `short`, anything else with `full`, so each reports its own rule
 * instead of a vague "matches neither".
 */
export function stringOr<S extends z.ZodType, O extends z.ZodType>(
  short: S,
  full: O,
): z.ZodType<z.output<S> | z.output<O>> {
  return z.any().transform((value, ctx) => {
    const result = (typeof value === "string" ? short : full).safeParse(value, PARSE);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, code: "custom", message: toMessage(issue), input: value });
    }
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<S> | z.output<O>>;
}

/** Throws one ValidationError for issues found outside zod (e.g. by a cross-component check). */
export function fail(context: ValidationContext, issues: readonly ValidationIssue[]): never {
  throw new ValidationError(context, issues);
}
