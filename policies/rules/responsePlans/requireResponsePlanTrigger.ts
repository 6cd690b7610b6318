import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { z } from "zod";
import {
  IncidentStackRule,
  configSchemaOf,
  isKind,
  label,
  list,
  obj,
  readConfig,
  resourcesOf,
  str,
} from "../common";
import { propsOf } from "../graph";

export const responsePlanTriggerConfig = z.object({
  /** Count EventBridge targets as triggers (alarms always count). */
  allowEventBridge: z.boolean().default(true),
});

/** The ARNs a resource sends to that could start an incident, with the property they sit in. */
function triggerArns(resource: PolicyResource): { property: string; arns: () => unknown[] }[] {
  const props = propsOf(resource);
  if (isKind(resource.type, "alarm")) {
    return [{ property: "alarmActions", arns: () => list(props.alarmActions) }];
  }
  if (isKind(resource.type, "eventTarget")) return [{ property: "arn", arns: () => [props.arn] }];
  if (isKind(resource.type, "eventRule")) {
    return [{ property: "targets", arns: () => list(props.targets).map((t) => obj(t)?.arn) }];
  }
  return [];
}

/** True when `source` starts `plan`, by value or (during preview) by property dependency. */
function starts(
  source: PolicyResource,
  plan: PolicyResource,
  planArn: string | undefined,
): boolean {
  let unknown: unknown;
  for (const { property, arns } of triggerArns(source)) {
    if ((source.propertyDependencies?.[property] ?? []).includes(plan)) return true;
    try {
      if (planArn !== undefined && arns().some((a) => str(a) === planArn)) return true;
    } catch (err) {
      unknown = err;
    }
  }
  if (unknown !== undefined) throw unknown;
  return false;
}

function readArn(plan: PolicyResource): string | undefined {
  try {
    return str(propsOf(plan).arn);
  } catch {
    return undefined; // unknown during preview; property dependencies still link it
  }
}

function sources(args: StackValidationArgs, allowEventBridge: boolean): PolicyResource[] {
  const alarms = resourcesOf(args, "alarm");
  if (!allowEventBridge) return alarms;
  return [...alarms, ...resourcesOf(args, "eventTarget"), ...resourcesOf(args, "eventRule")];
}

/** Rule 14 (stack): each response plan is started by an alarm action or an EventBridge target. */
export const requireResponsePlanTrigger: IncidentStackRule = {
  name: "require-response-plan-trigger",
  description:
    "Checks that every response plan is started by something in the stack: a CloudWatch alarm whose alarm actions include the plan, or an EventBridge target that is the plan. A response plan nothing starts never opens an incident.",
  configSchema: configSchemaOf(responsePlanTriggerConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(responsePlanTriggerConfig, args.getConfig(), report);
    const from = sources(args, cfg.allowEventBridge);
    for (const plan of resourcesOf(args, "responsePlan")) {
      const arn = readArn(plan);
      if (!from.some((source) => starts(source, plan, arn))) {
        report(
          `${label(plan)} is not started by any alarm action${cfg.allowEventBridge ? " or EventBridge target" : ""} in this stack.`,
          plan.urn,
        );
      }
    }
  },
  severity: "medium",
  remediationSteps:
    "Add the response plan's ARN to a CloudWatch alarm's `alarmActions`, or target it from an EventBridge rule with a role allowed `ssm-incidents:StartIncident` (ResponsePlanWithAlarms does both).",
};
