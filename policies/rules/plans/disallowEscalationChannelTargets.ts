import { z } from "zod";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";
import { channelType, contactStages, contactsOfType, targetChannel } from "../graph";
import { targetsOf } from "./stages";

export const escalationChannelTargetsConfig = z.object({
  /** Channel types an escalation plan's stage may target directly, e.g. `["EMAIL"]`. */
  allowedChannelTypes: z.array(z.enum(["EMAIL", "SMS", "VOICE"])).default([]),
});

/**
 * Rule 27 (stack): escalation plans' stages target contacts, not contact channels. Source:
 * ssm-contacts CreateContact `Plan` ("A contact has an engagement plan with stages that contact
 * specified contact channels. An escalation plan uses stages that contact specified contacts.").
 * The model's `Target` allows either in any plan and AWS documents no refusal, so this is advisory.
 */
export const disallowEscalationChannelTargets: IncidentStackRule = {
  name: "disallow-escalation-channel-targets",
  description:
    "Checks that the stages of every escalation plan target contacts or on-call schedules, not contact channels. AWS documents escalation plan stages as engaging contacts, and engagement plan stages as engaging a contact's channels (ssm-contacts CreateContact Plan); its API model allows a channel target in either and documents no refusal, so a channel target in an escalation plan is reported as advisory: it bypasses the contact's own engagement plan.",
  configSchema: configSchemaOf(escalationChannelTargetsConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(escalationChannelTargetsConfig, args.getConfig(), report);
    const allowed = new Set<string>(cfg.allowedChannelTypes);
    for (const escalation of contactsOfType(args, "ESCALATION")) {
      for (const { owner, stage } of contactStages(args, escalation)) {
        for (const target of targetsOf(stage)) {
          if (target.kind !== "channel") continue;
          const channel = targetChannel(args, owner, target.channelId);
          const type = channel === undefined ? undefined : channelType(channel);
          if (type !== undefined && allowed.has(type)) continue;
          const which = channel === undefined ? "a contact channel" : `${label(channel)} (${type})`;
          report(
            `\`${target.path}\` of ${label(escalation)}'s escalation plan${owner === escalation ? "" : ` (${label(owner)})`} targets ${which}; AWS documents an escalation plan's stages as engaging contacts, not channels. Target the channel's contact instead, so its engagement plan pages it.`,
            owner.urn,
          );
        }
      }
    }
  },
  severity: "medium",
  remediationSteps:
    "Replace the channel target with a contact target (`contactTargetInfo: { contactId, isEssential }`) for the channel's contact, and let that contact's engagement plan engage the channel.",
};
