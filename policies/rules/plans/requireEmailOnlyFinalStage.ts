import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { z } from "zod";
import { FINAL_STAGE_EXEMPTION_TAG } from "../../../aws/tags";
import {
  IncidentStackRule,
  configSchemaOf,
  label,
  readConfig,
  reportAdvisory,
  str,
  tagsOf,
} from "../common";
import { contactStages, contactsOfType, planResourcesOf, propsOf, reachOfStage } from "../graph";

export const emailOnlyFinalStageConfig = z.object({
  /** Channel types the final stage of an escalation plan may use. */
  allowedFinalChannelTypes: z.array(z.enum(["EMAIL", "SMS", "VOICE"])).default(["EMAIL"]),
  /**
   * Escalation plans whose final stage may page by SMS or VOICE on purpose: the URN, the Pulumi
   * name or the alias of the ESCALATION contact, or the URN or name of its Plan resource. Each is
   * reported as an advisory note instead.
   */
  exemptResources: z.array(z.string()).default([]),
});

const { key: TAG_KEY, value: TAG_VALUE } = FINAL_STAGE_EXEMPTION_TAG;

/** Why `escalation` is exempt (the tag, or the config entry that names it), if it is. */
function exemption(
  args: StackValidationArgs,
  escalation: PolicyResource,
  exempt: ReadonlySet<string>,
): string | undefined {
  if (tagsOf(propsOf(escalation)).get(TAG_KEY) === TAG_VALUE) {
    return `its tag \`${TAG_KEY}: "${TAG_VALUE}"\` (EscalationChain's \`allowInterruptiveFinalStage: true\`)`;
  }
  const alias = str(propsOf(escalation).alias);
  const names = [escalation, ...planResourcesOf(args, escalation)].flatMap((r) => [r.urn, r.name]);
  const listed = [...names, ...(alias === undefined ? [] : [alias])].find((n) => exempt.has(n));
  return listed === undefined ? undefined : `\`exemptResources\` (${JSON.stringify(listed)})`;
}

/** Rule 4 (stack): every escalation plan's final stage reaches its targets by EMAIL only. */
export const requireEmailOnlyFinalStage: IncidentStackRule = {
  name: "require-email-only-final-stage",
  description:
    "Checks that the final stage of every escalation plan reaches each of its targets by EMAIL only. It follows the plan to each target contact, that contact's engagement plan, and the channels it engages. A target whose channels cannot be seen is reported, not passed. An escalation plan exempted by its tag incident-manager/allow-interruptive-final-stage or by exemptResources is reported as an advisory note instead.",
  configSchema: configSchemaOf(emailOnlyFinalStageConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const rule = requireEmailOnlyFinalStage;
    const cfg = readConfig(emailOnlyFinalStageConfig, args.getConfig(), report);
    const allowed = new Set<string>(cfg.allowedFinalChannelTypes);
    const exempt = new Set(cfg.exemptResources);
    for (const escalation of contactsOfType(args, "ESCALATION")) {
      const why = exemption(args, escalation, exempt);
      const stages = contactStages(args, escalation);
      if (stages.length === 0) {
        if (why !== undefined) continue; // nothing to exempt; rules 5 and 24 see the empty plan
        report(
          `${label(escalation)} has no stages, so it has no final stage to check.`,
          escalation.urn,
        );
        continue;
      }
      const { owner, stage } = stages[stages.length - 1];
      const reach = reachOfStage(args, owner, stage, new Set([escalation]));
      const wrong = [...reach.types].filter((t) => !allowed.has(t)).sort();
      if (why !== undefined) {
        const what =
          wrong.length > 0
            ? `reaches its targets by ${wrong.join(", ")}`
            : reach.unseen.length > 0
              ? `cannot be checked (${reach.unseen.join("; ")})`
              : `reaches its targets by ${[...allowed].join(", ")} only`;
        reportAdvisory(
          report,
          rule,
          `${label(escalation)} is exempt from this rule by ${why}: its final stage \`${stage.path}\` ${what}.`,
          escalation.urn,
        );
        continue;
      }
      if (wrong.length > 0) {
        report(
          `The final stage \`${stage.path}\` of ${label(escalation)} reaches its targets by ${wrong.join(", ")}; it must use ${[...allowed].join(", ")} only, so the last resort does not wake people again.`,
          escalation.urn,
        );
      }
      for (const unseen of reach.unseen) {
        report(
          `The final stage \`${stage.path}\` of ${label(escalation)} cannot be checked: ${unseen}.`,
          escalation.urn,
        );
      }
    }
  },
  severity: "high",
  remediationSteps:
    "End every escalation plan with a stage whose targets are contacts engaged by EMAIL channels only (for example a team mailing list), so the last stage informs rather than pages. To keep an interruptive final stage on purpose, set EscalationChain's `allowInterruptiveFinalStage: true` (it tags the contact incident-manager/allow-interruptive-final-stage=true), or list the contact in this rule's `exemptResources`.",
};
