import { z } from "zod";
import { checkEmailAddress } from "../../../aws/email";
import {
  IncidentResourceRule,
  configSchemaOf,
  readConfig,
  show,
  str,
  validateResourceOfKinds,
} from "../common";
import { channelFields } from "./address";

export const emailConfig = z.object({
  /** Domains EMAIL channels may use; empty allows any. */
  allowedDomains: z.array(z.string()).default([]),
});

/** Rule 3: EMAIL addresses are valid. */
export const requireValidEmailChannels: IncidentResourceRule = {
  name: "require-valid-email-channels",
  description:
    "Checks that every EMAIL contact channel address is a valid email address of 6 to 1000 characters, and, when `allowedDomains` is set, that it is in one of those domains.",
  configSchema: configSchemaOf(emailConfig),
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfKinds(["contactChannel"], (props, args, report) => {
    const cfg = readConfig(emailConfig, args.getConfig(), report);
    const fields = channelFields(args.type, props);
    if (fields.type() !== "EMAIL") return;
    const raw = fields.address();
    const address = str(raw);
    const rule = address === undefined ? "must be an email address" : checkEmailAddress(address);
    if (rule !== undefined) {
      report(`\`${fields.addressPath}\` ${rule}; got ${show(raw)}.`);
      return;
    }
    const domain = address!.slice(address!.lastIndexOf("@") + 1).toLowerCase();
    if (
      cfg.allowedDomains.length > 0 &&
      !cfg.allowedDomains.some((d) => d.toLowerCase() === domain)
    ) {
      report(
        `\`${fields.addressPath}\` must be in one of the allowed domains (${cfg.allowedDomains.join(", ")}); got ${show(address)}.`,
      );
    }
  }),
  severity: "high",
  remediationSteps: "Write a deliverable address such as oncall@example.com in the EMAIL channel.",
};
