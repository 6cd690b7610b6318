import { configSchemaOf, IncidentStackRule, label, readConfig, str } from "../common";
import { propsOf } from "../graph";
import { regionOf, reportRepeatedNames, uniqueNamesConfig } from "./unique";

/**
 * Rule 16 (stack): two contacts with one alias in one region. PERSONAL, ESCALATION and
 * ONCALL_SCHEDULE contacts share the alias: "The contact alias must be unique and identifiable"
 * (botocore 1.43 ssm-contacts CreateContact `Alias`), and a contact's ARN ends in
 * `contact/<alias>` in its region (ssm-contacts examples-1.json).
 */
export const disallowDuplicateContactAliases: IncidentStackRule = {
  name: "disallow-duplicate-contact-aliases",
  description:
    "Checks that no two contacts of the stack, of either provider and any type (PERSONAL, ESCALATION or ONCALL_SCHEDULE), have one alias in one region. Contact aliases are unique in an account and region, so AWS refuses the second contact.",
  configSchema: configSchemaOf(uniqueNamesConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(uniqueNamesConfig, args.getConfig(), report);
    reportRepeatedNames(
      args,
      report,
      ["contact"],
      cfg.allowedDuplicates,
      (contact) => {
        const alias = str(propsOf(contact).alias);
        return alias === undefined ? undefined : { scope: regionOf(contact), name: alias };
      },
      (second, first, claim) =>
        `${label(second)} has the alias ${JSON.stringify(claim.name)} of ${label(first)} in ${claim.scope}; contact aliases are unique in an account and region, so AWS refuses the second contact.`,
    );
  },
  severity: "high",
  remediationSteps:
    "Give each contact, escalation plan and on-call schedule its own alias (an alias is create-only: renaming replaces the contact, and a replaced contact's channels must be activated again).",
};
