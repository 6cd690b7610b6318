/**
 * The components the provider serves, by class name (tokens `incident-manager:index:<Name>`).
 * `npm run provider-schema` publishes exactly these in `provider/schema.json`; a component is
 * listed once its args are plain data the schema can carry.
 */
export const SERVED_COMPONENTS: readonly string[] = [
  "IncidentManagerSetup",
  "OnCallTeam",
  "EscalationChain",
  "ResponsePlanWithAlarms",
];
