export {
  IncidentManagerSetup,
  type IncidentManagerSetupArgs,
  type KmsChoice,
  type ReplicationRegion,
  incidentManagerKeyPolicy,
  incidentManagerSetupSchema,
} from "./incidentManagerSetup";
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
  type ArnTarget,
  type TimelineEntry,
  type TimelineStage,
  type TimelineStatus,
  type TimelineTarget,
} from "./timeline";
