import { z } from "zod";
import {
  IncidentResourceRule,
  configSchemaOf,
  isNative,
  readConfig,
  validateResourceOfKinds,
} from "../common";

export const deletionProtectionConfig = z.object({
  /** Also require the Pulumi `protect` resource option. */
  requireProtect: z.boolean().default(true),
});

/** Rule 9: deletion protection on, and the `protect` option set. */
export const requireDeletionProtection: IncidentResourceRule = {
  name: "require-deletion-protection",
  description:
    "Checks that the replication set has Incident Manager's deletion protection on and the Pulumi `protect` option set. Deleting the replication set deletes every incident record.",
  configSchema: configSchemaOf(deletionProtectionConfig),
  enforcementLevel: "advisory",
  validateResource: validateResourceOfKinds(["replicationSet"], (props, args, report) => {
    const cfg = readConfig(deletionProtectionConfig, args.getConfig(), report);
    // The classic provider exposes deletionProtected as an output only; AWS's default applies.
    if (isNative(args.type) && props.deletionProtected !== true) {
      report(
        "`deletionProtected` must be true so the replication set cannot be deleted by accident.",
      );
    }
    if (cfg.requireProtect && args.opts?.protect !== true) {
      report(
        "The replication set must have the `protect` resource option, so `pulumi destroy` refuses to delete it.",
      );
    }
  }),
  severity: "medium",
  remediationSteps:
    "Set `deletionProtected: true` on the aws-native replication set and pass `{ protect: true }` in its resource options (IncidentManagerSetup does both unless `allowDestroy` is set).",
};
