/** IncidentManagerSetup: args, data schema, resolution and the component. */
export type { IncidentManagerSetupArgs } from "./args";
export {
  incidentManagerSetupSchema,
  parseIncidentManagerSetupArgs,
  type IncidentManagerSetupData,
} from "./schema";
export {
  resolveIncidentManagerSetup,
  prepareIncidentManagerSetup,
  usePrepared,
  type IncidentManagerSetupSpec,
  type PreparedIncidentManagerSetup,
  type SetupResolutionContext,
} from "./resolution";
export { IncidentManagerSetup, incidentManagerKeyPolicy } from "./component";
