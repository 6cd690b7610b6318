/**
 * Checks that a package schema is well-formed the way the Pulumi CLI needs it to generate SDKs:
 * every `$ref` resolves, every component and type is described, required names are properties,
 * and every token is `incident-manager:index:*`.
 */
import type { PackageSchema, SchemaProperty } from "../../scripts/provider-schema";

const TOKEN = /^incident-manager:index:[A-Z][A-Za-z0-9]*$/;
/** The built-in references of Pulumi's package schema. */
const BUILTIN_REFS = new Set([
  "pulumi.json#/Any",
  "pulumi.json#/Archive",
  "pulumi.json#/Asset",
  "pulumi.json#/Json",
]);
const TYPES = new Set(["string", "integer", "number", "boolean", "array", "object"]);

/** Every problem found, empty when the schema is well-formed. */
export function schemaProblems(schema: PackageSchema): string[] {
  const problems: string[] = [];
  const property = (where: string, p: SchemaProperty | undefined, top: boolean): void => {
    if (!p) return;
    if (top && !p.description) problems.push(`${where}: no description`);
    if (p.$ref !== undefined) {
      if (p.$ref.startsWith("#/types/")) {
        const token = decodeURIComponent(p.$ref.slice("#/types/".length));
        if (!schema.types[token]) problems.push(`${where}: $ref ${p.$ref} does not resolve`);
      } else if (!BUILTIN_REFS.has(p.$ref)) {
        problems.push(`${where}: $ref ${p.$ref} is outside the schema`);
      }
    } else if (!p.type || !TYPES.has(p.type)) {
      problems.push(`${where}: type ${String(p.type)} is not a schema type`);
    }
    if (p.type === "array" && !p.items) problems.push(`${where}: an array without items`);
    property(`${where}[]`, p.items, false);
    property(`${where}{}`, p.additionalProperties, false);
  };
  const subset = (where: string, names: string[] | undefined, props: object | undefined) => {
    for (const n of names ?? []) {
      if (!props || !(n in props)) problems.push(`${where}: required ${n} is not a property`);
    }
  };
  for (const [token, r] of Object.entries(schema.resources)) {
    if (!TOKEN.test(token)) problems.push(`${token}: not an incident-manager:index:* token`);
    if (!r.isComponent) problems.push(`${token}: not a component`);
    if (!r.description) problems.push(`${token}: no description`);
    for (const [k, p] of Object.entries(r.inputProperties ?? {}))
      property(`${token} input ${k}`, p, true);
    for (const [k, p] of Object.entries(r.properties ?? {}))
      property(`${token} output ${k}`, p, true);
    subset(`${token} inputs`, r.requiredInputs, r.inputProperties);
    subset(`${token} outputs`, r.required, r.properties);
  }
  for (const [token, t] of Object.entries(schema.types)) {
    if (!TOKEN.test(token)) problems.push(`${token}: not an incident-manager:index:* token`);
    if (!t.description) problems.push(`${token}: no description`);
    if (t.enum) {
      if (t.enum.length === 0) problems.push(`${token}: an empty enum`);
      for (const m of t.enum) {
        const ok =
          (t.type === "string" && typeof m.value === "string") ||
          (t.type === "integer" && Number.isInteger(m.value)) ||
          (t.type === "number" && typeof m.value === "number");
        if (!ok) problems.push(`${token}: value ${JSON.stringify(m.value)} is not a ${t.type}`);
      }
    } else {
      if (t.type !== "object") problems.push(`${token}: type ${t.type} is not object`);
      for (const [k, p] of Object.entries(t.properties ?? {})) property(`${token}.${k}`, p, true);
      subset(token, t.required, t.properties);
    }
  }
  if (JSON.stringify(schema).includes("[object Object]"))
    problems.push("a description reads [object Object]");
  return problems;
}
