/** SSM Incidents facts: the replication set and response plans. */
import { apiMember, apiRange, apiText, RangeRule, TextRule } from "./model";

const PLAN = "ssm-incidents:CreateResponsePlan";

/** Source: ssm-incidents CreateReplicationSet regions (1-3). */
export const REPLICATION_SET_REGIONS: RangeRule = apiRange(
  "ssm-incidents:CreateReplicationSet",
  "regions",
);

/** Source: ssm-incidents CreateResponsePlan name (1-200, `^[a-zA-Z0-9-_]*$`). */
export const RESPONSE_PLAN_NAME: TextRule = apiText(PLAN, "name");

/** Source: ssm-incidents CreateResponsePlan displayName (0-200). */
export const RESPONSE_PLAN_DISPLAY_NAME: TextRule = apiText(PLAN, "displayName");

/** Source: ssm-incidents CreateResponsePlan incidentTemplate.title (0-200). */
export const INCIDENT_TITLE: TextRule = apiText(PLAN, "incidentTemplate.title");

/** Source: ssm-incidents CreateResponsePlan incidentTemplate.summary (0-8000; CloudFormation: 4000). */
export const INCIDENT_SUMMARY: TextRule = apiText(PLAN, "incidentTemplate.summary");

/** Source: ssm-incidents CreateResponsePlan incidentTemplate.dedupeString (0-1000). */
export const DEDUPE_STRING: TextRule = apiText(PLAN, "incidentTemplate.dedupeString");

/** Source: ssm-incidents CreateResponsePlan incidentTemplate.impact (1-5). */
export const IMPACT: RangeRule = apiRange(PLAN, "incidentTemplate.impact");

/** Source: ssm-incidents CreateResponsePlan engagements (0-5). */
export const ENGAGEMENTS: RangeRule = apiRange(PLAN, "engagements");

/** Source: ssm-incidents CreateResponsePlan incidentTemplate.notificationTargets (0-10). */
export const NOTIFICATION_TARGETS: RangeRule = apiRange(
  PLAN,
  "incidentTemplate.notificationTargets",
);

/** Source: ssm-incidents CreateResponsePlan chatChannel.chatbotSns (1-5). */
export const CHATBOT_SNS_TOPICS: RangeRule = apiRange(PLAN, "chatChannel.chatbotSns");

/** Source: ssm-incidents CreateResponsePlan actions (0-1). */
export const ACTIONS: RangeRule = apiRange(PLAN, "actions");

const AUTOMATION = "actions[].ssmAutomation";

/**
 * Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.documentName
 * (`^[a-zA-Z0-9_\-.:/]{3,128}$`: 3-128 characters, a shared document's ARN included).
 */
export const RUNBOOK_DOCUMENT_NAME: TextRule = apiText(PLAN, `${AUTOMATION}.documentName`);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.documentVersion (0-128). */
export const RUNBOOK_DOCUMENT_VERSION: TextRule = apiText(PLAN, `${AUTOMATION}.documentVersion`);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters (1-200). */
export const RUNBOOK_PARAMETERS: RangeRule = apiRange(PLAN, `${AUTOMATION}.parameters`);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters{key} (1-50). */
export const RUNBOOK_PARAMETER_NAME: TextRule = apiText(PLAN, `${AUTOMATION}.parameters{key}`);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters{} (0-100 values). */
export const RUNBOOK_PARAMETER_VALUES: RangeRule = apiRange(PLAN, `${AUTOMATION}.parameters{}`);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.parameters{}[] (0-512). */
export const RUNBOOK_PARAMETER_VALUE: TextRule = apiText(PLAN, `${AUTOMATION}.parameters{}[]`);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.dynamicParameters (1-200). */
export const RUNBOOK_DYNAMIC_PARAMETERS: RangeRule = apiRange(
  PLAN,
  `${AUTOMATION}.dynamicParameters`,
);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.dynamicParameters{key} (1-50). */
export const RUNBOOK_DYNAMIC_PARAMETER_NAME: TextRule = apiText(
  PLAN,
  `${AUTOMATION}.dynamicParameters{key}`,
);

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.dynamicParameters{}.variable. */
export const RUNBOOK_DYNAMIC_VARIABLES: readonly string[] =
  apiMember(PLAN, `${AUTOMATION}.dynamicParameters{}.variable`).enum ?? [];

/** Source: ssm-incidents CreateResponsePlan actions[].ssmAutomation.targetAccount. */
export const RUNBOOK_TARGET_ACCOUNTS: readonly string[] =
  apiMember(PLAN, `${AUTOMATION}.targetAccount`).enum ?? [];

const PAGER_DUTY = "integrations[].pagerDutyConfiguration";

/** Source: ssm-incidents CreateResponsePlan integrations[].pagerDutyConfiguration.name (1-200). */
export const PAGER_DUTY_NAME: TextRule = apiText(PLAN, `${PAGER_DUTY}.name`);

/** Source: ssm-incidents CreateResponsePlan ...pagerDutyIncidentConfiguration.serviceId (1-200). */
export const PAGER_DUTY_SERVICE_ID: TextRule = apiText(
  PLAN,
  `${PAGER_DUTY}.pagerDutyIncidentConfiguration.serviceId`,
);

/** Source: ssm-incidents CreateResponsePlan integrations[].pagerDutyConfiguration.secretId (1-512). */
export const PAGER_DUTY_SECRET_ID: TextRule = apiText(PLAN, `${PAGER_DUTY}.secretId`);
