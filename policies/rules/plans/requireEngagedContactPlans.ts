import { z } from "zod";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";
import { channelType, channelsOf, contactStages, contactsOfType, engagersOf } from "../graph";

export const engagedContactPlansConfig = z.object({
  /** Count a rotation's members as engaged (an on-call schedule pages them through it). */
  includeRotationMembers: z.boolean().default(true),
});

/**
 * Rule 25 (stack): a PERSONAL contact that something engages has an engagement plan. Source:
 * ssm-contacts CreateContact `Plan`: "A contact has an engagement plan with stages that contact
 * specified contact channels"; without stages no channel is engaged.
 */
export const requireEngagedContactPlans: IncidentStackRule = {
  name: "require-engaged-contact-plans",
  description:
    "Checks that every PERSONAL contact with channels that a response plan engages, an escalation plan targets or a rotation lists has an engagement plan. Incident Manager engages a contact's channels through the stages of its engagement plan only, so such a contact is never paged. During preview, an engagement still unknown is reported as not checked.",
  configSchema: configSchemaOf(engagedContactPlansConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(engagedContactPlansConfig, args.getConfig(), report);
    for (const contact of contactsOfType(args, "PERSONAL")) {
      const channels = channelsOf(args, contact);
      if (channels.length === 0 || contactStages(args, contact).length > 0) continue;
      const engagers = engagersOf(args, contact).filter(
        (e) => cfg.includeRotationMembers || e.kind !== "rotation",
      );
      if (engagers.length === 0) continue;
      const types = [...new Set(channels.map((c) => channelType(c) ?? "an unknown type"))].sort();
      report(
        `${label(contact)} has channels (${types.join(", ")}) but no engagement plan, so Incident Manager never pages it when ${engagers.map((e) => e.what).join(", ")} engages it.`,
        contact.urn,
      );
    }
  },
  severity: "critical",
  remediationSteps:
    "Give the contact an engagement plan whose stages target its channels (a classic `ssmcontacts.Plan` with `contactId`, or an aws-native contact's `plan`; OnCallTeam makes one for every member), or stop engaging it.",
};
