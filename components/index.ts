export {
  IncidentManagerSetup,
  type IncidentManagerSetupArgs,
  type KmsChoice,
  type ReplicationRegion,
  incidentManagerKeyPolicy,
  incidentManagerSetupSchema,
} from "./incidentManagerSetup";
export {
  ResponsePlanWithAlarms,
  type ResponsePlanWithAlarmsArgs,
  type ResponsePlanAdoption,
  type Engagement,
  type Impact,
  type IncidentTemplate,
  type RunbookAction,
  type PagerDutyIntegration,
  type AlarmSettings,
  type ResponseAlarm,
  type ResponseCompositeAlarm,
  type ResponseEventRule,
  responsePlanWithAlarmsSchema,
} from "./responsePlanWithAlarms";
export {
  type PolicyDocument,
  type PolicyStatement,
  automationDefinitionArn,
  runbookTrustPolicy,
  automationTrustPolicy,
  runbookPolicy,
  eventsTrustPolicy,
  eventsPolicy,
} from "./iamPolicies";
export type { Tags } from "./tags";
export {
  ValidationError,
  type ValidationIssue,
  type ValidationContext,
  formatPath,
  describeValue,
} from "./validation";
export { maskAddress, normalizePhoneNumber, type PhoneCheck } from "../aws/phone";
export { checkEmailAddress } from "../aws/email";
export {
  EscalationChain,
  type EscalationChainArgs,
  type EscalationStage,
  type EscalationStageTarget,
  type EscalationTarget,
  escalationChainSchema,
} from "./escalationChain";
export {
  buildTimeline,
  renderTimeline,
  retryNote,
  type ArnTarget,
  type TimelineEntry,
  type TimelineStage,
  type TimelineStatus,
  type TimelineTarget,
} from "./timeline";
export {
  OnCallTeam,
  type OnCallTeamArgs,
  type TeamAdoption,
  SECRET_ADDRESS,
  type OnCallTeamSpec,
  type MemberArgs,
  type ChannelArgs,
  type EngagementArgs,
  type RotationArgs,
  type RecurrenceArgs,
  type ChannelSpec,
  type ScheduleArgs,
  onCallTeamSchema,
  defaultScheduleAlias,
  defaultScheduleDisplayName,
  scheduleAliasIssues,
  scheduleOf,
  engagementStages,
  teamChildNames,
  childNameIssues,
  type ChildName,
  DEFAULT_RETRY_MINUTES,
} from "./onCallTeam";
export {
  coverage,
  onCallAt,
  unsettledReadings,
  wallClockInstant,
  formatInstant,
  WEEKDAYS,
  MAX_COVERAGE_DAYS,
  type Weekday,
  type CoverageTime,
  type RotationRecurrence,
  type RotationDefinition,
  type CoverageWindow,
  type TimeSpan,
  type CoverageInterval,
  type CoverageReport,
} from "./coverage";
export {
  type ChannelType,
  type ContactReference,
  type EngagementStep,
  type MemberReference,
  type ScheduleReference,
  isContactReference,
} from "./references";
export { type Engageable, isEngageable } from "./common";
