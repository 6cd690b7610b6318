import { z } from "zod";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";
import { contactStages, contactsOfType, reachOfStage } from "../graph";

export const emailOnlyFinalStageConfig = z.object({
  /** Channel types the final stage of an escalation plan may use. */
  allowedFinalChannelTypes: z.array(z.enum(["EMAIL", "SMS", "VOICE"])).default(["EMAIL"]),
});

/** Rule 4 (stack): every escalation plan's final stage reaches its targets by EMAIL only. */
export const requireEmailOnlyFinalStage: IncidentStackRule = {
  name: "require-email-only-final-stage",
  description:
    "Checks that the final stage of every escalation plan reaches each of its targets by EMAIL only. It follows the plan to each target contact, that contact's engagement plan, and the channels it engages. A target whose channels cannot be seen is reported, not passed.",
  configSchema: configSchemaOf(emailOnlyFinalStageConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(emailOnlyFinalStageConfig, args.getConfig(), report);
    const allowed = new Set<string>(cfg.allowedFinalChannelTypes);
    for (const escalation of contactsOfType(args, "ESCALATION")) {
      const stages = contactStages(args, escalation);
      if (stages.length === 0) {
        report(
          `${label(escalation)} has no stages, so it has no final stage to check.`,
          escalation.urn,
        );
        continue;
      }
      const { owner, stage } = stages[stages.length - 1];
      const reach = reachOfStage(args, owner, stage, new Set([escalation]));
      const wrong = [...reach.types].filter((t) => !allowed.has(t)).sort();
      if (wrong.length > 0) {
        report(
          `The final stage \`${stage.path}\` of ${label(escalation)} reaches its targets by ${wrong.join(", ")}; it must use ${[...allowed].join(", ")} only, so the last resort does not wake people again.`,
          escalation.urn,
        );
      }
      for (const why of reach.unseen) {
        report(
          `The final stage \`${stage.path}\` of ${label(escalation)} cannot be checked: ${why}.`,
          escalation.urn,
        );
      }
    }
  },
  severity: "high",
  remediationSteps:
    "End every escalation plan with a stage whose targets are contacts engaged by EMAIL channels only (for example a team mailing list), so the last stage informs rather than pages.",
};
