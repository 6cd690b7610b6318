/**
 * Raw Incident Manager resources as a graph that `plan` and the policy pack read the same way:
 * the SSM Contacts and SSM Incidents resources of both providers, their properties read
 * defensively, and the links between them (a contact ARN, a channel ARN, a rotation ARN) followed
 * by value or, while a value is still unknown during `pulumi preview`, through the property's
 * dependencies. A value that cannot be read is {@link Unknown}, never a guess.
 */

/** A resource as `plan` captures it or the policy SDK hands it to a stack rule. */
export interface GraphResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  /** Its properties (outputs); reading one still unknown in preview may throw. */
  readonly props: unknown;
  /** For each property, the resources its value came from. */
  readonly propertyDependencies?: Readonly<Record<string, readonly GraphResource[]>>;
}

/** The type tokens of the resources the graph follows, classic `@pulumi/aws` first. */
export const GRAPH_TYPES = {
  responsePlan: [
    "aws:ssmincidents/responsePlan:ResponsePlan",
    "aws-native:ssmincidents:ResponsePlan",
  ],
  contact: ["aws:ssmcontacts/contact:Contact", "aws-native:ssmcontacts:Contact"],
  contactChannel: [
    "aws:ssmcontacts/contactChannel:ContactChannel",
    "aws-native:ssmcontacts:ContactChannel",
  ],
  plan: ["aws:ssmcontacts/plan:Plan", "aws-native:ssmcontacts:Plan"],
  rotation: ["aws:ssm/contactsRotation:ContactsRotation", "aws-native:ssmcontacts:Rotation"],
} as const satisfies Record<string, readonly string[]>;

export type GraphKind = keyof typeof GRAPH_TYPES;

/** True when `type` is one of the tokens of `kind`. */
export function isGraphKind(type: string, kind: GraphKind): boolean {
  return (GRAPH_TYPES[kind] as readonly string[]).includes(type);
}

/** A plain object (not an array, not null), or undefined. */
export function obj(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** `value` when it is an array (holes read as undefined), else an empty array. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? Array.from(value) : [];
}

/** `value` when it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** `value` when it is a finite number, else undefined. */
export function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Something the graph could not read: a value unknown in preview, or a resource outside it. */
export interface Unknown {
  readonly unknown: true;
  /** What is unknown, for output (`the rotations of Contact 'sre-schedule'`). */
  readonly what: string;
  /** The error reading it threw (the policy SDK's unknown-value error), if it threw. */
  readonly error?: unknown;
}

/** True for an {@link Unknown}. */
export function isUnknown(value: unknown): value is Unknown {
  return obj(value)?.unknown === true && typeof obj(value)?.what === "string";
}

/** `read()`, or an {@link Unknown} naming `what` when reading throws (a value unknown in preview). */
export function attempt<T>(read: () => T, what: string): T | Unknown {
  try {
    return read();
  } catch (error) {
    return { unknown: true, what, error };
  }
}

/** A resource's display name for output: `<type> '<name>'`. */
export function labelOf(resource: { type: string; name: string }): string {
  return `${resource.type.split(":").pop()} '${resource.name}'`;
}

/** The part after `contact/` (or any last `/`) of an SSM Contacts ARN, if it is a string. */
export function aliasOfArn(arn: unknown): string | undefined {
  const text = str(arn);
  if (text === undefined) return undefined;
  const slash = text.lastIndexOf("/");
  return slash >= 0 ? text.slice(slash + 1) : text;
}

/** The resources of a stack, indexed for following references. */
export class ResourceGraph {
  private readonly byKind = new Map<GraphKind, GraphResource[]>();
  private readonly byRef = new Map<string, GraphResource | undefined>();

  constructor(readonly resources: readonly GraphResource[]) {}

  /** Reads a resource's properties (never throws; an unreadable bag is empty). */
  props(resource: GraphResource): Record<string, unknown> {
    const props = attempt(() => obj(resource.props), labelOf(resource));
    return isUnknown(props) ? {} : (props ?? {});
  }

  /** Reads one property of a resource; an {@link Unknown} when it is unknown in preview. */
  prop(resource: GraphResource, key: string): unknown {
    return attempt(() => this.props(resource)[key], `\`${key}\` of ${labelOf(resource)}`);
  }

  /** The resources of `kind`, in stack order. */
  ofKind(kind: GraphKind): GraphResource[] {
    let found = this.byKind.get(kind);
    if (found === undefined) {
      found = this.resources.filter((r) => isGraphKind(r.type, kind));
      this.byKind.set(kind, found);
    }
    return [...found];
  }

  /** A contact's type: PERSONAL, ESCALATION or ONCALL_SCHEDULE (same field in both flavours). */
  contactType(contact: GraphResource): string | undefined {
    const type = this.prop(contact, "type");
    return isUnknown(type) ? undefined : str(type);
  }

  /** A string property, or undefined (also when unknown). */
  text(resource: GraphResource, key: string): string | undefined {
    const value = this.prop(resource, key);
    return isUnknown(value) ? undefined : str(value);
  }

  /**
   * The resource of `kind` a reference points at: a string equal to its `arn` (or `id`, `name`,
   * `alias`, URN); or, when the reference is still unknown in preview, the one resource of that
   * kind that the property `viaProperty` of `from` depends on. Undefined for a reference to
   * something outside the stack; an {@link Unknown} when it cannot tell.
   */
  resolve(
    from: GraphResource,
    viaProperty: string,
    read: () => unknown,
    kind: GraphKind,
    what: string,
  ): GraphResource | undefined | Unknown {
    const value = attempt(read, what);
    if (!isUnknown(value)) {
      const ref = str(value);
      if (ref === undefined) return undefined;
      const key = `${kind} ${ref}`;
      if (!this.byRef.has(key)) {
        this.byRef.set(
          key,
          this.ofKind(kind).find((r) => {
            const p = this.props(r);
            return ["arn", "id", "name", "alias"].some((k) => {
              const v = attempt(() => p[k], k);
              return typeof v === "string" && v === ref;
            });
          }) ?? this.ofKind(kind).find((r) => r.urn === ref),
        );
      }
      return this.byRef.get(key);
    }
    const deps = (from.propertyDependencies?.[viaProperty] ?? []).filter((d) =>
      isGraphKind(d.type, kind),
    );
    return deps.length === 1 ? deps[0] : value;
  }
}
