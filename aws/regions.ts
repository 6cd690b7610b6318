/**
 * AWS Region names, and the regions where Incident Manager is offered.
 *
 * Region names come from the `Region` enum that `@pulumi/aws` ships (only the enum module is
 * loaded, which keeps the policy pack quick to start). Incident Manager's regions come from
 * botocore's endpoint data, through the committed extract: a region offers Incident Manager when
 * both ssm-incidents and ssm-contacts have an endpoint there.
 */
import { Region } from "@pulumi/aws/types/enums";
import { AWS_CONSTRAINTS } from "./model";

/** Every Region name `@pulumi/aws` knows, e.g. `ap-northeast-1`. */
export const AWS_REGIONS: ReadonlySet<string> = new Set<string>(Object.values(Region));

/** True when `name` is a Region name `@pulumi/aws` knows. */
export function isAwsRegion(name: string): boolean {
  return AWS_REGIONS.has(name);
}

/** Source: botocore endpoints.json, regions of ssm-incidents and of ssm-contacts, every partition. */
export const INCIDENT_MANAGER_REGIONS: readonly string[] = [
  ...new Set(Object.values(AWS_CONSTRAINTS.regions).flatMap((p) => p.incidentManager)),
].sort();

/** True when Incident Manager (ssm-incidents and ssm-contacts) has endpoints in `name`. */
export function isIncidentManagerRegion(name: string): boolean {
  return INCIDENT_MANAGER_REGIONS.includes(name);
}

/**
 * The rule a region name breaks for a resource of Incident Manager (or one that starts its
 * incidents: an alarm, an EventBridge rule), if any. Completes "`path` ...".
 */
export function checkIncidentManagerRegion(name: string): string | undefined {
  if (isIncidentManagerRegion(name)) return undefined;
  const supported = INCIDENT_MANAGER_REGIONS.join(", ");
  if (!isAwsRegion(name)) {
    return `must be an AWS Region where Incident Manager is offered, such as ap-northeast-1; got ${JSON.stringify(name)}. Use one of ${supported}.`;
  }
  return `must be a region where Incident Manager is offered; got ${name}, which does not offer it (no ssm-incidents/ssm-contacts endpoint in AWS's endpoint data). Use one of ${supported}.`;
}
