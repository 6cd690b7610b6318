import { z } from "zod";
import {
  IncidentResourceRule,
  configSchemaOf,
  readConfig,
  validateResourceOfKinds,
} from "../common";
import { regionsOf } from "./regions";

export const customerKeysConfig = z.object({
  /** Accept a replication set that uses AWS-owned keys in every region. */
  allowAwsOwnedKeys: z.boolean().default(false),
});

/** Rule 8: customer-managed KMS keys, never mixed with AWS-owned ones. */
export const requireCustomerManagedKeys: IncidentResourceRule = {
  name: "require-customer-managed-keys",
  description:
    "Checks that the replication set encrypts every region with a customer-managed KMS key, and never mixes customer-managed and AWS-owned keys, which AWS rejects. Switching keys later means deleting the replication set with all its data.",
  configSchema: configSchemaOf(customerKeysConfig),
  enforcementLevel: "advisory",
  validateResource: validateResourceOfKinds(["replicationSet"], (props, args, report) => {
    const cfg = readConfig(customerKeysConfig, args.getConfig(), report);
    const regions = regionsOf(args.type, props);
    const owned = regions.filter((r) => r.key === undefined);
    if (regions.length === 0 || owned.length === 0) return;
    if (owned.length < regions.length) {
      report(
        `The replication set mixes customer-managed and AWS-owned keys: ${owned.map((r) => `\`${r.path}\``).join(", ")} use an AWS-owned key. AWS requires one kind in every region.`,
      );
    } else if (!cfg.allowAwsOwnedKeys) {
      report(
        `The replication set uses AWS-owned keys in every region; use a customer-managed KMS key per region to control and audit access to incident data.`,
      );
    }
  }),
  severity: "medium",
  remediationSteps:
    'Give every region a customer-managed KMS key whose key policy lets ssm-incidents.amazonaws.com and ssm-contacts.amazonaws.com use it (IncidentManagerSetup\'s `kms: "create"` does this). Decide before the first deployment: changing keys replaces the replication set.',
};
