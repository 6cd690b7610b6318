import { IANAZone } from "luxon";
import { z } from "zod";
import {
  IncidentResourceRule,
  configSchemaOf,
  list,
  readConfig,
  show,
  str,
  validateResourceOfKinds,
} from "../common";

export const rotationConfig = z.object({
  /** The fewest members a rotation may have. */
  minMembers: z.number().int().min(1).max(30).default(2),
});

/** An IANA time zone id such as Asia/Tokyo (or UTC), not an abbreviation such as JST. */
export function isIanaZone(zone: string): boolean {
  return (zone === "UTC" || zone.includes("/")) && IANAZone.isValidZone(zone);
}

/** Rule 12: at least 2 members and an IANA time zone. */
export const requireRotationMembersAndZone: IncidentResourceRule = {
  name: "require-rotation-members-and-zone",
  description:
    "Checks that every on-call rotation has at least `minMembers` members (2 by default) and an IANA time zone id such as Asia/Tokyo. A one-person rotation has no one to hand over to.",
  configSchema: configSchemaOf(rotationConfig),
  enforcementLevel: "advisory",
  validateResource: validateResourceOfKinds(["rotation"], (props, args, report) => {
    const cfg = readConfig(rotationConfig, args.getConfig(), report);
    const members = list(props.contactIds);
    if (members.length < cfg.minMembers) {
      report(`\`contactIds\` must list at least ${cfg.minMembers} members; got ${members.length}.`);
    }
    const zone = str(props.timeZoneId);
    if (zone === undefined || !isIanaZone(zone)) {
      report(
        `\`timeZoneId\` must be an IANA time zone id such as Asia/Tokyo; got ${show(props.timeZoneId)}.`,
      );
    }
  }),
  severity: "low",
  remediationSteps:
    "Add a second member to `contactIds` and set `timeZoneId` to an IANA id (Asia/Tokyo, America/Los_Angeles), not an abbreviation (JST, PST).",
};
