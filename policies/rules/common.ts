/**
 * Pieces every rule shares: the type tokens of both providers, defensive readers for property
 * bags that may hold anything (or values still unknown during preview), config parsing, and the
 * reference resolution stack rules use to follow one resource to another.
 *
 * Rules read properties through these helpers only, so garbage never makes a rule throw. The one
 * exception is deliberate: reading a value that is unknown during `pulumi preview` throws the
 * SDK's `UnknownValueError`, which the SDK reports as "can't run policy ... during preview" at
 * advisory level. A rule never swallows that error, so it never passes silently on an unknown.
 */
import type {
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { z } from "zod";
import { GRAPH_TYPES, list, num, obj, str } from "../../components/graph/resources";

export { list, num, obj, str };

/** The type tokens of each resource kind, classic `@pulumi/aws` first, then `@pulumi/aws-native`. */
export const TYPES = {
  replicationSet: [
    "aws:ssmincidents/replicationSet:ReplicationSet",
    "aws-native:ssmincidents:ReplicationSet",
  ],
  // The response plans, contacts, channels, plans and rotations the graph follows.
  ...GRAPH_TYPES,
  alarm: [
    "aws:cloudwatch/metricAlarm:MetricAlarm",
    "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    "aws-native:cloudwatch:Alarm",
    "aws-native:cloudwatch:CompositeAlarm",
  ],
  eventTarget: ["aws:cloudwatch/eventTarget:EventTarget"],
  eventRule: ["aws-native:events:Rule"],
  namedEventRule: ["aws:cloudwatch/eventRule:EventRule", "aws-native:events:Rule"],
  role: ["aws:iam/role:Role", "aws-native:iam:Role"],
  rolePolicy: ["aws:iam/rolePolicy:RolePolicy", "aws-native:iam:RolePolicy"],
  /** A customer managed policy (classic `policy`, aws-native `policyDocument` and `roles`). */
  managedPolicy: ["aws:iam/policy:Policy", "aws-native:iam:ManagedPolicy"],
  /** What attaches a classic managed policy to roles: one role, or a list of `roles`. */
  policyAttachment: [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
  ],
} as const satisfies Record<string, readonly string[]>;

export type ResourceKind = keyof typeof TYPES;

/** True when `type` is one of the tokens of `kind`. */
export function isKind(type: string, kind: ResourceKind): boolean {
  return (TYPES[kind] as readonly string[]).includes(type);
}

/** True for an `@pulumi/aws-native` type token. */
export function isNative(type: string): boolean {
  return type.startsWith("aws-native:");
}

/**
 * One reader per item of `value` when it is an array (none otherwise), each reading its item only
 * when called: an item still unknown during preview throws only for the reference that reads it,
 * so `resolveReference` can follow it through property dependencies.
 */
export function itemReaders(value: unknown): (() => unknown)[] {
  if (!Array.isArray(value)) return [];
  return Array.from({ length: value.length }, (_, i) => () => (value as unknown[])[i]);
}

/** A short, bounded rendering of a received value for a violation message. */
export function show(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value));
  } catch {
    try {
      text = String(value);
    } catch {
      text = `a value of type ${typeof value}`; // e.g. a proxied boxed number
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A rule's config: a zod object whose every field has a default. `schema` is the JSON schema
 * the pack publishes, derived from it.
 */
export function configSchemaOf(shape: z.ZodObject): PolicyConfigSchema {
  const json = z.toJSONSchema(shape, { io: "input" }) as {
    properties?: PolicyConfigSchema["properties"];
  };
  return { properties: json.properties ?? {} };
}

/**
 * Reads a rule's config with the defaults of its zod schema applied. The engine validates config
 * against the published schema, so a bad value is rare; should one slip through, the defaults are
 * used and `onInvalid` hears why, so the rule still runs.
 */
export function readConfig<S extends z.ZodObject>(
  shape: S,
  raw: unknown,
  onInvalid?: (message: string) => void,
): z.output<S> {
  const parsed = shape.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  onInvalid?.(
    `The policy config is invalid (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}); the defaults are used instead.`,
  );
  return shape.parse({});
}

/**
 * Reports a note at advisory level, whatever the rule's own level: for what a mandatory rule lets
 * pass on purpose (an exemption), so that `pulumi preview` and `plan` still show it. The policy
 * SDK's server (1.21, `makeReportViolationFun` in server.js) takes an object in place of the
 * message, whose `enforcementLevel` applies to that one diagnostic, as the engine's own "can't run
 * during preview" notes do; its typings declare only the string form, hence the cast. The message
 * is the rule's description and the note, as the string form writes it.
 */
export function reportAdvisory(
  report: ReportViolation,
  rule: { readonly name: string; readonly description: string },
  note: string,
  urn?: string,
): void {
  const violation: AdvisoryViolation = {
    name: rule.name,
    description: rule.description,
    message: `${rule.description}\n${note}`,
    urn,
    enforcementLevel: "advisory",
  };
  (report as unknown as (v: AdvisoryViolation) => void)(violation);
}

/** The object form of a violation the policy SDK's server accepts (see {@link reportAdvisory}). */
export interface AdvisoryViolation {
  readonly name: string;
  readonly description: string;
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel: "advisory";
}

/** Metadata every rule in this pack carries. */
export interface RuleMetadata {
  readonly severity: NonNullable<ResourceValidationPolicy["severity"]>;
  readonly remediationSteps: string;
}

export type IncidentResourceRule = ResourceValidationPolicy & RuleMetadata;
export type IncidentStackRule = StackValidationPolicy & RuleMetadata;
export type IncidentRule = IncidentResourceRule | IncidentStackRule;

/**
 * A resource validation for several type tokens (the classic and native flavours of one AWS
 * resource). `validateResourceOfType` takes one class; this checks `args.type` against the set and
 * reports every other type as not applicable, as the SDK does for a single class.
 */
export function validateResourceOfKinds(
  kinds: readonly ResourceKind[],
  validate: (
    props: Record<string, unknown>,
    args: ResourceValidationArgs,
    reportViolation: ReportViolation,
  ) => void,
): (args: ResourceValidationArgs, reportViolation: ReportViolation) => void {
  return (args, reportViolation) => {
    if (!kinds.some((kind) => isKind(args.type, kind))) {
      args.notApplicable(
        `Policy only applies to resources of type ${kinds.flatMap((k) => TYPES[k]).join(", ")}`,
      );
    }
    validate(obj(args.props) ?? {}, args, reportViolation);
  };
}

const stackMemos = new WeakMap<readonly PolicyResource[], Map<string, unknown>>();

/**
 * `build()`, computed once per stack (its resources list) and `key`. Stack rules follow the same
 * references many times (every plan's owner, for every contact), so without this a stack rule's
 * time grew with the cube of the stack's size. A `build` that throws (a value unknown during
 * preview) is not remembered: the next call throws again.
 */
export function memoPerStack<T>(args: StackValidationArgs, key: string, build: () => T): T {
  let memo = stackMemos.get(args.resources);
  if (memo === undefined) {
    memo = new Map();
    stackMemos.set(args.resources, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = build();
  memo.set(key, value);
  return value;
}

/** Resources of the given kind in a stack. */
export function resourcesOf(args: StackValidationArgs, kind: ResourceKind): PolicyResource[] {
  return [
    ...memoPerStack(args, `kind ${kind}`, () => args.resources.filter((r) => isKind(r.type, kind))),
  ];
}

/** A resource's display name for messages: `<type> '<name>'`. */
export function label(resource: { type: string; name: string }): string {
  return `${resource.type.split(":").pop()} '${resource.name}'`;
}

/**
 * Finds the resource of `kind` that a reference points at: a string equal to its `arn` (or `id`,
 * `name`, `alias`, `roleName`, `policyArn`), or, when the string is still unknown during preview, the one resource of that
 * kind the property `viaProperty` depends on. Returns `undefined` for a reference to something
 * outside the stack, and throws the SDK's unknown-value error when it cannot tell.
 */
export function resolveReference(
  args: StackValidationArgs,
  from: PolicyResource,
  viaProperty: string,
  read: () => unknown,
  kind: ResourceKind,
): PolicyResource | undefined {
  let value: unknown;
  let unknownError: unknown;
  try {
    value = read();
  } catch (err) {
    unknownError = err;
  }
  if (unknownError === undefined) {
    const ref = str(value);
    if (ref === undefined) return undefined;
    return memoPerStack(args, `reference ${kind} ${ref}`, () =>
      resourcesOf(args, kind).find((c) => {
        const p = obj(c.props) ?? {};
        // aws-native names a role `roleName` and a managed policy's ARN `policyArn`.
        return [p.arn, p.id, p.name, p.alias, p.roleName, p.policyArn, c.urn].some(
          (v) => typeof v === "string" && v === ref,
        );
      }),
    );
  }
  const deps = (from.propertyDependencies?.[viaProperty] ?? []).filter((d) => isKind(d.type, kind));
  if (deps.length === 1) return deps[0];
  throw unknownError;
}

/** Tags of a resource in either flavour: a classic map, or a native `[{ key, value }]` list. */
export function tagsOf(props: Record<string, unknown>): Map<string, string> {
  const tags = new Map<string, string>();
  const raw = props.tags;
  if (Array.isArray(raw)) {
    for (const t of raw) {
      const tag = obj(t);
      const key = str(tag?.key);
      if (key !== undefined) tags.set(key, str(tag?.value) ?? "");
    }
  } else {
    for (const [k, v] of Object.entries(obj(raw) ?? {})) tags.set(k, str(v) ?? "");
  }
  return tags;
}
