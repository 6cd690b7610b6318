import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { z } from "zod";
import {
  IncidentStackRule,
  configSchemaOf,
  isKind,
  label,
  list,
  obj,
  readConfig,
  resourcesOf,
  str,
} from "../common";
import { propsOf } from "../graph";

export const chatTopicSubscriberConfig = z.object({
  /** Count SNS subscriptions (`TopicSubscription`, `AWS::SNS::Subscription`) as subscribers, not only chat configurations. */
  allowSubscriptions: z.boolean().default(true),
});

/** SNS topics, both flavours. */
const TOPICS = ["aws:sns/topic:Topic", "aws-native:sns:Topic"];

/**
 * What subscribes to a topic, and the property that names it: an AWS Chatbot channel
 * configuration (its `snsTopicArns`, in both flavours) or an SNS subscription (`topic`, or
 * `topicArn` through CloudFormation).
 */
const SUBSCRIBERS: Readonly<Record<string, string>> = {
  "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration": "snsTopicArns",
  "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": "snsTopicArns",
  "aws-native:chatbot:SlackChannelConfiguration": "snsTopicArns",
  "aws-native:chatbot:MicrosoftTeamsChannelConfiguration": "snsTopicArns",
  "aws:sns/topicSubscription:TopicSubscription": "topic",
  "aws-native:sns:Subscription": "topicArn",
};

/** The property of a response plan that holds its chat topics, in each flavour. */
function chatProperty(plan: PolicyResource): { property: string; arns: () => unknown[] } {
  const props = propsOf(plan);
  return isKind(plan.type, "responsePlan") && plan.type.startsWith("aws-native:")
    ? { property: "chatChannel", arns: () => list(obj(props.chatChannel)?.chatbotSns) }
    : { property: "chatChannels", arns: () => list(props.chatChannels) };
}

function arnOf(topic: PolicyResource): string | undefined {
  try {
    return str(propsOf(topic).arn) ?? str(propsOf(topic).topicArn);
  } catch {
    return undefined; // unknown during preview; property dependencies still link it
  }
}

/**
 * The resources of `types` that `from` names in `property`: by value (an ARN equal to theirs) or,
 * during preview, through the property's dependencies. An unknown value with no dependency to
 * follow is not guessed at: the SDK's error propagates.
 */
function named(
  from: PolicyResource,
  property: string,
  read: () => unknown[],
  candidates: readonly PolicyResource[],
): PolicyResource[] {
  const deps = from.propertyDependencies?.[property] ?? [];
  const linked = candidates.filter((c) => deps.includes(c));
  let byValue: PolicyResource[];
  try {
    const values = read().map(str);
    byValue = candidates.filter((c) => {
      const arn = arnOf(c);
      return arn !== undefined && values.includes(arn);
    });
  } catch (err) {
    if (linked.length > 0) return linked;
    throw err;
  }
  return [...new Set([...linked, ...byValue])];
}

/** The topics of the stack each subscriber names. */
function subscribedTopics(
  args: StackValidationArgs,
  topics: PolicyResource[],
  allowSubscriptions: boolean,
): Set<PolicyResource> {
  const subscribed = new Set<PolicyResource>();
  for (const r of args.resources) {
    const property = SUBSCRIBERS[r.type];
    if (property === undefined || (!allowSubscriptions && !r.type.includes("chatbot"))) continue;
    const value = () => {
      const v = propsOf(r)[property];
      return Array.isArray(v) ? v : [v];
    };
    for (const t of named(r, property, value, topics)) subscribed.add(t);
  }
  return subscribed;
}

/** Rule 25 (stack): each chat topic of a response plan that the stack creates has a subscriber. */
export const requireChatTopicSubscriber: IncidentStackRule = {
  name: "require-chat-topic-subscriber",
  description:
    "Checks that every SNS topic this stack creates and names as a response plan's chat channel has a subscriber in the stack: an AWS Chatbot (Amazon Q Developer in chat applications) Slack or Microsoft Teams channel configuration, or an SNS subscription. Incident Manager publishes incident updates to the topic; with nobody subscribed, they reach no chat channel. Topics made outside the stack are not checked.",
  configSchema: configSchemaOf(chatTopicSubscriberConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(chatTopicSubscriberConfig, args.getConfig(), report);
    const topics = args.resources.filter((r) => TOPICS.includes(r.type));
    if (topics.length === 0) return;
    const subscribed = subscribedTopics(args, topics, cfg.allowSubscriptions);
    for (const plan of resourcesOf(args, "responsePlan")) {
      const { property, arns } = chatProperty(plan);
      for (const topic of named(plan, property, arns, topics)) {
        if (!subscribed.has(topic)) {
          report(
            `${label(plan)} sends its chat channel's updates to ${label(topic)}, which nothing in this stack subscribes to.`,
            plan.urn,
          );
        }
      }
    }
  },
  severity: "medium",
  remediationSteps:
    "Subscribe the topic from an AWS Chatbot Slack or Microsoft Teams channel configuration (`snsTopicArns`), or give ResponsePlanWithAlarms a `chatChannel`, which creates the topics, the configuration and its role together.",
};
