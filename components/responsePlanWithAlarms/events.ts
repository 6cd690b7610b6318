/**
 * The data schema of a response plan's EventBridge rules: the rule's name and region, and its
 * event pattern, a JSON document checked as EventBridge reads it.
 */
import { z } from "zod";
import { EVENT_PATTERN, patternLeafIssues } from "../../aws";
import { checked, regionName, textOf } from "../schemaHelpers";
import { describeValue } from "../validation";
import { checkEventRuleName } from "./fields";

/** Source: events PutRule EventPattern. */
const MAX_EVENT_PATTERN = EVENT_PATTERN.max;
/** Deeper than this, a pattern cannot fit in 4096 characters: each level takes at least 2. */
const MAX_PATTERN_DEPTH = MAX_EVENT_PATTERN / 2;
/** An issue deeper than this is reported at the pattern, with its depth, to keep it short. */
const MAX_SHOWN_DEPTH = 8;

/**
 * Checks that an event pattern is JSON data: objects, arrays, strings, numbers, booleans, null,
 * with no cycle, and not nested deeper than a pattern of 4096 characters can be. Iterative, so
 * deeply nested junk cannot overflow the stack.
 */
function checkJson(pattern: unknown, ctx: z.RefinementCtx): boolean {
  interface Step {
    readonly value: unknown;
    readonly key?: PropertyKey;
    readonly up?: Step;
    readonly depth: number;
    /** Set on the marker that leaves a container once its items are checked. */
    readonly leave?: true;
  }
  const pathOf = (step: Step): PropertyKey[] =>
    step.up === undefined ? [] : [...pathOf(step.up), step.key!];
  const report = (step: Step, message: string) =>
    ctx.addIssue({
      code: "custom",
      path: step.depth <= MAX_SHOWN_DEPTH ? pathOf(step) : [],
      message: step.depth <= MAX_SHOWN_DEPTH ? message : `${message} (at depth ${step.depth})`,
    });
  const ancestors = new Set<unknown>();
  const todo: Step[] = [{ value: pattern, depth: 0 }];
  let ok = true;
  while (todo.length > 0) {
    const step = todo.pop()!;
    const { value } = step;
    if (step.leave) {
      ancestors.delete(value);
      continue;
    }
    if (value === null || typeof value === "string" || typeof value === "boolean") continue;
    if (typeof value === "number" && Number.isFinite(value)) continue;
    const container =
      Array.isArray(value) ||
      (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype);
    if (!container || ancestors.has(value)) ok = false;
    if (!container) {
      report(
        step,
        `must be JSON data (an object, array, string, number, boolean or null); got ${describeValue(value)}`,
      );
    } else if (ancestors.has(value)) {
      report(
        step,
        `refers to itself (a cycle), which JSON cannot hold; got ${describeValue(value)}. Remove the cycle.`,
      );
    } else if (step.depth > MAX_PATTERN_DEPTH) {
      ctx.addIssue({
        code: "custom",
        message: `must be at most ${MAX_EVENT_PATTERN} characters as JSON (an EventBridge limit); got a pattern nested more than ${MAX_PATTERN_DEPTH} levels deep. Simplify the pattern.`,
      });
      return false;
    } else {
      ancestors.add(value);
      todo.push({ ...step, leave: true });
      const entries: [PropertyKey, unknown][] = Array.isArray(value)
        ? value.map((item, i) => [i, item])
        : Object.entries(value as object);
      for (const [key, item] of entries.reverse()) {
        todo.push({ value: item, key, up: step, depth: step.depth + 1 });
      }
    }
  }
  return ok;
}

const eventPatternSchema = z.any().transform((pattern, ctx): string => {
  if (typeof pattern !== "object" || pattern === null || Array.isArray(pattern)) {
    ctx.addIssue({
      code: "custom",
      message: `must be an object such as { source: ["aws.ec2"] } (it is serialized for you); got ${typeof pattern === "string" ? "a string" : describeValue(pattern)}${typeof pattern === "string" ? ` (${describeValue(pattern)}). Pass the pattern as an object, not JSON text.` : ""}`,
    });
    return z.NEVER;
  }
  if (!checkJson(pattern, ctx)) return z.NEVER;
  if (Object.keys(pattern).length === 0) {
    ctx.addIssue({
      code: "custom",
      message: `must match something; got {}, which EventBridge rejects. Add a field such as source.`,
    });
    return z.NEVER;
  }
  const leaves = patternLeafIssues(pattern);
  if (leaves.length > 0) {
    for (const leaf of leaves) {
      ctx.addIssue({
        code: "custom",
        path: [...leaf.path],
        message: `must be a non-empty array of values to match, or an object of fields (EventBridge user guide: the value of each field in an event pattern is an array of one or more values); got ${Array.isArray(leaf.value) ? "an empty array" : describeValue(leaf.value)}.${Array.isArray(leaf.value) ? " Add a value, or remove the field." : ` Write [${JSON.stringify(leaf.value)}].`}`,
      });
    }
    return z.NEVER;
  }
  const json = JSON.stringify(pattern);
  if (json.length > MAX_EVENT_PATTERN) {
    ctx.addIssue({
      code: "custom",
      message: `must be at most ${MAX_EVENT_PATTERN} characters as JSON (an EventBridge limit); got ${json.length}. Simplify the pattern.`,
    });
    return z.NEVER;
  }
  return json;
});

export const eventSchema = z.strictObject({
  name: checked(checkEventRuleName),
  eventPattern: eventPatternSchema,
  description: textOf(0, 512, "an EventBridge limit").optional(),
  region: regionName.optional(),
});
