import { configSchemaOf, IncidentStackRule, label, readConfig, str } from "../common";
import { propsOf } from "../graph";
import { regionOf, reportRepeatedNames, uniqueNamesConfig } from "./unique";

/** The bus's name, from its name or ARN (`...:event-bus/<name>`); the default bus when unset. */
function busOf(value: unknown): string {
  const bus = str(value) ?? "default";
  return bus.includes(":event-bus/") ? bus.slice(bus.indexOf(":event-bus/") + 11) : bus;
}

/**
 * Rule 19 (stack): two EventBridge rules with one name on one event bus. "If you are updating an
 * existing rule, the rule is replaced with what you specify in this PutRule command"; a rule
 * without `EventBusName` goes to the default bus (botocore 1.43 events, PutRule).
 */
export const disallowDuplicateEventRuleNames: IncidentStackRule = {
  name: "disallow-duplicate-event-rule-names",
  description:
    "Checks that no two EventBridge rules of the stack, of either provider, have one name on one event bus in one region. PutRule on a taken name replaces the other rule, so its pattern and targets are lost.",
  configSchema: configSchemaOf(uniqueNamesConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(uniqueNamesConfig, args.getConfig(), report);
    reportRepeatedNames(
      args,
      report,
      ["namedEventRule"],
      cfg.allowedDuplicates,
      (rule) => {
        const props = propsOf(rule);
        const name = str(props.name);
        if (name === undefined) return undefined; // The provider generates a unique name.
        return { scope: `the ${busOf(props.eventBusName)} event bus of ${regionOf(rule)}`, name };
      },
      (second, first, claim) =>
        `${label(second)} has the rule name ${JSON.stringify(claim.name)} of ${label(first)} on ${claim.scope}; PutRule on a taken name replaces the first rule.`,
    );
  },
  severity: "high",
  remediationSteps:
    "Give each EventBridge rule on a bus its own name, or leave the name out to have the provider generate one.",
};
