import { patternLeafIssues } from "../../../aws/events";
import { z } from "zod";
import { configSchemaOf, IncidentResourceRule, obj, readConfig, show } from "../common";

export const eventPatternArraysConfig = z.object({
  /** Report a field whose array is empty, which matches nothing. */
  rejectEmptyArrays: z.boolean().default(true),
});

const TYPES: readonly string[] = ["aws:cloudwatch/eventRule:EventRule", "aws-native:events:Rule"];

/** Rule 17: every field of an EventBridge rule's pattern matches a non-empty array of values. */
export const requireEventPatternArrays: IncidentResourceRule = {
  name: "require-event-pattern-arrays",
  description:
    'Checks that every field of an EventBridge rule\'s event pattern is an object of fields or a non-empty array of values to match, as EventBridge requires. `{ "source": "aws.ec2" }` is refused when the rule is created; `{ "source": ["aws.ec2"] }` is what was meant.',
  configSchema: configSchemaOf(eventPatternArraysConfig),
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    const cfg = readConfig(eventPatternArraysConfig, args.getConfig(), report);
    if (!TYPES.includes(args.type)) {
      args.notApplicable(`Policy only applies to resources of type ${TYPES.join(", ")}`);
    }
    const raw = (obj(args.props) ?? {}).eventPattern;
    if (raw === undefined) return;
    let pattern: unknown = raw;
    if (typeof raw === "string") {
      try {
        pattern = JSON.parse(raw);
      } catch {
        report(`\`eventPattern\` must be JSON; got ${show(raw)}.`);
        return;
      }
    }
    if (obj(pattern) === undefined) {
      report(`\`eventPattern\` must be a JSON object of fields; got ${show(pattern)}.`);
      return;
    }
    for (const leaf of patternLeafIssues(pattern)) {
      if (Array.isArray(leaf.value) && !cfg.rejectEmptyArrays) continue;
      report(
        `\`eventPattern.${leaf.path.join(".")}\` must be a non-empty array of values to match; got ${Array.isArray(leaf.value) ? "an empty array" : show(leaf.value)}.`,
      );
    }
  },
  severity: "high",
  remediationSteps:
    'Write every matched value in an array: `{ "source": ["aws.ec2"] }`, not `{ "source": "aws.ec2" }`; give every array at least one value.',
};
