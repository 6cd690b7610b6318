/**
 * The chat channel a response plan creates: its data schema (Slack or Microsoft Teams ids checked
 * against AWS Chatbot's patterns before anything registers) and its resources: an SNS topic per
 * replication-set region with the access policy AWS gives for Incident Manager, the channel
 * configuration subscribed to them, and the configuration's role.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  CHAT_CONFIGURATION_NAME,
  CHAT_GUARDRAIL_POLICY,
  CHAT_LOGGING_LEVELS,
  SLACK_CHANNEL_ID,
  SLACK_WORKSPACE_ID,
  TEAMS_CHANNEL_ID,
  TEAMS_TEAM_ID,
  TEAMS_TENANT_ID,
  TextRule,
} from "../../aws";
import { checked } from "../schemaHelpers";
import { describeValue } from "../validation";
import {
  chatChannelPolicy,
  chatChannelTrustPolicy,
  chatTopicPolicy,
  type PolicyDocument,
} from "../iamPolicies";

/** A chat id checked against Chatbot's rule, with where to find the right one. */
function chatId(rule: TextRule, what: string, where: string) {
  return checked((value) => {
    if (value.length >= rule.min && value.length <= rule.max && rule.pattern!.test(value)) {
      return undefined;
    }
    return `must be ${what}: ${rule.min === rule.max ? rule.min : `${rule.min}-${rule.max}`} characters matching ${rule.patternText} (${rule.source}); got ${describeValue(value)}. ${where}`;
  });
}

const slackSchema = z.strictObject({
  workspaceId: chatId(
    SLACK_WORKSPACE_ID,
    "a Slack workspace id such as T07EA123LEP",
    "Copy the workspace id from the Chatbot console's configured Slack client (the workspace must be authorised there first).",
  ),
  channelId: chatId(
    SLACK_CHANNEL_ID,
    "a Slack channel id such as C07EZ1ABC23",
    "Copy the channel's link in Slack: the id is its last part (not the channel's name).",
  ),
});

const teamsSchema = z.strictObject({
  teamId: chatId(
    TEAMS_TEAM_ID,
    "a Microsoft Teams team id (a UUID)",
    "Copy it from the team's link (groupId=...).",
  ),
  channelId: chatId(
    TEAMS_CHANNEL_ID,
    "a Microsoft Teams channel id as URL-encoded in the channel's link, such as 19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2",
    "Copy it from the channel's link, still URL-encoded.",
  ),
  tenantId: chatId(
    TEAMS_TENANT_ID,
    "a Microsoft 365 tenant id (a UUID)",
    "Copy it from the team's link (tenantId=...).",
  ),
});

/** The schema of {@link ChatChannel}: exactly one of `slack` and `teams`. */
export const chatChannelSchema = z
  .strictObject({
    slack: slackSchema.optional(),
    teams: teamsSchema.optional(),
    configurationName: chatId(
      CHAT_CONFIGURATION_NAME,
      "a chat configuration name",
      "Use letters, digits, `-` and `_`.",
    ).optional(),
    loggingLevel: z.enum(CHAT_LOGGING_LEVELS).optional(),
  })
  .superRefine((chat, ctx) => {
    if ((chat.slack === undefined) === (chat.teams === undefined)) {
      ctx.addIssue({
        code: "custom",
        message: `needs exactly one of \`slack\` ({ workspaceId, channelId }) and \`teams\` ({ teamId, channelId, tenantId }); got ${chat.slack === undefined ? "neither" : "both"}.`,
      });
    }
  });

/** The chat channel's data, once parsed. */
export type ChatChannelData = z.output<typeof chatChannelSchema>;

/**
 * The default configuration name (the response plan's) when it breaks Chatbot's rule: a plan name
 * may hold 200 characters, a configuration name 128.
 */
export function configurationNameIssue(planName: string): string | undefined {
  const rule = CHAT_CONFIGURATION_NAME;
  if (planName.length <= rule.max && rule.pattern!.test(planName)) return undefined;
  return `is not set, so the channel configuration is named after the response plan, ${describeValue(planName)}, which is not 1-${rule.max} of ${rule.patternText} (${rule.source}). Set \`chatChannel.configurationName\`.`;
}

