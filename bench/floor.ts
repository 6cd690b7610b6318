/**
 * The floor program: registers the resources a component run recorded (same count, types, names,
 * parents, inputs and dependency graph) directly with @pulumi/aws and @pulumi/aws-native, without
 * the components' validation and references.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as native from "@pulumi/aws-native";
import type { CapturedResource } from "../testing";

type Constructor = new (
  name: string,
  args: never,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.CustomResource;

/** The resource classes the organisation uses, by type token. */
const CLASSES: Readonly<Record<string, Constructor>> = {
  "aws-native:ssmincidents:ReplicationSet": native.ssmincidents.ReplicationSet,
  "aws-native:ssmcontacts:Rotation": native.ssmcontacts.Rotation,
  "aws-native:ssmcontacts:Contact": native.ssmcontacts.Contact,
  "aws:ssmcontacts/contact:Contact": aws.ssmcontacts.Contact,
  "aws:ssmcontacts/contactChannel:ContactChannel": aws.ssmcontacts.ContactChannel,
  "aws:ssmcontacts/plan:Plan": aws.ssmcontacts.Plan,
  "aws:ssmincidents/responsePlan:ResponsePlan": aws.ssmincidents.ResponsePlan,
  "aws:cloudwatch/metricAlarm:MetricAlarm": aws.cloudwatch.MetricAlarm,
  "aws:cloudwatch/eventRule:EventRule": aws.cloudwatch.EventRule,
  "aws:cloudwatch/eventTarget:EventTarget": aws.cloudwatch.EventTarget,
  "aws:iam/role:Role": aws.iam.Role,
  "aws:iam/rolePolicy:RolePolicy": aws.iam.RolePolicy,
} as unknown as Record<string, Constructor>;

/** A component with a given type token and no logic, standing in for ours. */
class Group extends pulumi.ComponentResource {
  constructor(type: string, name: string, opts?: pulumi.ComponentResourceOptions) {
    super(type, name, {}, opts);
    this.registerOutputs({});
  }
}

/**
 * The recorded inputs, with each input that came from other resources (a property dependency,
 * such as a channel's `contactId`) given as an Output of those resources, as a program written
 * by hand passes `contact.arn`: the floor waits for what it names, as the components do.
 */
function wiredInputs(
  r: CapturedResource,
  built: ReadonlyMap<string, pulumi.Resource>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = { ...r.inputs };
  for (const [key, urns] of Object.entries(r.propertyDependencies)) {
    if (urns.length === 0 || !(key in inputs)) continue;
    const value = inputs[key];
    inputs[key] = pulumi.all(urns.map((urn) => built.get(urn)!.urn)).apply(() => value);
  }
  return inputs;
}

/**
 * Registers `recorded` directly, in the recorded order (a parent is always registered before its
 * children, and a resource after what it depends on). The dependency graph is the components':
 * inputs that came from other resources are Outputs of them, and every other recorded dependency
 * is a `dependsOn`, so both programs deploy in the same order and the ratio measures the
 * components' own work (validation, references, the Outputs they compose), not the graph.
 */
export function registerDirectly(recorded: readonly CapturedResource[]): void {
  const built = new Map<string, pulumi.Resource>();
  for (const r of recorded) {
    const parent = r.parent ? built.get(r.parent) : undefined;
    if (r.parent && !parent) throw new Error(`${r.name} was recorded before its parent`);
    if (r.custom) {
      const Class = CLASSES[r.type];
      if (!Class) throw new Error(`the floor program has no class for ${r.type}`);
      const viaInputs = new Set(Object.values(r.propertyDependencies).flat());
      const dependsOn = r.dependencies
        .filter((urn) => !viaInputs.has(urn))
        .map((urn) => built.get(urn)!);
      const opts = dependsOn.length > 0 ? { parent, dependsOn } : { parent };
      built.set(r.urn, new Class(r.name, wiredInputs(r, built) as never, opts));
    } else {
      built.set(r.urn, new Group(r.type, r.name, { parent }));
    }
  }
}
