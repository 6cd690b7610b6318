/** ResponsePlanWithAlarms: its args (data), its two checking steps and the component. */
export * from "./args";
export {
  COMPONENT,
  parseResponsePlanWithAlarmsArgs,
  responsePlanWithAlarmsSchema,
  type ResponsePlanWithAlarmsData,
  type StepResult,
} from "./schema";
export { resolveResponsePlanWithAlarms, type ResponsePlanWithAlarmsSpec } from "./resolution";
export { prepareResponsePlanWithAlarms, ResponsePlanWithAlarms, usePrepared } from "./component";
