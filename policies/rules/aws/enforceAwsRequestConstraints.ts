import { z } from "zod";
import {
  COVERED_TYPES,
  formatViolation,
  INCIDENT_MANAGER_REGIONS,
  validateResource,
} from "../../../aws/requests";
import { IncidentResourceRule, configSchemaOf, obj, readConfig, str } from "../common";

export const awsRequestConstraintsConfig = z.object({
  checkRegions: z.boolean().default(true),
});

const COVERED = new Set(COVERED_TYPES);

/**
 * Rule 24: every value a covered resource sends to AWS meets AWS's own constraints (botocore's
 * service models for classic resources, the CloudFormation schemas for aws-native ones), and SSM
 * Contacts and SSM Incidents resources are in a region where Incident Manager is offered.
 */
export const enforceAwsRequestConstraints: IncidentResourceRule = {
  name: "enforce-aws-request-constraints",
  description:
    "Checks every value a resource sends to AWS against AWS's own published constraints: the API request its classic @pulumi/aws provider sends (botocore's service models) or its aws-native CloudFormation type (the registry schema): required members, lengths, sizes, ranges, enums and patterns. SSM Contacts and SSM Incidents resources, and the replication set's regions, must be in a region where Incident Manager is offered. AWS refuses such values when the resource is created.",
  configSchema: configSchemaOf(awsRequestConstraintsConfig),
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    if (!COVERED.has(args.type)) {
      args.notApplicable(`Policy only applies to resources of type ${COVERED_TYPES.join(", ")}`);
    }
    const cfg = readConfig(awsRequestConstraintsConfig, args.getConfig(), report);
    let providerRegion: string | undefined;
    try {
      providerRegion = str(obj(args.provider?.props)?.region);
    } catch {
      providerRegion = undefined; // still unknown during preview
    }
    const found = validateResource(args.type, args.name, obj(args.props) ?? {}, { providerRegion });
    for (const v of found ?? []) {
      if (v.rule === "region" && !cfg.checkRegions) continue;
      report(`${formatViolation(v, false)}.`);
    }
  },
  severity: "high",
  remediationSteps: `Change the value to one AWS accepts, as the message says (AWS's pattern, length or range, from its service model or CloudFormation schema). Deploy SSM Contacts and SSM Incidents resources in one of ${INCIDENT_MANAGER_REGIONS.length} regions where Incident Manager is offered (${INCIDENT_MANAGER_REGIONS.join(", ")}).`,
};
