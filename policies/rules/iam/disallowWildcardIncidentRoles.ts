import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { z } from "zod";
import {
  IncidentStackRule,
  configSchemaOf,
  isNative,
  itemReaders,
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

/** A permissions policy of a role: where it is, for messages, and its document. */
interface Permissions {
  readonly where: string;
  readonly doc: unknown;
  /** Why the document cannot be seen, instead of a document. */
  readonly unseen?: string;
}

/** A managed policy's document: classic `policy` (JSON), aws-native `policyDocument`. */
function managedDocument(policy: PolicyResource): unknown {
  const props = propsOf(policy);
  return isNative(policy.type) ? props.policyDocument : props.policy;
}

/** The roles (resources of the stack) that `from` names in `property`, one name or a list. */
function rolesNamedBy(
  args: StackValidationArgs,
  from: PolicyResource,
  property: string,
): PolicyResource[] {
  const value = propsOf(from)[property];
  const refs = Array.isArray(value) ? itemReaders(value) : [() => value];
  return refs
    .map((read) => resolveReference(args, from, property, read, "role"))
    .filter((r) => r !== undefined);
}

/**
 * Every permissions policy of a role: its inline policies, the RolePolicy resources that name it
 * (classic `role`, aws-native `roleName`), the managed policies it lists in `managedPolicyArns`,
 * the classic policies a RolePolicyAttachment or PolicyAttachment attaches to it, and the
 * aws-native ManagedPolicy resources that list it in `roles`. A managed policy that is not in the
 * stack (an AWS managed policy, say) cannot be seen, and is reported so.
 */
function permissionPolicies(args: StackValidationArgs, role: PolicyResource): Permissions[] {
  const props = propsOf(role);
  const inline = isNative(role.type)
    ? list(props.policies).map((p, i) => ({ where: `policies[${i}]`, doc: obj(p)?.policyDocument }))
    : list(props.inlinePolicies).map((p, i) => ({
        where: `inlinePolicies[${i}]`,
        doc: obj(p)?.policy,
      }));
  const rolePolicies = resourcesOf(args, "rolePolicy").flatMap((rp) => {
    const rpProps = propsOf(rp);
    const property = isNative(rp.type) ? "roleName" : "role";
    return rolesNamedBy(args, rp, property).includes(role)
      ? [{ where: label(rp), doc: isNative(rp.type) ? rpProps.policyDocument : rpProps.policy }]
      : [];
  });
  /** A managed policy ARN attached by `where`: its document when the policy is in the stack. */
  const byArn = (from: PolicyResource, property: string, read: () => unknown, where: string) => {
    const policy = resolveReference(args, from, property, read, "managedPolicy");
    if (policy !== undefined)
      return { where: `${where} (${label(policy)})`, doc: managedDocument(policy) };
    return {
      where,
      doc: undefined,
      unseen: `the managed policy ${show(read())} is not in this stack, so it cannot be checked`,
    };
  };
  const listed = itemReaders(props.managedPolicyArns).map((read, i) =>
    byArn(role, "managedPolicyArns", read, `managedPolicyArns[${i}]`),
  );
  const attachments = resourcesOf(args, "policyAttachment").flatMap((a) => {
    const property = a.type.endsWith(":RolePolicyAttachment") ? "role" : "roles";
    if (!rolesNamedBy(args, a, property).includes(role)) return [];
    return [byArn(a, "policyArn", () => propsOf(a).policyArn, label(a))];
  });
  const nativeManaged = resourcesOf(args, "managedPolicy")
    .filter((mp) => isNative(mp.type) && rolesNamedBy(args, mp, "roles").includes(role))
    .map((mp) => ({ where: label(mp), doc: managedDocument(mp) }));
  return [...inline, ...rolePolicies, ...listed, ...attachments, ...nativeManaged];
}

/** Rule 15 (stack): runbook and EventBridge roles have no wildcard actions and scoped resources. */
export const disallowWildcardIncidentRoles: IncidentStackRule = {
  name: "disallow-wildcard-incident-roles",
  description:
    "Checks that roles assumed by Incident Manager (runbooks) or EventBridge (starting incidents) allow no wildcard actions and name the resources they act on, in every policy the role has: inline, a RolePolicy of either provider, and a managed policy listed in managedPolicyArns, attached with a RolePolicyAttachment or PolicyAttachment, or an aws-native ManagedPolicy that lists the role. Such a role should allow ssm:StartAutomationExecution or ssm-incidents:StartIncident on one ARN. A managed policy outside the stack cannot be read and is reported.",
  configSchema: configSchemaOf(wildcardRolesConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(wildcardRolesConfig, args.getConfig(), report);
    for (const role of resourcesOf(args, "role")) {
      if (!trusts(trustPolicy(role), cfg.principals)) continue;
      for (const { where, doc, unseen } of permissionPolicies(args, role)) {
        if (unseen !== undefined) {
          report(`${label(role)}: ${where}: ${unseen}.`, role.urn);
          continue;
        }
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
