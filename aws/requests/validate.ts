/**
 * Checks a request body against AWS's constraints for its operation or CloudFormation type:
 * required members, types, min/max lengths, sizes and values, enums and patterns. botocore's own
 * ParamValidator checks neither max nor pattern; this does. API patterns must match the whole value
 * (AWS applies them as Java's `matches`); CloudFormation patterns keep JSON Schema's meaning (a
 * match anywhere; schemas that mean the whole value anchor themselves).
 */
import { AWS_CONSTRAINTS, awsPattern, cfnPattern } from "../model";
import type { RequestTarget, RequestViolation, RuleKind } from "./types";
import { isObject, items, keysOf, maskAddress, read, UNKNOWN } from "./values";

/** The shape kinds a value can have. */
type Kind = "string" | "integer" | "number" | "boolean" | "list" | "map" | "structure" | "any";

interface Rule {
  readonly kinds: readonly Kind[];
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  readonly patternText?: string;
  readonly enum?: readonly (string | number)[];
  readonly required: boolean;
  readonly doc?: string;
}

interface Schema {
  /** `ssm-contacts:CreateContact` or `AWS::SSMContacts::Rotation`. */
  readonly name: string;
  readonly rules: ReadonlyMap<string, Rule>;
  /** Structure members of each path ("" is the request itself). */
  readonly members: ReadonlyMap<string, readonly string[]>;
  /** Properties AWS sets, never the caller (CloudFormation's read-only properties). */
  readonly readOnly: ReadonlySet<string>;
}

/** AWS's doc strings longer than this are left out of messages. */
const SHORT_DOC = 160;

const API_KINDS: Readonly<Record<string, Kind>> = {
  string: "string",
  timestamp: "any",
  blob: "string",
  integer: "integer",
  long: "integer",
  double: "number",
  float: "number",
  boolean: "boolean",
  list: "list",
  map: "map",
  structure: "structure",
};

