import { z } from "zod";
import { normalizePhoneNumber } from "../../../aws/phone";
import {
  IncidentResourceRule,
  configSchemaOf,
  isKind,
  obj,
  readConfig,
  show,
  str,
  validateResourceOfKinds,
} from "../common";
import { channelFields, withAddress } from "./address";

export const e164Config = z.object({
  /** Reject SMS channels on numbers the phone library knows to be fixed lines. */
  rejectFixedLineSms: z.boolean().default(true),
});

/**
 * The E.164 form to rewrite an SMS/VOICE address to, when that is safe: the same number, only
 * written with spaces, dashes or brackets, or with the trunk 0 after the country code.
 */
export function phoneRewrite(address: string): string | undefined {
  const check = normalizePhoneNumber(address, undefined, "VOICE");
  if (check.ok) return check.e164 !== address ? check.e164 : undefined;
  return check.suggestion;
}

/** Rule 2: SMS and VOICE addresses are valid E.164 numbers for their country, no trunk prefix. */
export const requireE164PhoneChannels: IncidentResourceRule = {
  name: "require-e164-phone-channels",
  description:
    "Checks that every SMS and VOICE contact channel address is a valid E.164 number for its country, read with libphonenumber-js, with no trunk prefix after the country code. A number Incident Manager cannot dial never receives the activation code, so the channel can never be engaged.",
  configSchema: configSchemaOf(e164Config),
  enforcementLevel: "mandatory",
  remediateResource: (args) => {
    if (!isKind(args.type, "contactChannel")) return undefined;
    const props = obj(args.props) ?? {};
    const fields = channelFields(args.type, props);
    const type = str(fields.type());
    const address = str(fields.address());
    if ((type !== "SMS" && type !== "VOICE") || address === undefined) return undefined;
    const rewrite = phoneRewrite(address);
    return rewrite === undefined ? undefined : withAddress(args.type, props, rewrite);
  },
  validateResource: validateResourceOfKinds(["contactChannel"], (props, args, report) => {
    const cfg = readConfig(e164Config, args.getConfig(), report);
    const fields = channelFields(args.type, props);
    const type = fields.type();
    if (type !== "SMS" && type !== "VOICE") return;
    const raw = fields.address();
    const address = str(raw);
    if (address === undefined) {
      report(
        `\`${fields.addressPath}\` of this ${type} channel must be a phone number; got ${show(raw)}.`,
      );
      return;
    }
    const check = normalizePhoneNumber(address, undefined, cfg.rejectFixedLineSms ? type : "VOICE");
    if (!check.ok) {
      report(`\`${fields.addressPath}\` ${check.rule}; got ${show(address)}. ${check.hint}`);
    } else if (check.e164 !== address) {
      report(
        `\`${fields.addressPath}\` must be written in E.164 form without spaces or punctuation; got ${show(address)}. Write ${check.e164}.`,
      );
    }
  }),
  severity: "high",
  remediationSteps:
    "Write the number as + then the country code then the subscriber number, with no spaces and no trunk 0 (+819012345678, not +81 090-1234-5678). Set this policy to `remediate` to have such numbers rewritten.",
};
