import type { PolicyResource } from "@pulumi/policy";
import { z } from "zod";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";
import { channelsOf, contactStages, contactsOfType, engagersOf, targetChannel } from "../graph";
import { targetsOf } from "../plans/stages";

export const planCoversChannelsConfig = z.object({
  /**
   * Report a PERSONAL contact that has channels but no engagement plan and that nothing engages
   * (one that is engaged is require-engaged-contact-plans' mandatory violation).
   */
  requirePlan: z.boolean().default(true),
});

/** Rule 11 (stack): each contact's engagement plan reaches every one of its channels. */
export const requirePlanCoversChannels: IncidentStackRule = {
  name: "require-plan-covers-channels",
  description:
    "Checks that the engagement plan of every PERSONAL contact engages each of the contact's channels. A channel no stage targets is never used during an incident. A contact with channels but no engagement plan is reported here when nothing in the stack engages it, and by require-engaged-contact-plans when something does.",
  configSchema: configSchemaOf(planCoversChannelsConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(planCoversChannelsConfig, args.getConfig(), report);
    for (const contact of contactsOfType(args, "PERSONAL")) {
      const channels = channelsOf(args, contact);
      if (channels.length === 0) continue;
      const stages = contactStages(args, contact);
      if (stages.length === 0) {
        // An engaged contact without a plan is never paged: rule 26 reports that, mandatory.
        if (cfg.requirePlan && engagersOf(args, contact).length === 0) {
          report(
            `${label(contact)} has channels but no engagement plan, so none of them is engaged.`,
            contact.urn,
          );
        }
        continue;
      }
      const engaged = new Set<PolicyResource>();
      for (const { owner, stage } of stages) {
        for (const target of targetsOf(stage)) {
          if (target.kind !== "channel") continue;
          const channel = targetChannel(args, owner, target.channelId);
          if (channel !== undefined) engaged.add(channel);
        }
      }
      for (const channel of channels) {
        if (!engaged.has(channel)) {
          report(
            `The engagement plan of ${label(contact)} never engages ${label(channel)}.`,
            channel.urn,
          );
        }
      }
    }
  },
  severity: "medium",
  remediationSteps:
    "Add a stage target for the channel to the contact's engagement plan, or remove the unused channel.",
};
