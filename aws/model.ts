/**
 * AWS's published constraints, read from `aws/models/constraints.json`: an extract that
 * `scripts/aws-constraints.py` writes from botocore's service models, botocore's endpoint data and
 * the CloudFormation registry schemas that cfn-lint ships. Nothing here is typed in by hand; CI
 * regenerates the extract from the installed models and fails if it differs from the committed one.
 *
 * This module imports nothing of ours: everything else reads AWS's rules through it.
 */
import extract from "./models/constraints.json";

/** One member of an API request shape, as botocore's service model gives it. */
export interface ApiMember {
  /** The botocore shape type: `string`, `integer`, `boolean`, `list`, `map`, `structure`, ... */
  readonly type: string;
  /** Minimum length (string), size (list, map) or value (number). */
  readonly min?: number;
  /** Maximum length (string), size (list, map) or value (number). */
  readonly max?: number;
  /** A pattern the whole value must match (Java regular expression syntax). */
  readonly pattern?: string;
  readonly enum?: readonly string[];
  /** Whether the enclosing structure requires this member. */
  readonly required?: boolean;
  /** AWS's documentation string for the member, as plain text. */
  readonly doc?: string;
  /** The shape refers back to itself; its members are listed once, higher up. */
  readonly recursive?: boolean;
}

/** One property of a CloudFormation resource type, as its registry schema gives it. */
export interface CfnProperty {
  readonly type?: string | readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly pattern?: string;
  readonly enum?: readonly (string | number)[];
  readonly required?: boolean;
  readonly recursive?: boolean;
}

/** A CloudFormation resource type's schema, flattened. */
export interface CfnType {
  readonly createOnly: readonly string[];
  readonly readOnly: readonly string[];
  readonly primaryIdentifier: readonly string[];
  readonly properties: Readonly<Record<string, CfnProperty>>;
}

/** The regions a partition's endpoint data lists for Incident Manager's two services. */
export interface PartitionRegions {
  readonly "ssm-incidents": readonly string[];
  readonly "ssm-contacts": readonly string[];
  /** Regions where both ssm-incidents and ssm-contacts have an endpoint. */
  readonly incidentManager: readonly string[];
}

/** The whole extract. */
export interface AwsConstraints {
  readonly generatedBy: string;
  readonly sources: {
    readonly botocore: string;
    readonly "cfn-lint": string;
    readonly apiVersions: Readonly<Record<string, string>>;
  };
  readonly regions: Readonly<Record<string, PartitionRegions>>;
  /** Request members by `<service>:<Operation>`, then member path (`Plan.Stages[].Targets[]`). */
  readonly api: Readonly<Record<string, Readonly<Record<string, ApiMember>>>>;
  /** CloudFormation types by name (`AWS::SSMContacts::Contact`). */
  readonly cloudformation: Readonly<Record<string, CfnType>>;
}

/** AWS's constraints, as extracted from the installed models. */
export const AWS_CONSTRAINTS: AwsConstraints = extract as unknown as AwsConstraints;

/**
 * A member of an API request, e.g. `apiMember("ssm-contacts:CreateContact", "Alias")`. Paths use
 * `.` for structure members, `[]` for list items, `{}` / `{key}` for map values / keys. Throws for
 * a path the model does not have: that is a mistake in our code, not in the user's input.
 */
export function apiMember(operation: string, path: string): ApiMember {
  const member = AWS_CONSTRAINTS.api[operation]?.[path];
  if (member === undefined) {
    throw new Error(`AWS's models have no member ${path} in ${operation}`);
  }
  return member;
}

/** A CloudFormation property, e.g. `cfnProperty("AWS::SSMContacts::Rotation", "Name")`. */
export function cfnProperty(typeName: string, path: string): CfnProperty {
  const property = AWS_CONSTRAINTS.cloudformation[typeName]?.properties[path];
  if (property === undefined) {
    throw new Error(`The CloudFormation schema of ${typeName} has no property ${path}`);
  }
  return property;
}

/** A CloudFormation resource type's flattened schema. */
export function cfnType(typeName: string): CfnType {
  const type = AWS_CONSTRAINTS.cloudformation[typeName];
  if (type === undefined) throw new Error(`No CloudFormation schema for ${typeName}`);
  return type;
}

const compiled = new Map<string, RegExp>();

/**
 * AWS's pattern as a JavaScript RegExp that must match the whole value, as AWS applies it.
 * AWS writes patterns in Java syntax; the Unicode flag is needed for `\p{L}` and friends, and
 * escapes that Java allows but Unicode-mode JavaScript refuses (`\_`, `\:`) are dropped: they
 * stand for the character itself in both.
 */
