import { z } from "zod";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";
import { channelType, channelsOf, contactsOfType } from "../graph";

export const channelTypesConfig = z.object({
  /** The fewest distinct channel types (EMAIL, SMS, VOICE) per PERSONAL contact. */
  minChannelTypes: z.number().int().min(1).max(3).default(2),
});

/** Rule 10 (stack): each PERSONAL contact has at least 2 channel types. */
export const requireTwoChannelTypes: IncidentStackRule = {
  name: "require-two-channel-types",
  description:
    "Checks that every PERSONAL contact has channels of at least `minChannelTypes` different types (2 by default), as AWS recommends, so one failed channel does not leave the person unreachable.",
  configSchema: configSchemaOf(channelTypesConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(channelTypesConfig, args.getConfig(), report);
    for (const contact of contactsOfType(args, "PERSONAL")) {
      const types = new Set(
        channelsOf(args, contact)
          .map(channelType)
          .filter((t) => t !== undefined),
      );
      if (types.size < cfg.minChannelTypes) {
        report(
          `${label(contact)} has ${types.size === 0 ? "no channels" : `channels of ${types.size} type (${[...types].sort().join(", ")})`}; give it at least ${cfg.minChannelTypes} of EMAIL, SMS and VOICE.`,
          contact.urn,
        );
      }
    }
  },
  severity: "medium",
  remediationSteps: "Add a channel of another type to the contact, e.g. SMS next to EMAIL.",
};
