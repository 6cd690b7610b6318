import { z } from "zod";
import {
  IncidentResourceRule,
  configSchemaOf,
  readConfig,
  tagsOf,
  validateResourceOfKinds,
} from "../common";

export const requiredTagsConfig = z.object({
  /** Tag keys every taggable Incident Manager resource must carry. */
  requiredTags: z.array(z.string()).default(["team"]),
});

/** Rule 13: required tags present. */
export const requireTags: IncidentResourceRule = {
  name: "require-tags",
  description:
    "Checks that replication sets, response plans, contacts and rotations carry every tag key listed in `requiredTags`. Tags say which team owns the paging path.",
  configSchema: configSchemaOf(requiredTagsConfig),
  enforcementLevel: "advisory",
  validateResource: validateResourceOfKinds(
    ["replicationSet", "responsePlan", "contact", "rotation"],
    (props, args, report) => {
      const cfg = readConfig(requiredTagsConfig, args.getConfig(), report);
      const tags = tagsOf(props);
      const missing = cfg.requiredTags.filter((key) => !tags.has(key));
      if (missing.length > 0) {
        report(
          `\`tags\` must include ${missing.map((k) => `"${k}"`).join(", ")}; got ${tags.size === 0 ? "no tags" : [...tags.keys()].join(", ")}.`,
        );
      }
    },
  ),
  severity: "low",
  remediationSteps:
    "Add the missing tag keys to the resource (the components pass their `tags` arg to every taggable child).",
};
