/**
 * `@pulumi/aws-native` resources are CloudFormation resources (through Cloud Control): their
 * inputs are the registry schema's properties in camelCase. The mapping renames each input to the
 * schema's own property at that path (`recurrence.shiftCoverages[].coverageTimes` ->
 * `Recurrence.ShiftCoverages[].CoverageTimes`); a JSON-typed property (a policy document, an event
 * pattern) is kept as it is.
 */
import { AWS_CONSTRAINTS, CfnType } from "../model";
import type { ResourceMapping } from "./types";
import { isObject, items, keysOf, read, secretLength, UNKNOWN } from "./values";

/** Properties holding a secret value: checked by length only, never shown. */
const SECRET_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  "AWS::SecretsManager::Secret": ["SecretString"],
};

const byLowerName = new Map(
  Object.keys(AWS_CONSTRAINTS.cloudformation).map((name) => [name.toLowerCase(), name]),
);

/** The CloudFormation type of an aws-native token (`aws-native:ssmcontacts:Rotation`), if extracted. */
export function cfnTypeOfToken(token: string): string | undefined {
  const [pkg, module, resource] = token.split(":");
  if (pkg !== "aws-native" || module === undefined || resource === undefined) return undefined;
  return byLowerName.get(`aws::${module}::${resource}`.toLowerCase());
}

/** The AWS service behind an aws-native module: `ssmcontacts` is ssm-contacts. */
function serviceOf(token: string): string {
  const module = token.split(":")[1] ?? "";
  return { ssmcontacts: "ssm-contacts", ssmincidents: "ssm-incidents" }[module] ?? module;
}

const childIndex = new Map<string, Map<string, Map<string, string>>>();

/** For each property path of `typeName`, its child properties by lower-case name. */
function children(typeName: string, type: CfnType): Map<string, Map<string, string>> {
  let index = childIndex.get(typeName);
  if (index === undefined) {
    index = new Map();
    for (const path of Object.keys(type.properties)) {
      const dot = path.lastIndexOf(".");
      const parent = dot < 0 ? "" : path.slice(0, dot);
      const child = dot < 0 ? path : path.slice(dot + 1);
      if (/[[{]/.test(child)) continue;
      if (!index.has(parent)) index.set(parent, new Map());
      index.get(parent)!.set(child.toLowerCase(), child);
    }
    childIndex.set(typeName, index);
  }
  return index;
}

/** The aws-native resource's inputs as the CloudFormation properties they declare. */
export function nativeMapping(
  token: string,
  inputs: Record<string, unknown>,
): ResourceMapping | undefined {
  const typeName = cfnTypeOfToken(token);
  if (typeName === undefined) return undefined;
  const type = AWS_CONSTRAINTS.cloudformation[typeName]!;
  const index = children(typeName, type);
  const convert = (value: unknown, path: string): unknown => {
    if (value === UNKNOWN) return value;
    const list = items(value);
    if (Array.isArray(list)) {
      return list.map((item) => convert(item, `${path}[]`));
    }
    if (!isObject(value)) return value;
    const named = index.get(path);
    if (named === undefined) {
      // A map (`{}`) or a JSON-typed property: keys are data, not property names.
      if (type.properties[`${path}{}`] === undefined) return value;
      const out: Record<string, unknown> = {};
      for (const key of keysOf(value)) out[key] = convert(read(value, key), `${path}{}`);
      return out;
    }
    const out: Record<string, unknown> = {};
    for (const key of keysOf(value)) {
      const property = named.get(key.toLowerCase()) ?? key;
      out[property] = convert(read(value, key), path === "" ? property : `${path}.${property}`);
    }
    return out;
  };
  const body = convert(inputs, "") as Record<string, unknown>;
  for (const property of SECRET_PROPERTIES[typeName] ?? []) {
    if (property in body) body[property] = secretLength(body[property]);
  }
  return { service: serviceOf(token), requests: [{ target: { kind: "cfn", typeName }, body }] };
}
