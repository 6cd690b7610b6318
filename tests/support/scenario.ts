/** Pieces of the reference scenario that several specs build or expect. */

/** The scenario's CPU alarm: an instance's average CPU above 90% for two minutes. */
export const EMERGENCY_ALARM = {
  name: "emergency-alarm",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { InstanceId: "i-0123456789abcdef0" },
  statistic: "Average",
  period: 60,
  evaluationPeriods: 2,
  threshold: 90,
  comparisonOperator: "GreaterThanThreshold",
} as const;

/** The moment the scenario's timelines are taken: Tuesday 3 November 2026, 10:00 in Tokyo. */
export const TIMELINE_AT = new Date("2026-11-03T01:00:00Z");

/** The escalation plan's paging timeline, engaging the OnCallTeam's taro, jiro and saburo. */
export const EMERGENCY_TIMELINE = [
  "t+0   stage 1  taro    VOICE  +81******001",
  "t+5   stage 2  jiro    SMS    +81******002",
  "t+10  stage 3  saburo  EMAIL  s*****@example.com",
].join("\n");