function indexMembers(paths: readonly string[]): Map<string, string[]> {
  const members = new Map<string, string[]>();
  for (const path of paths) {
    const dot = path.lastIndexOf(".");
    const parent = dot < 0 ? "" : path.slice(0, dot);
    const child = dot < 0 ? path : path.slice(dot + 1);
    if (/[[{]/.test(child)) continue;
    if (!members.has(parent)) members.set(parent, []);
    members.get(parent)!.push(child);
  }
  return members;
}

const schemas = new Map<string, Schema>();

/** The compiled schema of a request target (compiled once, patterns included). */
function schemaOf(target: RequestTarget): Schema {
  const key = target.kind === "api" ? target.operation : target.typeName;
  let schema = schemas.get(key);
  if (schema !== undefined) return schema;
  const rules = new Map<string, Rule>();
  if (target.kind === "api") {
    const op = AWS_CONSTRAINTS.api[target.operation];
    if (op === undefined) throw new Error(`AWS's models have no operation ${target.operation}`);
    for (const [path, m] of Object.entries(op)) {
      rules.set(path, {
        kinds: [API_KINDS[m.type] ?? "any"],
        min: m.min,
        max: m.max,
        pattern: m.pattern === undefined ? undefined : awsPattern(m.pattern),
        patternText: m.pattern,
        enum: m.enum,
        required: m.required === true,
        doc: m.doc !== undefined && m.doc.length <= SHORT_DOC ? m.doc : undefined,
      });
    }
    schema = {
      name: target.operation,
      rules,
      members: indexMembers(Object.keys(op)),
      readOnly: new Set(),
    };
  } else {
    const type = AWS_CONSTRAINTS.cloudformation[target.typeName];
    if (type === undefined) throw new Error(`No CloudFormation schema for ${target.typeName}`);
    const members = indexMembers(Object.keys(type.properties));
    for (const [path, p] of Object.entries(type.properties)) {
      const types = p.type === undefined ? [] : Array.isArray(p.type) ? p.type : [p.type];
      const kinds: Kind[] = types.length === 0 ? ["any"] : [];
      for (const t of types) {
        if (t === "object") {
          kinds.push(
            members.has(path) ? "structure" : type.properties[`${path}{}`] ? "map" : "any",
          );
        } else if (t === "array") kinds.push("list");
        else if (t === "string" || t === "integer" || t === "number" || t === "boolean") {
          kinds.push(t);
        } else kinds.push("any");
      }
      rules.set(path, {
        kinds,
        min: p.minLength ?? p.minItems ?? p.minimum,
        max: p.maxLength ?? p.maxItems ?? p.maximum,
        pattern: p.pattern === undefined ? undefined : cfnPattern(p.pattern),
        patternText: p.pattern,
        enum: p.enum,
        required: p.required === true,
      });
    }
    schema = {
      name: target.typeName,
      rules,
      members,
      readOnly: new Set(type.readOnly),
    };
  }
  schemas.set(key, schema);
  return schema;
}

/** A received value for a message: JSON, bounded, addresses masked. */
export function render(value: unknown, address = false): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") {
    const masked = maskAddress(value, address);
    // Long values keep their end in view (an email's domain, an ARN's resource).
    const shown = masked.length > 80 ? `${masked.slice(0, 40)}...${masked.slice(-37)}` : masked;
    return JSON.stringify(shown);
  }
  let text: string;
  try {
    text =
      JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" ? maskAddress(v) : v)) ??
      String(value);
  } catch {
    try {
      text = String(value);
    } catch {
      text = `a value of type ${typeof value}`; // e.g. a BigInt inside a list
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Members whose values are delivery addresses (phone numbers, emails): always masked. */
const ADDRESS_MEMBERS = /(^|\.)(DeliveryAddress\.SimpleAddress|ChannelAddress)$/;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const KIND_WORDS: Readonly<Record<Kind, string>> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "true or false",
  list: "a list",
  map: "a map",
  structure: "an object",
  any: "a value",
};

function kindOf(value: unknown): Kind {
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (Array.isArray(value)) return "list";
  if (isObject(value)) return "structure";
  return "any";
}

function fits(value: unknown, kinds: readonly Kind[]): boolean {
  const actual = kindOf(value);
  return kinds.some(
    (k) =>
      k === "any" ||
      k === actual ||
      (k === "number" && actual === "integer") ||
      (k === "map" && actual === "structure"),
  );
}

/** Checks `body` against its target's constraints; returns what AWS would refuse. */
export function validateRequest(
  target: RequestTarget,
  body: Record<string, unknown>,
  resource: { readonly type: string; readonly name: string },
): RequestViolation[] {
  const schema = schemaOf(target);
  const out: RequestViolation[] = [];
  const report = (
    schemaPath: string,
    path: string,
    rule: RuleKind,
    value: unknown,
    message: string,
  ) => {
    const doc = schema.rules.get(schemaPath)?.doc;
    out.push({
      resourceType: resource.type,
      resourceName: resource.name,
      target: schema.name,
      path,
      rule,
      value: render(value, ADDRESS_MEMBERS.test(schemaPath)),
      message,
      ...(doc === undefined ? {} : { doc }),
    });
  };

  const structure = (schemaPath: string, path: string, value: unknown) => {
    const members = schema.members.get(schemaPath) ?? [];
    const at = (m: string, base: string) => (base === "" ? m : `${base}.${m}`);
    for (const m of members) {
      const v = read(value, m);
      const mPath = at(m, schemaPath);
      if (v === undefined || v === null) {
        if (schema.rules.get(mPath)?.required) {
          report(mPath, at(m, path), "required", undefined, "is required");
        }
        continue;
      }
      check(mPath, at(m, path), v);
    }
    const known = new Set(members);
    for (const key of keysOf(value)) {
      if (known.has(key) || schema.readOnly.has(at(key, schemaPath))) continue;
      if (members.length === 0) continue;
      report(
        at(key, schemaPath),
        at(key, path),
        "member",
        read(value, key),
        `is not a member of ${schema.name}`,
      );
    }
  };

  const check = (schemaPath: string, path: string, value: unknown) => {
    if (value === UNKNOWN) return;
    const rule = schema.rules.get(schemaPath);
    if (rule === undefined) return;
    if (!fits(value, rule.kinds)) {
      const wanted = rule.kinds.map((k) => KIND_WORDS[k]).join(" or ");
      report(schemaPath, path, "type", value, `must be ${wanted}`);
      return;
    }
    const kind = kindOf(value);
    if (kind === "string") {
      const text = value as string;
      const length = [...text].length;
      if (rule.min !== undefined && length < rule.min) {
        report(
          schemaPath,
          path,
          "min",
          value,
          `must be at least ${plural(rule.min, "character")} long`,
        );
      }
      if (rule.max !== undefined && length > rule.max) {
        report(
          schemaPath,
          path,
          "max",
          value,
          `must be at most ${plural(rule.max, "character")} long (got ${length})`,
        );
      }
      if (rule.enum !== undefined && !rule.enum.includes(text)) {
        report(schemaPath, path, "enum", value, `must be one of ${rule.enum.join(", ")}`);
      }
      if (rule.pattern !== undefined && !rule.pattern.test(text)) {
        report(schemaPath, path, "pattern", value, `must match AWS's pattern ${rule.patternText}`);
      }
      return;
    }
    if (kind === "integer" || kind === "number") {
      const n = value as number;
      if (rule.min !== undefined && n < rule.min) {
        report(schemaPath, path, "min", value, `must be at least ${rule.min}`);
      }
      if (rule.max !== undefined && n > rule.max) {
        report(schemaPath, path, "max", value, `must be at most ${rule.max}`);
      }
      if (rule.enum !== undefined && !rule.enum.includes(n)) {
        report(schemaPath, path, "enum", value, `must be one of ${rule.enum.join(", ")}`);
      }
      return;
    }
    if (kind === "list") {
      const list = items(value) as unknown[];
      if (rule.min !== undefined && list.length < rule.min) {
        report(schemaPath, path, "min", value, `must have at least ${plural(rule.min, "item")}`);
      }
      if (rule.max !== undefined && list.length > rule.max) {
        report(
          schemaPath,
          path,
          "max",
          value,
          `must have at most ${plural(rule.max, "item")} (got ${list.length})`,
        );
      }
      list.forEach((item, i) => check(`${schemaPath}[]`, `${path}[${i}]`, item));
      return;
    }
    if (kind === "structure") {
      if (rule.kinds.includes("map")) {
        const keys = keysOf(value);
        if (rule.min !== undefined && keys.length < rule.min) {
          report(
            schemaPath,
            path,
            "min",
            value,
            `must have at least ${plural(rule.min, "entry", "entries")}`,
          );
        }
        if (rule.max !== undefined && keys.length > rule.max) {
          report(
            schemaPath,
            path,
            "max",
            value,
            `must have at most ${plural(rule.max, "entry", "entries")} (got ${keys.length})`,
          );
        }
        for (const key of keys) {
          const keyPath = `${path}[${JSON.stringify(key)}]`;
          check(`${schemaPath}{key}`, `${keyPath} (key)`, key);
          check(`${schemaPath}{}`, keyPath, read(value, key));
        }
        return;
      }
      if (rule.kinds.includes("structure")) structure(schemaPath, path, value);
    }
  };

  structure("", "", body);
  return out;
}
