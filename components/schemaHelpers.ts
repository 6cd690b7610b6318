/**
 * The zod pieces every component's data schema shares: a string checked by a rule function, free
 * text of a length, a region where Incident Manager runs, and the one check (and wording) for a
 * value that repeats an earlier one.
 */
import { z } from "zod";
import { checkIncidentManagerRegion } from "../aws";
import { describeValue, formatPath, type FieldPath } from "./validation";

/** A string field whose rule is `check` (which returns the broken rule, or undefined). */
export function checked(check: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const message = check(value);
    if (message !== undefined) ctx.addIssue({ code: "custom", message });
  });
}

/** A length rule for free text; `what` names the AWS field and model it comes from. */
export function textOf(min: number, max: number, what: string) {
  return checked((value) =>
    value.length < min || value.length > max
      ? `must be ${min}-${max} characters (${what}); got ${value.length} characters. ${value.length > max ? "Shorten it." : "Fill it in."}`
      : undefined,
  );
}

/** A region where Incident Manager runs (botocore's endpoint data: ssm-incidents and ssm-contacts). */
export const regionName = checked(checkIncidentManagerRegion);

/**
 * The one wording for a value that repeats an earlier one: "repeats the <what> <value>, already
 * used at `<first>`; <rule>". `rule` says why each may appear once and ends with a full stop.
 */
export function repeatsMessage(
  what: string,
  value: string,
  first: FieldPath | string,
  rule: string,
): string {
  const at = typeof first === "string" ? first : formatPath(first);
  return `repeats the ${what} ${describeValue(value)}, already used at \`${at}\`; ${rule}`;
}

/**
 * Reports, at its index, every item whose `key` repeats an earlier item's: one issue per repeat,
 * worded by {@link repeatsMessage}. `field` is the list's path (for the first one's place);
 * items whose key is undefined are skipped.
 */
export function uniqueBy<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  ctx: z.RefinementCtx,
  what: string,
  field: FieldPath,
  rule: string,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const value = key(item);
    if (value === undefined) return;
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else {
      ctx.addIssue({
        code: "custom",
        path: [i],
        message: repeatsMessage(what, value, [...field, first], rule),
      });
    }
  });
}
