/**
 * What AWS receives for a registered resource, checked against AWS's own models.
 *
 * - {@link mapResource}: a resource's inputs (as registered) to the API request its classic
 *   `@pulumi/aws` provider sends, or to its aws-native resource's CloudFormation properties.
 * - {@link validateResource}: every value of those against the extract of botocore's service models
 *   and cfn-lint's CloudFormation schemas (aws/models/constraints.json), and the resource's region
 *   against the regions where Incident Manager is offered (botocore's endpoint data).
 *
 * This module imports nothing of ours but aws/model.ts: the conformance command and the policy
 * pack both use it.
 */
import { AWS_CONSTRAINTS } from "../model";
import { CLASSIC } from "./classic";
import { nativeMapping } from "./native";
import type { RequestViolation, ResourceMapping } from "./types";
import { validateRequest } from "./validate";
import { items, keysOf, read, UNKNOWN } from "./values";

export { autoName } from "./classic";
export { cfnTypeOfToken } from "./native";
export type {
  AwsRequest,
  RequestTarget,
  RequestViolation,
  ResourceMapping,
  RuleKind,
} from "./types";
export { validateRequest } from "./validate";
export { UNKNOWN } from "./values";

/** The type tokens this module maps: every classic one, then the aws-native ones extracted. */
export const COVERED_TYPES: readonly string[] = [
  ...Object.keys(CLASSIC),
  ...Object.keys(AWS_CONSTRAINTS.cloudformation).map((name) => {
    const [, module, resource] = name.split("::");
    return `aws-native:${module!.toLowerCase()}:${resource}`;
  }),
];

/** The requests a resource's provider sends, or `undefined` for a type this module does not cover. */
export function mapResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): ResourceMapping | undefined {
  // Read each input once, defensively: a value unknown during preview becomes UNKNOWN.
  const known: Record<string, unknown> = {};
  for (const key of keysOf(inputs)) known[key] = read(inputs, key);
  const classic = CLASSIC[type];
  if (classic !== undefined) return classic(known, name);
  return nativeMapping(type, known);
}

/**
 * Every region where Incident Manager is offered: where both ssm-incidents and ssm-contacts have an
 * endpoint (botocore endpoints.json), across partitions.
 */
export const INCIDENT_MANAGER_REGIONS: readonly string[] = Object.values(
  AWS_CONSTRAINTS.regions,
).flatMap((p) => p.incidentManager);

const SERVICES_IN_IM_REGIONS = new Set(["ssm-contacts", "ssm-incidents"]);

/** Where a resource is, for the region check. */
export interface ResourceContext {
  /** The region of the resource's provider, when its `region` input does not say. */
  readonly providerRegion?: string;
}

/**
 * Validates a registered resource: its requests against AWS's constraints and, for SSM Contacts
 * and SSM Incidents resources, its region (the `region` input, else the provider's) and the
 * replication set's regions. Returns `undefined` for a type this module does not cover.
 */
export function validateResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  context: ResourceContext = {},
): RequestViolation[] | undefined {
  const mapping = mapResource(type, name, inputs);
  if (mapping === undefined) return undefined;
  const resource = { type, name };
  const violations = mapping.requests.flatMap((r) => validateRequest(r.target, r.body, resource));
  if (SERVICES_IN_IM_REGIONS.has(mapping.service)) {
    const own = read(inputs, "region");
    // A `region` still unknown is skipped: the provider's region is not assumed in its place.
    const region =
      own === UNKNOWN ? undefined : typeof own === "string" ? own : context.providerRegion;
    const target = `${mapping.service} endpoint`;
    if (region !== undefined && !INCIDENT_MANAGER_REGIONS.includes(region)) {
      violations.push(regionViolation(resource, target, "region", region));
    }
    for (const request of mapping.requests) {
      for (const [path, regionName] of replicationRegions(request.body, request.target)) {
        if (!INCIDENT_MANAGER_REGIONS.includes(regionName)) {
          violations.push(regionViolation(resource, target, path, regionName));
        }
      }
    }
  }
  return violations;
}

/** The replication set's regions in a request body, with their paths. */
function replicationRegions(
  body: Record<string, unknown>,
  target: ResourceMapping["requests"][number]["target"],
): [string, string][] {
  if (target.kind === "api" && target.operation === "ssm-incidents:CreateReplicationSet") {
    const regions = read(body, "regions");
    return typeof regions === "object" && regions !== null && !Array.isArray(regions)
      ? Object.keys(regions).map((r) => [`regions[${JSON.stringify(r)}] (key)`, r])
      : [];
  }
  if (target.kind === "cfn" && target.typeName === "AWS::SSMIncidents::ReplicationSet") {
    const list = items(read(body, "Regions"));
    if (!Array.isArray(list)) return [];
    return list.flatMap((r, i) => {
      const n = read(r, "RegionName");
      return typeof n === "string" ? [[`Regions[${i}].RegionName`, n] as [string, string]] : [];
    });
  }
  return [];
}

function regionViolation(
  resource: { type: string; name: string },
  target: string,
  path: string,
  region: string,
): RequestViolation {
  return {
    resourceType: resource.type,
    resourceName: resource.name,
    target,
    path,
    rule: "region",
    value: JSON.stringify(region),
    message: `must be a region where Incident Manager is offered (ssm-incidents and ssm-contacts both have endpoints): ${INCIDENT_MANAGER_REGIONS.join(", ")}`,
  };
}

/**
 * One line: `<type> '<name>': <target> `<path>` <rule>; got <value> (AWS: <doc>)`. Without the
 * resource (`withResource: false`) where the reader already knows it (a policy violation).
 */
export function formatViolation(v: RequestViolation, withResource = true): string {
  const doc = v.doc === undefined ? "" : ` (AWS: ${v.doc})`;
  const who = withResource ? `${v.resourceType} '${v.resourceName}': ` : "";
  return `${who}${v.target} \`${v.path}\` ${v.message}; got ${v.value}${doc}`;
}
