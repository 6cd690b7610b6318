import { configSchemaOf, IncidentStackRule, label, readConfig, str } from "../common";
import { propsOf } from "../graph";
import { reportRepeatedNames, uniqueNamesConfig } from "./unique";

/**
 * Rule 17 (stack): two response plans with one name. A response plan's ARN is
 * `arn:<partition>:ssm-incidents::<account>:response-plan/<name>`, with no region, and
 * CreateResponsePlan refuses a taken name with ConflictException (botocore 1.43 ssm-incidents);
 * `Name` is create-only (cfn-lint 1.51 AWS::SSMIncidents::ResponsePlan).
 */
export const disallowDuplicateResponsePlanNames: IncidentStackRule = {
  name: "disallow-duplicate-response-plan-names",
  description:
    "Checks that no two response plans of the stack, of either provider, have one name. A response plan's name is its identity in the account (its ARN has no region), so AWS refuses the second plan.",
  configSchema: configSchemaOf(uniqueNamesConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(uniqueNamesConfig, args.getConfig(), report);
    reportRepeatedNames(
      args,
      report,
      ["responsePlan"],
      cfg.allowedDuplicates,
      (plan) => {
        const name = str(propsOf(plan).name);
        return name === undefined ? undefined : { scope: "the account", name };
      },
      (second, first, claim) =>
        `${label(second)} has the name ${JSON.stringify(claim.name)} of ${label(first)}; response plan names are unique in an account, so AWS refuses the second plan.`,
    );
  },
  severity: "high",
  remediationSteps:
    "Give each response plan its own `name` (ResponsePlanWithAlarms: `responsePlanName`, which defaults to the component's name). The name is create-only: renaming replaces the plan.",
};
