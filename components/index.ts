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
