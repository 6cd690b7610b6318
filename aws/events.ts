/** EventBridge facts: rules and event patterns. */
import { apiText, TextRule } from "./model";

/** Source: events PutRule Name (1-64, `[\.\-_A-Za-z0-9]+`). */
export const RULE_NAME: TextRule = apiText("events:PutRule", "Name");

/** Source: events PutRule Description (0-512). */
export const RULE_DESCRIPTION: TextRule = apiText("events:PutRule", "Description");

/** Source: events PutRule EventPattern (at most 4096 characters). */
export const EVENT_PATTERN: TextRule = apiText("events:PutRule", "EventPattern");

/** A place in an event pattern whose value is not a non-empty array or an object. */
export interface PatternLeafIssue {
  readonly path: readonly string[];
  readonly value: unknown;
}

/**
 * Every field of an event pattern whose value is neither an object (a nested field) nor a
 * non-empty array of values to match. Source: EventBridge user guide, "Arrays in Amazon
 * EventBridge event patterns" ("The value of each field in an event pattern is an array
 * containing one or more values"). `{ source: "aws.ec2" }` breaks it; `{ source: ["aws.ec2"] }`
 * does not. Array items are matchers (strings, numbers, `{ prefix: ... }`), not fields.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html
 */
export function patternLeafIssues(pattern: unknown): PatternLeafIssue[] {
  const issues: PatternLeafIssue[] = [];
  const visit = (value: Record<string, unknown>, path: readonly string[]): void => {
    for (const [key, item] of Object.entries(value)) {
      const at = [...path, key];
      if (Array.isArray(item)) {
        if (item.length === 0) issues.push({ path: at, value: item });
      } else if (typeof item === "object" && item !== null) {
        visit(item as Record<string, unknown>, at);
      } else {
        issues.push({ path: at, value: item });
      }
    }
  };
  if (typeof pattern === "object" && pattern !== null && !Array.isArray(pattern)) {
    visit(pattern as Record<string, unknown>, []);
  }
  return issues;
}
