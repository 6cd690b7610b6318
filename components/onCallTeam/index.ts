/** OnCallTeam: its args, data schema, resolution and the component. */
export * from "./args";
export { OnCallTeam } from "./component";
export {
  childNameIssues,
  defaultScheduleAlias,
  defaultScheduleDisplayName,
  teamChildNames,
} from "./names";
export type { ChildName, NamedTeam } from "./names";
export {
  DEFAULT_RETRY_MINUTES,
  engagementStages,
  parseOnCallTeamArgs,
  prepareOnCallTeam,
  resolveOnCallTeam,
  scheduleOf,
  SECRET_ADDRESS,
  usePrepared,
} from "./resolution";
export type {
  ChannelSpec,
  MemberSpec,
  OnCallTeamSpec,
  Prepared,
  PrepareOptions,
  ScheduleDefinition,
} from "./resolution";
export { normalizeAddress, onCallTeamSchema } from "./schema";
export type { OnCallTeamData } from "./schema";
