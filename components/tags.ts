import { z } from "zod";
import { describeValue } from "./validation";

/** Resource tags: key to value. */
export type Tags = Readonly<Record<string, string>>;

/**
 * AWS tag rules: keys 1-128 characters, values 0-256, and the `aws:` prefix is reserved for AWS.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export const tagsSchema = z
  .record(
    z.string(),
    z.string({ error: (iss) => `must be a string tag value; got ${describeValue(iss.input)}` }),
  )
  .superRefine((tags, ctx) => {
    const keys = Object.keys(tags);
    if (keys.length > 50) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `holds at most 50 tags (an AWS limit); got ${keys.length}. Remove ${keys.length - 50}.`,
      });
    }
    for (const key of keys) {
      if (key.trim() === "") {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is an empty tag key; tag keys need 1-128 characters. Give it a name or remove it.`,
        });
      } else if (key.length > 128) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is a tag key of ${key.length} characters; AWS allows at most 128. Shorten it.`,
        });
      } else if (key.toLowerCase().startsWith("aws:")) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `uses the reserved prefix "aws:"; got ${describeValue(key)}. Only AWS may create such tags: rename the key.`,
        });
      }
      if (tags[key].length > 256) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `is a tag value of ${tags[key].length} characters; AWS allows at most 256. Shorten it.`,
        });
      }
    }
  });

/** The `[{ key, value }]` form that `@pulumi/aws-native` resources take. */
export function toNativeTags(tags: Tags): { key: string; value: string }[] | undefined {
  const keys = Object.keys(tags);
  return keys.length === 0 ? undefined : keys.map((key) => ({ key, value: tags[key] }));
}
