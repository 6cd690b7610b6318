/**
 * The resource tree `plan` prints: each component and its children, with the type and the inputs
 * that matter for that type. Secret inputs print as `[secret]`; phone numbers and email addresses
 * are masked wherever they appear, secret or not.
 */
import { maskAddress } from "../aws/phone";
import type { CapturedResource } from "../testing";

/** One node of the tree. */
export interface TreeNode {
  readonly type: string;
  readonly name: string;
  readonly protect: boolean;
  /** The key inputs, already masked. */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly children: TreeNode[];
}

/** The inputs worth showing, per type (both provider flavours). Others show none. */
const KEY_INPUTS: Record<string, readonly string[]> = {
  "aws-native:ssmincidents:ReplicationSet": ["regions", "deletionProtected"],
  "aws:ssmincidents/replicationSet:ReplicationSet": ["regions"],
  "aws:kms/key:Key": ["region", "enableKeyRotation"],
  "aws:kms/alias:Alias": ["region", "name"],
  "aws:ssmcontacts/contact:Contact": ["alias", "type", "displayName"],
  "aws-native:ssmcontacts:Contact": ["alias", "type", "displayName", "plan"],
  "aws:ssmcontacts/contactChannel:ContactChannel": ["name", "type", "deliveryAddress"],
  "aws-native:ssmcontacts:ContactChannel": [
    "channelName",
    "channelType",
    "channelAddress",
    "deferActivation",
  ],
  "aws:ssmcontacts/plan:Plan": ["stages"],
  "aws-native:ssmcontacts:Plan": ["stages", "rotationIds"],
  "aws:ssm/contactsRotation:ContactsRotation": ["name", "timeZoneId", "contactIds", "recurrence"],
  "aws-native:ssmcontacts:Rotation": ["name", "timeZoneId", "contactIds", "recurrence"],
  "aws:ssmincidents/responsePlan:ResponsePlan": ["name", "incidentTemplate", "engagements"],
  "aws-native:ssmincidents:ResponsePlan": ["name", "incidentTemplate", "engagements"],
  "aws:cloudwatch/metricAlarm:MetricAlarm": [
    "name",
    "namespace",
    "metricName",
    "comparisonOperator",
    "threshold",
    "alarmActions",
  ],
  "aws:cloudwatch/compositeAlarm:CompositeAlarm": ["alarmName", "alarmRule", "alarmActions"],
  "aws:cloudwatch/eventRule:EventRule": ["name", "eventPattern"],
  "aws:cloudwatch/eventTarget:EventTarget": ["rule", "arn", "roleArn"],
  "aws:iam/role:Role": ["name"],
  "aws:iam/rolePolicy:RolePolicy": ["name"],
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ["policyArn"],
};

/** A phone number in international form, also written with spaces, dashes, dots or brackets. */
const PHONE = /^\+\d[\d ().-]{4,}\d$/;
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Masks phone numbers and email addresses anywhere in a value. */
export function maskPersonalData(value: unknown): unknown {
  if (typeof value === "string") {
    return PHONE.test(value) || EMAIL.test(value) ? maskAddress(value) : value;
  }
  if (Array.isArray(value)) return value.map(maskPersonalData);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskPersonalData(v);
    return out;
  }
  return value;
}

function keyInputs(resource: CapturedResource): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEY_INPUTS[resource.type] ?? []) {
    if (resource.inputs[key] === undefined) continue;
    out[key] = resource.secretInputs.includes(key)
      ? "[secret]"
      : maskPersonalData(resource.inputs[key]);
  }
  return out;
}

/** Builds the tree from captured registrations (roots are resources without a captured parent). */
export function buildTree(resources: readonly CapturedResource[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const r of resources) {
    nodes.set(r.urn, {
      type: r.type,
      name: r.name,
      protect: r.protect,
      inputs: keyInputs(r),
      children: [],
    });
  }
  const roots: TreeNode[] = [];
  for (const r of resources) {
    const node = nodes.get(r.urn)!;
    const parent = r.parent === undefined ? undefined : nodes.get(r.parent);
    (parent?.children ?? roots).push(node);
  }
  return roots;
}

function compact(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** The tree as indented text lines. */
export function renderTree(roots: readonly TreeNode[]): string[] {
  const lines: string[] = [];
  const walk = (node: TreeNode, prefix: string, last: boolean, depth: number) => {
    const branch = depth === 0 ? "" : last ? "└─ " : "├─ ";
    const flags = node.protect ? "  [protected]" : "";
    lines.push(`${prefix}${branch}${node.name}  (${node.type})${flags}`);
    const childPrefix = depth === 0 ? "" : `${prefix}${last ? "   " : "│  "}`;
    for (const [key, value] of Object.entries(node.inputs)) {
      lines.push(
        `${childPrefix}${node.children.length > 0 ? "│" : " "}    ${key}: ${compact(value)}`,
      );
    }
    node.children.forEach((child, i) =>
      walk(child, childPrefix, i === node.children.length - 1, depth + 1),
    );
  };
  roots.forEach((root) => walk(root, "", true, 0));
  return lines;
}
