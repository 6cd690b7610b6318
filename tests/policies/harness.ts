/**
 * Builds the args the policy SDK hands a rule, honestly: props wrapped in the SDK's
 * unknown-checking proxy, `isType`/`asType` that compare the class's type token, `notApplicable`
 * that throws as the SDK's does, `stackTags`, and config with the defaults of the rule's published
 * JSON schema applied the way the engine applies them.
 */
import type {
  PolicyResource,
  PolicyResourceOptions,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { unknownCheckingProxy } from "@pulumi/policy";
import type { IncidentRule } from "../../policies/rules";

/** Thrown by `notApplicable`, as the SDK's own is. */
export class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "not applicable");
  }
}

/** What running a rule produced. */
export interface Outcome {
  /** `level` is set for a violation reported with its own level (an advisory note). */
  readonly violations: { message: string; urn?: string; level?: string }[];
  readonly notApplicable?: string;
}

/**
 * The reportViolation the SDK's server hands a rule: a message and a URN, or the object form
 * with its own enforcement level, whose message starts with the rule's description as the
 * string form's does (kept out here, as the string form's is).
 */
function reporter(rule: IncidentRule, into: Outcome["violations"]) {
  return (message: unknown, urn?: string): void => {
    if (typeof message === "object" && message !== null) {
      const v = message as { message?: string; urn?: string; enforcementLevel?: string };
      const prefix = `${rule.description}\n`;
      const text = v.message ?? "";
      into.push({
        message: text.startsWith(prefix) ? text.slice(prefix.length) : text,
        urn: v.urn,
        level: v.enforcementLevel,
      });
    } else into.push({ message: message as string, urn });
  };
}

/** The rule's config: every schema default, then `overrides`. */
export function configFor(
  rule: IncidentRule,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rule.configSchema?.properties ?? {})) {
    if ("default" in schema) defaults[key] = structuredClone(schema.default);
  }
  return { ...defaults, ...overrides };
}

function typeOf(resourceClass: unknown): string | undefined {
  const token = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof token === "string" ? token : undefined;
}

/** Options for one resource fixture. */
export interface ResourceFixture {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly protect?: boolean;
  readonly parent?: string;
  /** Property name -> names of the fixtures it depends on (stack rules). */
  readonly propertyDependencies?: Record<string, string[]>;
}

/** The resource options the engine sends for a fixture (only `protect` varies here). */
function optionsOf(fixture: ResourceFixture): PolicyResourceOptions {
  return {
    protect: fixture.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  };
}

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::incident-manager::${type}::${name}`;
}

/** Runs a resource rule on one resource. */
export async function runResource(
  rule: IncidentRule,
  fixture: ResourceFixture,
  config: Record<string, unknown> = configFor(rule),
  stackTags: ReadonlyMap<string, string> = new Map([["env", "test"]]),
): Promise<Outcome> {
  const policy = rule as ResourceValidationPolicy;
  const violations: Outcome["violations"] = [];
  const props = unknownCheckingProxy(fixture.props) as Record<string, unknown>;
  const args: ResourceValidationArgs = {
    type: fixture.type,
    props,
    urn: urnOf(fixture.type, fixture.name),
    name: fixture.name,
    opts: { ...optionsOf(fixture), parent: fixture.parent },
    stackTags,
    isType: (cls) => typeOf(cls) === fixture.type,
    asType: ((cls: unknown) =>
      typeOf(cls) === fixture.type ? props : undefined) as ResourceValidationArgs["asType"],
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  const validations = [policy.validateResource ?? []].flat();
  try {
    for (const validate of validations) {
      await validate(args, reporter(rule, violations));
    }
  } catch (err) {
    if (err instanceof NotApplicable) return { violations, notApplicable: err.reason };
    throw err;
  }
  return { violations };
}

/** Builds the stack the SDK would: outputs proxied, parents and property dependencies linked. */
export function stackResources(fixtures: readonly ResourceFixture[]): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  const resources = fixtures.map((f) => {
    const props = unknownCheckingProxy(f.props) as Record<string, unknown>;
    const resource: PolicyResource = {
      type: f.type,
      name: f.name,
      urn: urnOf(f.type, f.name),
      props,
      opts: optionsOf(f),
      dependencies: [],
      propertyDependencies: {},
      isType: (cls) => typeOf(cls) === f.type,
      asType: ((cls: unknown) =>
        typeOf(cls) === f.type ? props : undefined) as PolicyResource["asType"],
    };
    byName.set(f.name, resource);
    return resource;
  });
  fixtures.forEach((f, i) => {
    const resource = resources[i];
    for (const [prop, names] of Object.entries(f.propertyDependencies ?? {})) {
      const deps = names.map((n) => byName.get(n)).filter((r) => r !== undefined);
      resource.propertyDependencies[prop] = deps;
      for (const d of deps) if (!resource.dependencies.includes(d)) resource.dependencies.push(d);
    }
    if (f.parent !== undefined) resource.parent = byName.get(f.parent);
  });
  return resources;
}

/** Runs a stack rule on a stack of fixtures. */
export async function runStack(
  rule: IncidentRule,
  fixtures: readonly ResourceFixture[],
  config: Record<string, unknown> = configFor(rule),
): Promise<Outcome> {
  const policy = rule as StackValidationPolicy;
  const violations: Outcome["violations"] = [];
  const args: StackValidationArgs = {
    resources: stackResources(fixtures),
    stackTags: new Map([["env", "test"]]),
    getConfig: <T extends object>() => config as T,
    notApplicable: (reason?: string): never => {
      throw new NotApplicable(reason);
    },
  };
  try {
    await policy.validateStack(args, reporter(rule, violations));
  } catch (err) {
    if (err instanceof NotApplicable) return { violations, notApplicable: err.reason };
    throw err;
  }
  return { violations };
}

/** Just the messages; a violation with its own level is prefixed with it (`[advisory] ...`). */
export function messages(outcome: Outcome): string[] {
  return outcome.violations.map((v) => (v.level === undefined ? "" : `[${v.level}] `) + v.message);
}
