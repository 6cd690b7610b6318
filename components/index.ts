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
export { maskAddress, normalizePhoneNumber, type PhoneCheck } from "../policies/checks/phone";
export { checkEmailAddress } from "../policies/checks/email";