export function awsPattern(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (re === undefined) {
    re = new RegExp(`^(?:${unicodeSource(pattern)})$`, "u");
    compiled.set(pattern, re);
  }
  return re;
}

/**
 * Rewrites Java escapes that Unicode-mode JavaScript refuses: an escaped character that is not a
 * syntax character (`\_`, `\:`), and `\-` outside a character class, both mean the character.
 */
function unicodeSource(pattern: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\" && i + 1 < pattern.length) {
      const next = pattern[i + 1]!;
      const keep = /[A-Za-z0-9^$\\.*+?()[\]{}|/]/.test(next) || (next === "-" && inClass);
      out += keep ? c + next : next;
      i++;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** The regions where Incident Manager is offered in a partition (`aws`, `aws-cn`, ...). */
export function incidentManagerRegions(partition = "aws"): readonly string[] {
  return AWS_CONSTRAINTS.regions[partition]?.incidentManager ?? [];
}

/** A text rule: length bounds and, when AWS gives one, a pattern the whole value must match. */
export interface TextRule {
  readonly min: number;
  readonly max: number;
  /** AWS's pattern, compiled with {@link awsPattern}. */
  readonly pattern?: RegExp;
  /** AWS's pattern as AWS writes it, for messages. */
  readonly patternText?: string;
  /** Where the rule comes from, e.g. `ssm-contacts CreateContact Alias`. */
  readonly source: string;
}

/** Bounds of a number, a list or a map. `max` is `Infinity` where AWS gives none. */
export interface RangeRule {
  readonly min: number;
  readonly max: number;
  readonly source: string;
}

function sourceOfApi(operation: string, path: string): string {
  return `${operation.replace(":", " ")} ${path}`;
}

/** The text rule of an API member: `apiText("ssm-contacts:CreateContact", "Alias")`. */
export function apiText(operation: string, path: string): TextRule {
  const m = apiMember(operation, path);
  return {
    min: m.min ?? 0,
    max: m.max ?? Infinity,
    ...(m.pattern === undefined ? {} : { pattern: awsPattern(m.pattern), patternText: m.pattern }),
    source: sourceOfApi(operation, path),
  };
}

/** The bounds of an API member (a number, list or map). */
export function apiRange(operation: string, path: string): RangeRule {
  const m = apiMember(operation, path);
  return { min: m.min ?? 0, max: m.max ?? Infinity, source: sourceOfApi(operation, path) };
}

/** The text rule of a CloudFormation property: `cfnText("AWS::SSMContacts::Contact", "DisplayName")`. */
export function cfnText(typeName: string, path: string): TextRule {
  const p = cfnProperty(typeName, path);
  return {
    min: p.minLength ?? 0,
    max: p.maxLength ?? Infinity,
    ...(p.pattern === undefined ? {} : { pattern: awsPattern(p.pattern), patternText: p.pattern }),
    source: `${typeName} ${path}`,
  };
}

/** The bounds of a CloudFormation property (a number or an array). */
export function cfnRange(typeName: string, path: string): RangeRule {
  const p = cfnProperty(typeName, path);
  return {
    min: p.minimum ?? p.minItems ?? 0,
    max: p.maximum ?? p.maxItems ?? Infinity,
    source: `${typeName} ${path}`,
  };
}

/** True when `value` fits `rule`: its length within bounds and, if any, the whole of it matching. */
export function fitsText(rule: TextRule, value: string): boolean {
  // AWS's services count UTF-16 code units, as JavaScript's `length` does.
  return (
    value.length >= rule.min &&
    value.length <= rule.max &&
    (rule.pattern === undefined || rule.pattern.test(value))
  );
}

const compiledSchema = new Map<string, RegExp>();

/**
 * A CloudFormation registry schema's pattern as a JavaScript RegExp, with JSON Schema's meaning: the
 * pattern must match somewhere in the value (`^[^:]` in `AWS::CloudWatch::Alarm` Namespace only
 * constrains the first character). Schemas that mean the whole value anchor their pattern
 * themselves (`^[a-z0-9_\-]*$`).
 */
export function cfnPattern(pattern: string): RegExp {
  let re = compiledSchema.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(unicodeSource(pattern), "u");
    } catch {
      // Schemas written for UTF-16 code units (surrogate ranges such as \uD83C-\uDBFF) compile
      // only without the Unicode flag; they use no \p{...} classes.
      re = new RegExp(pattern);
    }
    compiledSchema.set(pattern, re);
  }
  return re;
}
