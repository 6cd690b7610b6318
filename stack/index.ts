// The root stack's program (`pulumi up` at the repository root): builds the components from the
// one structured config value `incident-manager:spec` (see Pulumi.dev.yaml and stack/spec.ts).
import * as pulumi from "@pulumi/pulumi";
import { buildStack, readSpec } from "./spec";

const built = buildStack(readSpec());

export const replicationSetArn = built.setup.replicationSetArn;
export const primaryRegion = built.setup.primaryRegion;
export const escalationPlanArns = pulumi.all(
  Object.fromEntries(Object.entries(built.escalations).map(([name, chain]) => [name, chain.arn])),
);
export const responsePlanArns = pulumi.all(
  Object.fromEntries(Object.entries(built.responsePlans).map(([name, plan]) => [name, plan.arn])),
);
