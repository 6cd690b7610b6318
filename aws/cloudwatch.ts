/** CloudWatch facts: metric and composite alarms. */
import { apiRange, apiText, RangeRule, TextRule } from "./model";

/** Source: cloudwatch PutMetricAlarm AlarmName (1-255). */
export const ALARM_NAME: TextRule = apiText("cloudwatch:PutMetricAlarm", "AlarmName");

/** Source: cloudwatch PutMetricAlarm AlarmDescription (0-1024). */
export const ALARM_DESCRIPTION: TextRule = apiText("cloudwatch:PutMetricAlarm", "AlarmDescription");

/** Source: cloudwatch PutMetricAlarm Namespace (1-255). */
export const NAMESPACE: TextRule = apiText("cloudwatch:PutMetricAlarm", "Namespace");

/** Source: cloudwatch PutMetricAlarm MetricName (1-255). */
export const METRIC_NAME: TextRule = apiText("cloudwatch:PutMetricAlarm", "MetricName");

/** Source: cloudwatch PutMetricAlarm Dimensions (at most 30). */
export const DIMENSIONS: RangeRule = apiRange("cloudwatch:PutMetricAlarm", "Dimensions");

/** Source: cloudwatch PutMetricAlarm Dimensions[].Name (1-255). */
export const DIMENSION_NAME: TextRule = apiText("cloudwatch:PutMetricAlarm", "Dimensions[].Name");

/** Source: cloudwatch PutMetricAlarm Dimensions[].Value (1-1024). */
export const DIMENSION_VALUE: TextRule = apiText("cloudwatch:PutMetricAlarm", "Dimensions[].Value");

/** Source: cloudwatch PutMetricAlarm AlarmActions (at most 5). */
export const ALARM_ACTIONS: RangeRule = apiRange("cloudwatch:PutMetricAlarm", "AlarmActions");

/** Source: cloudwatch PutMetricAlarm OKActions (at most 5). */
export const OK_ACTIONS: RangeRule = apiRange("cloudwatch:PutMetricAlarm", "OKActions");

/** Source: cloudwatch PutCompositeAlarm AlarmRule (1-10240). */
export const ALARM_RULE: TextRule = apiText("cloudwatch:PutCompositeAlarm", "AlarmRule");
