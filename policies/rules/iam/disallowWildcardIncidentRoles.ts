import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { z } from "zod";
import {
  IncidentStackRule,
  configSchemaOf,
  isNative,
  label,
  list,
  obj,
  readConfig,
  resolveReference,
  resourcesOf,
  show,
} from "../common";
import { propsOf } from "../graph";

export const wildcardRolesConfig = z.object({
  /** Service principals whose roles this rule checks. */
  principals: z.array(z.string()).default(["ssm-incidents.amazonaws.com", "events.amazonaws.com"]),
});

/** A policy document from a JSON string or an object; undefined when it cannot be read. */
export function policyDocument(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === "string") {
    try {
      return obj(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return obj(value);
}

function statements(doc: Record<string, unknown> | undefined): Record<string, unknown>[] {
  const raw = doc?.Statement;
  return (Array.isArray(raw) ? raw : [raw]).map(obj).filter((s) => s !== undefined);
}

function strings(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** True when a trust policy lets one of `principals` assume the role. */
export function trusts(
  doc: Record<string, unknown> | undefined,
  principals: readonly string[],
): boolean {
  return statements(doc).some((st) =>
    strings(obj(st.Principal)?.Service).some(
      (s) => typeof s === "string" && principals.includes(s),
    ),
  );
}

/** What is wrong with a permissions policy: wildcard actions and unscoped resources. */
export function wildcardProblems(doc: Record<string, unknown> | undefined): string[] {
  if (doc === undefined) return ["its policy document cannot be read"];
  const problems: string[] = [];
  statements(doc).forEach((st, i) => {
    if (st.Effect !== "Allow") return;
    if (st.NotAction !== undefined) problems.push(`Statement[${i}] allows NotAction`);
    const wild = strings(st.Action).filter((a) => typeof a !== "string" || a.includes("*"));
    if (wild.length > 0) problems.push(`Statement[${i}] allows wildcard actions ${show(wild)}`);
    if (st.NotResource !== undefined) problems.push(`Statement[${i}] uses NotResource`);
    else if (strings(st.Resource).some((r) => r === "*" || r === undefined)) {
      problems.push(`Statement[${i}] applies to every resource ("*")`);
    }
  });
  return problems;
}

function trustPolicy(role: PolicyResource): Record<string, unknown> | undefined {
  const props = propsOf(role);
  return policyDocument(
    isNative(role.type) ? props.assumeRolePolicyDocument : props.assumeRolePolicy,
  );
}

/** The inline policies of a role and the RolePolicy resources attached to it. */
function permissionPolicies(
  args: StackValidationArgs,
  role: PolicyResource,
): { where: string; doc: unknown }[] {
  const props = propsOf(role);
  const inline = isNative(role.type)
    ? list(props.policies).map((p, i) => ({ where: `policies[${i}]`, doc: obj(p)?.policyDocument }))
    : list(props.inlinePolicies).map((p, i) => ({
        where: `inlinePolicies[${i}]`,
        doc: obj(p)?.policy,
      }));
  const attached = resourcesOf(args, "rolePolicy").flatMap((rp) => {
    const rpProps = propsOf(rp);
    const property = isNative(rp.type) ? "roleName" : "role";
    const target = resolveReference(args, rp, property, () => rpProps[property], "role");
    return target === role
      ? [{ where: label(rp), doc: isNative(rp.type) ? rpProps.policyDocument : rpProps.policy }]
      : [];
  });
  return [...inline, ...attached];
}

/** Rule 15 (stack): runbook and EventBridge roles have no wildcard actions and scoped resources. */
export const disallowWildcardIncidentRoles: IncidentStackRule = {
  name: "disallow-wildcard-incident-roles",
  description:
    "Checks that roles assumed by Incident Manager (runbooks) or EventBridge (starting incidents) allow no wildcard actions and name the resources they act on. Such a role should allow ssm:StartAutomationExecution or ssm-incidents:StartIncident on one ARN.",
  configSchema: configSchemaOf(wildcardRolesConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(wildcardRolesConfig, args.getConfig(), report);
    for (const role of resourcesOf(args, "role")) {
      if (!trusts(trustPolicy(role), cfg.principals)) continue;
      for (const { where, doc } of permissionPolicies(args, role)) {
        for (const problem of wildcardProblems(policyDocument(doc))) {
          report(`${label(role)}: ${where}: ${problem}.`, role.urn);
        }
      }
    }
  },
  severity: "high",
  remediationSteps:
    "Allow only the actions the role needs (ssm:StartAutomationExecution for a runbook, ssm-incidents:StartIncident for an EventBridge target) on the one automation definition or response plan ARN.",
};
