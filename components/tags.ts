import { z } from "zod";
import {
  IAM_TAGS,
  MAX_TAGS,
  REPLICATION_SET_TAGS,
  SSM_CONTACTS_TAGS,
  SSM_INCIDENTS_TAGS,
  TagRule,
  tagIssue,
} from "../aws";
import { describeValue, ValidationIssue } from "./validation";

/** Resource tags: key to value. */
export type Tags = Readonly<Record<string, string>>;

/**
 * Tags checked against the rules of every service that will carry them (`rules`): each service
 * has its own key and value patterns (SSM Contacts refuses a space in a key, SSM Incidents an
 * empty value is fine...), and the `aws:` prefix is AWS's own. At most 50 tags.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export function tagsSchemaFor(rules: readonly TagRule[]) {
  return z
    .record(
      z.string(),
      z.string({ error: (iss) => `must be a string tag value; got ${describeValue(iss.input)}` }),
    )
    .superRefine((tags, ctx) => {
      const keys = Object.keys(tags);
      if (keys.length > MAX_TAGS.max) {
        ctx.addIssue({
          code: "custom",
          path: [],
          message: `holds at most ${MAX_TAGS.max} tags (${MAX_TAGS.source}); got ${keys.length}. Remove ${keys.length - MAX_TAGS.max}.`,
        });
      }
      for (const key of keys) {
        if (key.trim() === "") {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `is an empty tag key; tag keys need 1-128 characters. Give it a name or remove it.`,
          });
          continue;
        }
        if (key.toLowerCase().startsWith("aws:")) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `uses the reserved prefix "aws:"; got ${describeValue(key)}. Only AWS may create such tags: rename the key.`,
          });
          continue;
        }
        for (const rule of rules) {
          const broken = tagIssue(rule, key, tags[key]);
          if (broken !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: [key],
              message: `is ${broken}. ${broken.includes("characters;") ? "Shorten it or fill it in." : "Replace the other characters."}`,
            });
            break;
          }
        }
      }
    });
}

/** Tags of SSM Contacts resources (contacts, plans, rotations, schedules). */
export const contactsTagsSchema = tagsSchemaFor([SSM_CONTACTS_TAGS]);

/**
 * The setup's tags, which every component merges onto its children: the replication set
 * (CloudFormation), contacts and rotations (SSM Contacts), response plans (SSM Incidents), keys
 * and roles (IAM), so they must satisfy each.
 */
export const setupTagsSchema = tagsSchemaFor([
  REPLICATION_SET_TAGS,
  SSM_CONTACTS_TAGS,
  SSM_INCIDENTS_TAGS,
  IAM_TAGS,
]);

/** Tags of a response plan and its alarms, rules and roles. */
export const responsePlanTagsSchema = tagsSchemaFor([SSM_INCIDENTS_TAGS, IAM_TAGS]);

/** Tags Incident Manager puts on incident records (SSM Incidents). */
export const incidentTagsSchema = tagsSchemaFor([SSM_INCIDENTS_TAGS]);

/**
 * The issue when a component's tags merged over the setup's exceed 50, if any. Reported at the
 * component's `tags`.
 */
export function mergedTagsIssues(setupTags: Tags | undefined, tags: Tags): ValidationIssue[] {
  const merged = Object.keys({ ...(setupTags ?? {}), ...tags }).length;
  if (merged <= MAX_TAGS.max) return [];
  return [
    {
      path: ["tags"],
      message: `holds ${merged} tags once merged over the setup's tags; AWS allows at most ${MAX_TAGS.max} (${MAX_TAGS.source}). Remove ${merged - MAX_TAGS.max}.`,
    },
  ];
}

/** The `[{ key, value }]` form that `@pulumi/aws-native` resources take. */
export function toNativeTags(tags: Tags): { key: string; value: string }[] | undefined {
  const keys = Object.keys(tags);
  return keys.length === 0 ? undefined : keys.map((key) => ({ key, value: tags[key] }));
}
