import {
  AUTO_NAME_SUFFIX_LENGTH,
  MAX_AUTO_NAMED_ROLE_RESOURCE_NAME,
  ROLE_NAME,
} from "../../../aws/iam";
import { z } from "zod";
import {
  configSchemaOf,
  IncidentResourceRule,
  readConfig,
  str,
  validateResourceOfKinds,
} from "../common";

export const roleNameLengthConfig = z.object({
  /** Characters the provider adds when it auto-names a role: "-" and 7 random characters. */
  autoNameSuffixLength: z.number().int().min(0).max(ROLE_NAME.max).default(AUTO_NAME_SUFFIX_LENGTH),
});

/** Rule 18: an IAM role's name, given or auto-named, fits IAM's 64 characters. */
export const enforceRoleNameLength: IncidentResourceRule = {
  name: "enforce-role-name-length",
  description: `Checks that an IAM role's name fits IAM's ${ROLE_NAME.max} characters, including the name the provider makes when none is given: the resource name, "-" and 7 random characters. A longer name fails when the role is created, so the runbook or EventBridge role that lets Incident Manager act is never made.`,
  configSchema: configSchemaOf(roleNameLengthConfig),
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfKinds(["role"], (props, args, report) => {
    const cfg = readConfig(roleNameLengthConfig, args.getConfig(), report);
    const given = str(props.name) ?? str(props.roleName);
    if (given !== undefined) {
      if (given.length > ROLE_NAME.max) {
        report(
          `\`${props.name !== undefined ? "name" : "roleName"}\` must be at most ${ROLE_NAME.max} characters (${ROLE_NAME.source}); got ${given.length}.`,
        );
      }
      return;
    }
    if (props.namePrefix !== undefined) return;
    if (args.name.length + cfg.autoNameSuffixLength > ROLE_NAME.max) {
      report(
        `The role has no name, so the provider names it '${args.name}' plus ${cfg.autoNameSuffixLength} characters: ${args.name.length + cfg.autoNameSuffixLength}, more than IAM's ${ROLE_NAME.max}.`,
      );
    }
  }),
  severity: "high",
  remediationSteps: `Give the role an explicit \`name\` of at most ${ROLE_NAME.max} characters, or a resource name of at most ${MAX_AUTO_NAMED_ROLE_RESOURCE_NAME} characters.`,
};
