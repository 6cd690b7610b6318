import { z } from "zod";
import { ENGAGEMENTS, IMPACT } from "../../../aws/incidents";
import {
  IncidentResourceRule,
  configSchemaOf,
  list,
  num,
  obj,
  readConfig,
  show,
  validateResourceOfKinds,
} from "../common";

export const impactEngagementsConfig = z.object({
  /** The fewest engagements a response plan may have (AWS allows 0-5; we want someone paged). */
  minEngagements: z.number().int().min(ENGAGEMENTS.min).max(ENGAGEMENTS.max).default(1),
});

/** Rule 6: impact 1-5 and 1-5 engagements. */
export const enforceResponsePlanImpactAndEngagements: IncidentResourceRule = {
  name: "enforce-response-plan-impact-and-engagements",
  description:
    "Checks that a response plan's incident template has an impact from 1 (critical) to 5 (no impact) and that the plan engages 1 to 5 contacts or escalation plans. A response plan with no engagement opens incidents nobody is paged for.",
  configSchema: configSchemaOf(impactEngagementsConfig),
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfKinds(["responsePlan"], (props, args, report) => {
    const cfg = readConfig(impactEngagementsConfig, args.getConfig(), report);
    const raw = obj(props.incidentTemplate)?.impact;
    const impact = num(raw);
    if (
      impact === undefined ||
      !Number.isInteger(impact) ||
      impact < IMPACT.min ||
      impact > IMPACT.max
    ) {
      report(
        `\`incidentTemplate.impact\` must be a whole number from 1 (critical) to 5 (no impact); got ${show(raw)}.`,
      );
    }
    const engagements = list(props.engagements);
    if (engagements.length < cfg.minEngagements || engagements.length > ENGAGEMENTS.max) {
      report(
        `\`engagements\` must list ${cfg.minEngagements}-${ENGAGEMENTS.max} contacts or escalation plans to page; got ${engagements.length}.`,
      );
    }
  }),
  severity: "high",
  remediationSteps:
    "Set `incidentTemplate.impact` to 1-5 and list 1-5 contact or escalation plan ARNs in `engagements`.",
};
