/**
 * The data schemas of a response plan's CloudWatch alarms: metric alarms and composite alarms,
 * with the response plan always one of their ALARM actions.
 */
import { z } from "zod";
import { ALARM_ACTIONS, DIMENSION_NAME, DIMENSION_VALUE, DIMENSIONS } from "../../aws";
import { checked, regionName, textOf } from "../schemaHelpers";
import { describeValue, input } from "../validation";
import { ComparisonOperator, Statistic, TreatMissingData } from "./args";
import { checkActionArn, checkAlarmName, textRule } from "./fields";

export const actionArns = z.array(input(checked(checkActionArn)));
/** The user's own ALARM actions: CloudWatch allows 5 per state, and the plan is one of them. */
const alarmActions = actionArns.superRefine((actions, ctx) => {
  const max = ALARM_ACTIONS.max - 1;
  if (actions.length > max) {
    ctx.addIssue({
      code: "custom",
      message: `holds at most ${max} actions: CloudWatch allows ${ALARM_ACTIONS.max} per alarm state (${ALARM_ACTIONS.source}) and the response plan is one; got ${actions.length}. Remove ${actions.length - max}.`,
    });
  }
});

/** The fields of {@link AlarmSettings}. */
const alarmSettings = {
  alarmDescription: textOf(0, 1024, "a CloudWatch limit").optional(),
  okActions: actionArns.max(5).optional(),
  alarmActions: alarmActions.optional(),
  region: regionName.optional(),
};

export const alarmSchema = z
  .strictObject({
    name: checked(checkAlarmName),
    namespace: textOf(1, 255, "a CloudWatch namespace"),
    metricName: textOf(1, 255, "a CloudWatch metric name"),
    dimensions: z
      .record(z.string(), input(textRule(DIMENSION_VALUE, "a dimension value")))
      .superRefine((dimensions, ctx) => {
        const names = Object.keys(dimensions);
        if (names.length > DIMENSIONS.max) {
          ctx.addIssue({
            code: "custom",
            message: `holds at most ${DIMENSIONS.max} dimensions (${DIMENSIONS.source}); got ${names.length}. Remove ${names.length - DIMENSIONS.max}.`,
          });
        }
        for (const key of names) {
          if (key.length < DIMENSION_NAME.min || key.length > DIMENSION_NAME.max) {
            ctx.addIssue({
              code: "custom",
              path: [key],
              message: `is a dimension name of ${key.length} characters; CloudWatch allows ${DIMENSION_NAME.min}-${DIMENSION_NAME.max} (${DIMENSION_NAME.source}). Rename it.`,
            });
          }
        }
      })
      .optional(),
    statistic: z.enum(Statistic).optional(),
    extendedStatistic: checked((v) =>
      /^(p|tm|wm|tc|ts)\d{1,2}(\.\d+)?$|^(TM|WM|TC|TS|PR)\(.+\)$/.test(v)
        ? undefined
        : `must be a percentile statistic such as "p99" or "tm90"; got ${describeValue(v)}`,
    ).optional(),
    period: z.number().superRefine((period, ctx) => {
      if (
        !Number.isInteger(period) ||
        !([10, 20, 30].includes(period) || period % 60 === 0) ||
        period <= 0
      ) {
        ctx.addIssue({
          code: "custom",
          message: `must be 10, 20, 30 or a multiple of 60 seconds (a CloudWatch rule); got ${period}`,
        });
      }
    }),
    evaluationPeriods: z.number().int().min(1),
    threshold: z.number(),
    comparisonOperator: z.enum(ComparisonOperator),
    treatMissingData: z.enum(TreatMissingData).optional(),
    ...alarmSettings,
  })
  .superRefine((alarm, ctx) => {
    if ((alarm.statistic === undefined) === (alarm.extendedStatistic === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["statistic"],
        message: `must be set, or \`extendedStatistic\` instead, but not both; got ${alarm.statistic === undefined ? "neither" : "both"}. Pick one, e.g. statistic: "Average".`,
      });
    }
  });

export const compositeAlarmSchema = z.strictObject({
  name: checked(checkAlarmName),
  alarmRule: textOf(1, 10240, "a CloudWatch limit"),
  ...alarmSettings,
});
