/**
 * Reading a resource's inputs defensively: a value may be a plain object, an array, a scalar, or
 * still unknown. Unknown values are the SDK's unknown sentinels, or, inside the policy pack during
 * `pulumi preview`, a property whose read throws (the policy SDK's unknown-checking proxy). They
 * read as {@link UNKNOWN}, and the validator skips them instead of failing them.
 */

/** A value not known yet (an Output during preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** The engine's wire sentinel for an unknown value. */
const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** `o[key]`, or {@link UNKNOWN} when reading it throws or yields the unknown sentinel. */
export function read(o: unknown, key: string | number): unknown {
  if (o === UNKNOWN) return UNKNOWN;
  if (typeof o !== "object" || o === null) return undefined;
  let value: unknown;
  try {
    value = (o as Record<string | number, unknown>)[key];
  } catch {
    return UNKNOWN;
  }
  return value === UNKNOWN_SENTINEL ? UNKNOWN : value;
}

/** A plain object's own keys, or an empty list (also when listing them throws). */
export function keysOf(o: unknown): string[] {
  if (typeof o !== "object" || o === null || Array.isArray(o)) return [];
  try {
    return Object.keys(o);
  } catch {
    return [];
  }
}

/** True for a plain object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The items of an array (each read defensively), or `value` unchanged when it is not one. */
export function items(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  let length: number;
  try {
    length = value.length;
  } catch {
    return UNKNOWN;
  }
  return Array.from({ length }, (_, i) => read(value, i));
}

/** Drops `undefined` members, so an absent input is an absent request member. */
export function compact(members: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(members)) if (v !== undefined) out[k] = v;
  return out;
}

/** Maps each item of a list input (a non-list passes through, so the validator sees it). */
export function mapList(value: unknown, fn: (item: unknown) => unknown): unknown {
  const list = items(value);
  return Array.isArray(list) ? list.map((item) => (item === UNKNOWN ? UNKNOWN : fn(item))) : list;
}

/** A map input as `{ [key]: fn(value) }` (a non-map passes through). */
export function mapValues(value: unknown, fn: (v: unknown) => unknown): unknown {
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of keysOf(value)) {
    const v = read(value, key);
    out[key] = v === UNKNOWN ? UNKNOWN : fn(v);
  }
  return out;
}

/** A map input `{ k: v }` as a list of `{ [keyName]: k, [valueName]: v }` (AWS's tag lists). */
export function pairs(value: unknown, keyName: string, valueName: string): unknown {
  if (!isObject(value)) return value;
  return keysOf(value).map((key) => ({ [keyName]: key, [valueName]: read(value, key) }));
}

/** An empty list or map reads as absent: providers send no member for it. */
export function nonEmpty(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (isObject(value) && keysOf(value).length === 0) return undefined;
  return value;
}

/**
 * A secret value (a secret's string, its binary as base64) as a run of `*` of the same length in
 * characters, so AWS's length limits are checked without the value ever reaching a message. A
 * binary is measured in the bytes AWS receives (the base64 text decoded).
 */
export function secretLength(value: unknown, base64 = false): unknown {
  if (typeof value !== "string") return value;
  const length = base64 ? Buffer.from(value, "base64").length : [...value].length;
  return "*".repeat(length);
}

const PHONE = /^\+?[0-9][0-9 ()-]{5,}$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * A phone number or email address shown masked (`+81******678`, `s*****@example.com`); other
 * strings unchanged. Delivery addresses are always masked, whatever they look like.
 */
export function maskAddress(text: string, always = false): string {
  const at = text.indexOf("@");
  if (at > 0 && (always || EMAIL.test(text))) {
    return `${text[0]}${"*".repeat(Math.max(at - 1, 1))}${text.slice(at)}`;
  }
  if (PHONE.test(text) && text.length > 6) return `${text.slice(0, 3)}******${text.slice(-3)}`;
  return always ? "*".repeat(text.length) : text;
}
