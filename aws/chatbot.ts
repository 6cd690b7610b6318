/**
 * Chat channel facts: AWS Chatbot (now "Amazon Q Developer in chat applications") channel
 * configurations for Slack and Microsoft Teams, the SNS topics Incident Manager publishes to, and
 * the commands responders run from the channel.
 */
import { apiText, TextRule } from "./model";

const SLACK = "chatbot:CreateSlackChannelConfiguration";
const TEAMS = "chatbot:CreateMicrosoftTeamsChannelConfiguration";

/** Source: chatbot CreateSlackChannelConfiguration ConfigurationName (1-128, `[A-Za-z0-9-_]+`). */
export const CHAT_CONFIGURATION_NAME: TextRule = apiText(SLACK, "ConfigurationName");

/**
 * Source: chatbot CreateSlackChannelConfiguration SlackTeamId (1-255, `[0-9A-Z]{1,255}`): "The ID
 * of the Slack workspace authorized with AWS Chatbot".
 */
export const SLACK_WORKSPACE_ID: TextRule = apiText(SLACK, "SlackTeamId");

/** Source: chatbot CreateSlackChannelConfiguration SlackChannelId (1-255, `[A-Za-z0-9]+`). */
export const SLACK_CHANNEL_ID: TextRule = apiText(SLACK, "SlackChannelId");

/** Source: chatbot CreateMicrosoftTeamsChannelConfiguration TeamId (36, a UUID). */
export const TEAMS_TEAM_ID: TextRule = apiText(TEAMS, "TeamId");

/** Source: chatbot CreateMicrosoftTeamsChannelConfiguration TenantId (36, a UUID). */
export const TEAMS_TENANT_ID: TextRule = apiText(TEAMS, "TenantId");

/**
 * Source: chatbot CreateMicrosoftTeamsChannelConfiguration ChannelId (1-255, a URL-encoded
 * Teams channel id: `...%3a...%40...`).
 */
export const TEAMS_CHANNEL_ID: TextRule = apiText(TEAMS, "ChannelId");

/** Source: chatbot CreateSlackChannelConfiguration LoggingLevel (`(ERROR|INFO|NONE)`). */
export const CHAT_LOGGING_LEVELS = ["ERROR", "INFO", "NONE"] as const;

/**
 * The service principal Incident Manager publishes to a chat channel's SNS topic as, and the
 * statement AWS gives for the topic's access policy (Sid, action and condition as written there).
 * Source: Incident Manager user guide, "Working with chat channels", Task 1; the PagerDuty page's
 * key and secret policies name the same principal.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export const INCIDENT_MANAGER_PRINCIPAL = "ssm-incidents.amazonaws.com";

/**
 * The service principal that assumes a Chatbot channel role. Source: AWS Chatbot administrator
 * guide, "IAM policies for AWS Chatbot" (the channel role is "a user-defined role that AWS
 * Chatbot assumes": chatbot CreateSlackChannelConfiguration IamRoleArn).
 * @see https://docs.aws.amazon.com/chatbot/latest/adminguide/chatbot-iam-policies.html
 */
export const CHATBOT_PRINCIPAL = "chatbot.amazonaws.com";

/**
 * The AWS managed policy the Incident Manager user guide names as the channel guardrail policy of
 * a chat channel for incidents (Task 2, step 11). Without a guardrail, Chatbot applies
 * `AdministratorAccess` (chatbot CreateSlackChannelConfiguration GuardrailPolicyArns: "The AWS
 * managed AdministratorAccess policy is applied by default if this is not set").
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export const CHAT_GUARDRAIL_POLICY = "AWSIncidentManagerResolverAccess";

/**
 * The `ssm-incidents` commands responders may run from a Slack or Microsoft Teams chat channel,
 * as IAM actions. Source: Incident Manager user guide, "Interacting through the chat channel"
 * (start-incident, list-response-plans, get-response-plan, create-, delete-, get-, list- and
 * update-timeline-event(s), get-, list- and update-incident-record(s), list- and
 * update-related-items); the same thirteen actions as the `AWSIncidentManagerResolverAccess`
 * managed policy.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export const CHAT_COMMANDS = {
  /** On the response plan. */
  responsePlan: ["ssm-incidents:StartIncident", "ssm-incidents:GetResponsePlan"],
  /** On the incident records the response plan opens. */
  incidentRecord: [
    "ssm-incidents:GetIncidentRecord",
    "ssm-incidents:UpdateIncidentRecord",
    "ssm-incidents:ListTimelineEvents",
    "ssm-incidents:CreateTimelineEvent",
    "ssm-incidents:GetTimelineEvent",
    "ssm-incidents:UpdateTimelineEvent",
    "ssm-incidents:DeleteTimelineEvent",
    "ssm-incidents:ListRelatedItems",
    "ssm-incidents:UpdateRelatedItems",
  ],
  /** Listing commands, which name no resource. */
  list: ["ssm-incidents:ListResponsePlans", "ssm-incidents:ListIncidentRecords"],
} as const;

/**
 * The incident records a response plan opens:
 * `arn:<partition>:ssm-incidents::<account>:incident-record/<response plan name>/<id>`. Source:
 * the Incident Manager user guide's chat command example
 * (`arn:aws:ssm-incidents::111122223333:incident-record/MyResponsePlanChat/98c397e6-...`).
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/chat.html
 */
export function incidentRecordArns(partition: string, account: string, planName: string): string {
  return `arn:${partition}:ssm-incidents::${account}:incident-record/${planName}/*`;
}
