import { z } from "zod";
import { RETRY_INTERVAL_MINUTES, STAGE_DURATION_MINUTES } from "../../../aws/contacts";
import {
  IncidentResourceRule,
  configSchemaOf,
  num,
  readConfig,
  show,
  validateResourceOfKinds,
} from "../common";
import { stagesOf, targetsOf } from "./stages";

export const stageTimingConfig = z.object({
  maxStageDurationMinutes: z
    .number()
    .int()
    .min(STAGE_DURATION_MINUTES.min)
    .max(STAGE_DURATION_MINUTES.max)
    .default(STAGE_DURATION_MINUTES.max),
  maxRetryIntervalMinutes: z
    .number()
    .int()
    .min(RETRY_INTERVAL_MINUTES.min)
    .max(RETRY_INTERVAL_MINUTES.max)
    .default(RETRY_INTERVAL_MINUTES.max),
});

/** Rule 5: stage durations 0-30 minutes (0 only with targets) and retry intervals 0-60. */
export const enforcePlanStageTiming: IncidentResourceRule = {
  name: "enforce-plan-stage-timing",
  description:
    "Checks that every engagement or escalation plan stage lasts 0 to 30 minutes, lasts 0 minutes only when it has targets, and that every channel target's retry interval (the wait before resending an engagement that failed to send) is 0 to 60 minutes. AWS rejects other values when the plan is created.",
  configSchema: configSchemaOf(stageTimingConfig),
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfKinds(["plan", "contact"], (props, args, report) => {
    const cfg = readConfig(stageTimingConfig, args.getConfig(), report);
    for (const stage of stagesOf(args.type, props)) {
      const raw = stage.props.durationInMinutes;
      const targets = targetsOf(stage);
      // An ONCALL_SCHEDULE contact's plan entry lists rotations and has neither.
      if (raw === undefined && targets.length === 0) continue;
      const duration = num(raw);
      if (duration === undefined || !Number.isInteger(duration)) {
        report(
          `\`${stage.path}.durationInMinutes\` must be a whole number of minutes; got ${show(raw)}.`,
        );
      } else if (duration < 0 || duration > cfg.maxStageDurationMinutes) {
        report(
          `\`${stage.path}.durationInMinutes\` must be 0-${cfg.maxStageDurationMinutes} minutes; got ${duration}.`,
        );
      } else if (duration === 0 && targets.length === 0) {
        report(
          `\`${stage.path}.durationInMinutes\` is 0 but the stage has no targets; give it a target or a duration.`,
        );
      }
      for (const target of targets) {
        if (target.kind !== "channel") continue;
        const retryRaw = target.retryIntervalInMinutes();
        if (retryRaw === undefined) continue;
        const retry = num(retryRaw);
        if (
          retry === undefined ||
          !Number.isInteger(retry) ||
          retry < 0 ||
          retry > cfg.maxRetryIntervalMinutes
        ) {
          report(
            `\`${target.path}.retryIntervalInMinutes\` must be 0-${cfg.maxRetryIntervalMinutes} minutes; got ${show(retryRaw)}.`,
          );
        }
      }
    }
  }),
  severity: "high",
  remediationSteps:
    "Set each stage's `durationInMinutes` to 0-30 (use 0 only on a stage with targets) and each channel target's `retryIntervalInMinutes` to 0-60.",
};