/** What {@link createChatChannel} registers and returns. */
export interface ChatChannelResources {
  /** The topics' ARNs, primary region first. */
  readonly topicArns: pulumi.Output<string>[];
  /** The topics' access policies: the response plan waits for them. */
  readonly topicPolicies: aws.sns.TopicPolicy[];
  readonly configuration:
    aws.chatbot.SlackChannelConfiguration | aws.chatbot.TeamsChannelConfiguration;
  readonly configurationArn: pulumi.Output<string>;
  readonly roleArn: pulumi.Output<string>;
}

/** Everything the chat channel needs from the component. */
export interface ChatChannelContext {
  readonly name: string;
  readonly planName: string;
  readonly configurationName: string;
  /** The regions the topics live in, primary first; `[undefined]` for the provider's region. */
  readonly regions: readonly (string | undefined)[];
  readonly identity: () => pulumi.Output<{ account: string; partition: string }>;
  readonly options: (extra?: pulumi.CustomResourceOptions) => pulumi.CustomResourceOptions;
  readonly tagArg: { tags?: Record<string, string> };
}

const json = (doc: pulumi.Output<PolicyDocument>) => doc.apply((d) => JSON.stringify(d));

/**
 * Registers the chat channel: `<name>-chat-<region>` topics (one per region of the replication
 * set, as AWS recommends) with Incident Manager's publishing statement, the role `<name>-chat`
 * and the Slack or Teams configuration `<name>-chat`.
 */
export function createChatChannel(
  chat: ChatChannelData,
  context: ChatChannelContext,
): ChatChannelResources {
  const { name, planName, identity, options, tagArg } = context;
  const topicArns: pulumi.Output<string>[] = [];
  const topicPolicies: aws.sns.TopicPolicy[] = [];
  for (const region of context.regions) {
    const child = region === undefined ? `${name}-chat` : `${name}-chat-${region}`;
    const at = region === undefined ? {} : { region };
    const topic = new aws.sns.Topic(child, { ...at, ...tagArg }, options());
    topicPolicies.push(
      new aws.sns.TopicPolicy(
        child,
        {
          ...at,
          arn: topic.arn,
          policy: json(
            pulumi
              .all([topic.arn, identity()])
              .apply(([arn, { account }]) => chatTopicPolicy(arn, account)),
          ),
        },
        options(),
      ),
    );
    topicArns.push(topic.arn);
  }
  const role = new aws.iam.Role(
    `${name}-chat`,
    {
      description: `Lets AWS Chatbot run Incident Manager's chat commands on response plan ${planName} and its incidents.`,
      assumeRolePolicy: JSON.stringify(chatChannelTrustPolicy()),
      ...tagArg,
    },
    options(),
  );
  const rolePolicy = new aws.iam.RolePolicy(
    `${name}-chat`,
    {
      role: role.name,
      policy: json(
        identity().apply(({ account, partition }) =>
          chatChannelPolicy(partition, account, planName),
        ),
      ),
    },
    options(),
  );
  const common = {
    configurationName: context.configurationName,
    iamRoleArn: role.arn,
    snsTopicArns: topicArns,
    // Without guardrails Chatbot applies AdministratorAccess (chatbot GuardrailPolicyArns).
    guardrailPolicyArns: [
      identity().apply(
        ({ partition }) => `arn:${partition}:iam::aws:policy/${CHAT_GUARDRAIL_POLICY}`,
      ),
    ],
    loggingLevel: chat.loggingLevel,
    ...tagArg,
  };
  // The role's permissions and the topics' policies are in place before the channel exists.
  const after = options({ dependsOn: [rolePolicy, ...topicPolicies] });
  const configuration =
    chat.slack !== undefined
      ? new aws.chatbot.SlackChannelConfiguration(
          `${name}-chat`,
          { ...common, slackTeamId: chat.slack.workspaceId, slackChannelId: chat.slack.channelId },
          after,
        )
      : new aws.chatbot.TeamsChannelConfiguration(
          `${name}-chat`,
          {
            ...common,
            teamId: chat.teams!.teamId,
            channelId: chat.teams!.channelId,
            tenantId: chat.teams!.tenantId,
          },
          after,
        );
  return {
    topicArns,
    topicPolicies,
    configuration,
    configurationArn: configuration.chatConfigurationArn,
    roleArn: role.arn,
  };
}
