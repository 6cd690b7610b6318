/**
 * Every rule of the pack, in the order the pack lists them: rules 1-7 mandatory, 8-15 advisory;
 * then rules 16-18, mandatory checks of AWS's facts; the stack-wide name rules 19-23 (mandatory,
 * then advisory); rule 24, the mandatory check against AWS's models; rule 25, advisory, a chat topic
 * without a subscriber; rule 26, mandatory, a contact engaged without an engagement plan; rule 27,
 * advisory, channel targets in an escalation plan
 * (numbers are stable once published).
 * Tests import this barrel; `policies/index.ts` builds the pack from it.
 */
import type { IncidentRule } from "./common";
import { requireE164PhoneChannels } from "./channels/requireE164PhoneChannels";
import { requirePlanCoversChannels } from "./channels/requirePlanCoversChannels";
import { requireTwoChannelTypes } from "./channels/requireTwoChannelTypes";
import { requireValidEmailChannels } from "./channels/requireValidEmailChannels";
import { requireEventPatternArrays } from "./events/requireEventPatternArrays";
import { enforceAwsRequestConstraints } from "./aws/enforceAwsRequestConstraints";
import { disallowWildcardIncidentRoles } from "./iam/disallowWildcardIncidentRoles";
import { enforceRoleNameLength } from "./iam/enforceRoleNameLength";
import { enforcePlanStageTiming } from "./plans/enforceStageTiming";
import { requireEmailOnlyFinalStage } from "./plans/requireEmailOnlyFinalStage";
import { requireOncallScheduleRotations } from "./plans/requireOncallScheduleRotations";
import { requireEngagedContactPlans } from "./plans/requireEngagedContactPlans";
import { disallowEscalationChannelTargets } from "./plans/disallowEscalationChannelTargets";
import { requireResponsePlanReachableCoverage } from "./responsePlans/requireResponsePlanReachableCoverage";
import { requireCustomerManagedKeys } from "./replication/requireCustomerManagedKeys";
import { requireDeletionProtection } from "./replication/requireDeletionProtection";
import { requireMultiRegionReplicationSet } from "./replication/requireMultiRegionReplicationSet";
import { enforceResponsePlanImpactAndEngagements } from "./responsePlans/enforceImpactAndEngagements";
import { requireResponsePlanTrigger } from "./responsePlans/requireResponsePlanTrigger";
import { requireIncidentManagerRegions } from "./regions/requireIncidentManagerRegions";
import { requireRotationMembersAndZone } from "./rotations/requireRotationMembersAndZone";
import { requireTags } from "./tags/requireTags";
import { disallowDuplicateAlarmNames } from "./names/disallowDuplicateAlarmNames";
import { disallowDuplicateContactAliases } from "./names/disallowDuplicateContactAliases";
import { disallowDuplicateEventRuleNames } from "./names/disallowDuplicateEventRuleNames";
import { disallowDuplicateResponsePlanNames } from "./names/disallowDuplicateResponsePlanNames";
import { disallowDuplicateRotationNames } from "./names/disallowDuplicateRotationNames";
import { requireChatTopicSubscriber } from "./responsePlans/requireChatTopicSubscriber";

export * from "./common";
export {
  disallowDuplicateAlarmNames,
  disallowDuplicateContactAliases,
  disallowDuplicateEventRuleNames,
  disallowDuplicateResponsePlanNames,
  disallowDuplicateRotationNames,
  disallowEscalationChannelTargets,
  disallowWildcardIncidentRoles,
  enforceAwsRequestConstraints,
  enforcePlanStageTiming,
  enforceRoleNameLength,
  enforceResponsePlanImpactAndEngagements,
  requireChatTopicSubscriber,
  requireCustomerManagedKeys,
  requireDeletionProtection,
  requireE164PhoneChannels,
  requireEmailOnlyFinalStage,
  requireEngagedContactPlans,
  requireEventPatternArrays,
  requireIncidentManagerRegions,
  requireMultiRegionReplicationSet,
  requireOncallScheduleRotations,
  requirePlanCoversChannels,
  requireResponsePlanReachableCoverage,
  requireResponsePlanTrigger,
  requireRotationMembersAndZone,
  requireTags,
  requireTwoChannelTypes,
  requireValidEmailChannels,
};

/** The rules, numbered as in the pack's rules table. */
export const rules: readonly IncidentRule[] = [
  requireMultiRegionReplicationSet,
  requireE164PhoneChannels,
  requireValidEmailChannels,
  requireEmailOnlyFinalStage,
  enforcePlanStageTiming,
  enforceResponsePlanImpactAndEngagements,
  requireOncallScheduleRotations,
  requireCustomerManagedKeys,
  requireDeletionProtection,
  requireTwoChannelTypes,
  requirePlanCoversChannels,
  requireRotationMembersAndZone,
  requireTags,
  requireResponsePlanTrigger,
  disallowWildcardIncidentRoles,
  requireIncidentManagerRegions,
  requireEventPatternArrays,
  enforceRoleNameLength,
  disallowDuplicateContactAliases,
  disallowDuplicateResponsePlanNames,
  disallowDuplicateAlarmNames,
  disallowDuplicateEventRuleNames,
  disallowDuplicateRotationNames,
  enforceAwsRequestConstraints,
  requireChatTopicSubscriber,
  requireEngagedContactPlans,
  disallowEscalationChannelTargets,
  requireResponsePlanReachableCoverage,
];
