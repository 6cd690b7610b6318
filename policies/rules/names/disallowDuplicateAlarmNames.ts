import { configSchemaOf, IncidentStackRule, label, readConfig, str, TYPES } from "../common";
import { propsOf } from "../graph";
import { regionOf, reportRepeatedNames, uniqueNamesConfig } from "./unique";

const CLASSIC_METRIC_ALARM: string = TYPES.alarm[0];

/**
 * Rule 18 (stack): two CloudWatch alarms with one name in one region. "This name must be unique
 * within the Region" (botocore 1.43 cloudwatch, PutMetricAlarm and PutCompositeAlarm `AlarmName`),
 * and a Put on a taken name "completely overwrites the previous configuration of the alarm".
 * Composite alarm rules name alarms by name alone, of either kind, so metric and composite alarms
 * share the namespace; `AlarmName` is the primary identifier of both CloudFormation types
 * (cfn-lint 1.51 AWS::CloudWatch::Alarm and AWS::CloudWatch::CompositeAlarm).
 */
export const disallowDuplicateAlarmNames: IncidentStackRule = {
  name: "disallow-duplicate-alarm-names",
  description:
    "Checks that no two CloudWatch alarms of the stack, metric or composite, of either provider, have one name in one region. Putting an alarm whose name is taken overwrites the other alarm, so one of the two silently stops opening incidents.",
  configSchema: configSchemaOf(uniqueNamesConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(uniqueNamesConfig, args.getConfig(), report);
    reportRepeatedNames(
      args,
      report,
      ["alarm"],
      cfg.allowedDuplicates,
      (alarm) => {
        // A classic metric alarm's name is `name`; a classic composite alarm's and both aws-native
        // alarms' is `alarmName`. Without one, the provider generates a unique name.
        const field = alarm.type === CLASSIC_METRIC_ALARM ? "name" : "alarmName";
        const name = str(propsOf(alarm)[field]);
        return name === undefined ? undefined : { scope: regionOf(alarm), name };
      },
      (second, first, claim) =>
        `${label(second)} has the alarm name ${JSON.stringify(claim.name)} of ${label(first)} in ${claim.scope}; CloudWatch alarm names are unique in a region across metric and composite alarms, and the second overwrites the first.`,
    );
  },
  severity: "high",
  remediationSteps:
    "Give each metric and composite alarm its own name in its region, or leave the name out to have the provider generate one.",
};
