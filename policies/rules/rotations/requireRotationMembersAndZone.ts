import { z } from "zod";
import { checkTimeZoneId, ROTATION_CONTACTS } from "../../../aws/rotations";
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
  minMembers: z.number().int().min(ROTATION_CONTACTS.min).max(ROTATION_CONTACTS.max).default(2),
});

/**
 * An IANA time zone id such as Asia/Tokyo (or UTC), not an abbreviation such as JST, that also
 * matches AWS's TimeZoneId pattern (so not `Etc/GMT+9`).
 */
export function isIanaZone(zone: string): boolean {
  return checkTimeZoneId(zone) === undefined;
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
