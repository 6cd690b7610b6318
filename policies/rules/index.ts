/**
 * Every rule of the pack, in the order the pack lists them: rules 1-7 mandatory, 8-15 advisory,
 * then rule 16, the mandatory check against AWS's models (numbers are stable once published).
 * Tests import this barrel; `policies/index.ts` builds the pack from it.
 */
import type { IncidentRule } from "./common";
import { requireE164PhoneChannels } from "./channels/requireE164PhoneChannels";
import { requirePlanCoversChannels } from "./channels/requirePlanCoversChannels";
import { requireTwoChannelTypes } from "./channels/requireTwoChannelTypes";
import { requireValidEmailChannels } from "./channels/requireValidEmailChannels";
import { enforceAwsRequestConstraints } from "./aws/enforceAwsRequestConstraints";
import { disallowWildcardIncidentRoles } from "./iam/disallowWildcardIncidentRoles";
import { enforcePlanStageTiming } from "./plans/enforceStageTiming";
import { requireEmailOnlyFinalStage } from "./plans/requireEmailOnlyFinalStage";
import { requireOncallScheduleRotations } from "./plans/requireOncallScheduleRotations";
import { requireCustomerManagedKeys } from "./replication/requireCustomerManagedKeys";
import { requireDeletionProtection } from "./replication/requireDeletionProtection";
import { requireMultiRegionReplicationSet } from "./replication/requireMultiRegionReplicationSet";
import { enforceResponsePlanImpactAndEngagements } from "./responsePlans/enforceImpactAndEngagements";
import { requireResponsePlanTrigger } from "./responsePlans/requireResponsePlanTrigger";
import { requireRotationMembersAndZone } from "./rotations/requireRotationMembersAndZone";
import { requireTags } from "./tags/requireTags";

export * from "./common";
export {
  disallowWildcardIncidentRoles,
  enforceAwsRequestConstraints,
  enforcePlanStageTiming,
  enforceResponsePlanImpactAndEngagements,
  requireCustomerManagedKeys,
  requireDeletionProtection,
  requireE164PhoneChannels,
  requireEmailOnlyFinalStage,
  requireMultiRegionReplicationSet,
  requireOncallScheduleRotations,
  requirePlanCoversChannels,
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
  enforceAwsRequestConstraints,
];
