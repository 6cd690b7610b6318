/**
 * The floor program: registers the resources a component run recorded (same count, types, names,
 * parents and inputs) directly with @pulumi/aws and @pulumi/aws-native, with plain values instead
 * of the components' validation, references and Outputs.
 */
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as native from "@pulumi/aws-native";
import type { CapturedResource } from "../plan/capture";

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
 * Registers `recorded` directly, in the recorded order (a parent is always registered before its
 * children, so it is already built when a child needs it).
 */
export function registerDirectly(recorded: readonly CapturedResource[]): void {
  const built = new Map<string, pulumi.Resource>();
  for (const r of recorded) {
    const parent = r.parent ? built.get(r.parent) : undefined;
    if (r.parent && !parent) throw new Error(`${r.name} was recorded before its parent`);
    if (r.custom) {
      const Class = CLASSES[r.type];
      if (!Class) throw new Error(`the floor program has no class for ${r.type}`);
      built.set(r.urn, new Class(r.name, r.inputs as never, { parent }));
    } else {
      built.set(r.urn, new Group(r.type, r.name, { parent }));
    }
  }
}
