/**
 * `require-chat-topic-subscriber` (policies/rules/responsePlans/requireChatTopicSubscriber.ts):
 * the compliant fixture stacks of both flavours, then a response plan whose chat topic the stack
 * creates, with and without a subscriber, asserting the exact message.
 */
import { strict as assert } from "assert";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { classicStack, mutate, nativeStack } from "../../fixtures";
import type { ResourceFixture } from "../../harness";
import { configFor } from "../../harness";
import { compliance, violations } from "../../support";

const TOPIC_ARN = "arn:aws:sns:ap-northeast-1:123456789012:sev1-chat";

const classicTopic: ResourceFixture = {
  type: "aws:sns/topic:Topic",
  name: "sev1-chat",
  props: { arn: TOPIC_ARN },
};
const nativeTopic: ResourceFixture = {
  type: "aws-native:sns:Topic",
  name: "sev1-chat",
  props: { topicArn: TOPIC_ARN },
};
const slack: ResourceFixture = {
  type: "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration",
  name: "sev1-slack",
  props: { configurationName: "sev1", slackTeamId: "T07EA123LEP", snsTopicArns: [TOPIC_ARN] },
};
const nativeTeams: ResourceFixture = {
  type: "aws-native:chatbot:MicrosoftTeamsChannelConfiguration",
  name: "sev1-teams",
  props: { configurationName: "sev1", snsTopicArns: [TOPIC_ARN] },
};

/** The classic fixture stack whose plan sends chat updates to the stack's topic. */
function classicWithChat(): ResourceFixture[] {
  return [...mutate(classicStack(), "sev1", (p) => (p.chatChannels = [TOPIC_ARN])), classicTopic];
}
/** The same through CloudFormation: `chatChannel.chatbotSns`. */
function nativeWithChat(): ResourceFixture[] {
  return [
    ...mutate(nativeStack(), "sev1", (p) => (p.chatChannel = { chatbotSns: [TOPIC_ARN] })),
    nativeTopic,
  ];
}

describe("require-chat-topic-subscriber", () => {
  const rule = r.requireChatTopicSubscriber;
  compliance(rule, "(no chat topics)");

  it("Compliance: a Slack configuration subscribes the classic plan's topic", async () => {
    assert.deepEqual(await violations(rule, [...classicWithChat(), slack]), []);
  });
  it("Compliance: a Teams configuration subscribes the aws-native plan's topic", async () => {
    assert.deepEqual(await violations(rule, [...nativeWithChat(), nativeTeams]), []);
  });
  it("Compliance: an SNS subscription counts as a subscriber", async () => {
    const subscription: ResourceFixture = {
      type: "aws:sns/topicSubscription:TopicSubscription",
      name: "sev1-chat-hook",
      props: { topic: TOPIC_ARN, protocol: "https", endpoint: "https://example.com/hook" },
    };
    assert.deepEqual(await violations(rule, [...classicWithChat(), subscription]), []);
  });
  it("Compliance: a topic made outside the stack is not checked", async () => {
    const stack = mutate(classicStack(), "sev1", (p) => (p.chatChannels = [TOPIC_ARN]));
    assert.deepEqual(await violations(rule, stack), []);
  });

  it("Noncompliance 3: an SNS subscription, which config excludes (classic)", async () => {
    const subscription: ResourceFixture = {
      type: "aws:sns/topicSubscription:TopicSubscription",
      name: "sev1-chat-hook",
      props: { topic: TOPIC_ARN, protocol: "https", endpoint: "https://example.com/hook" },
    };
    assert.deepEqual(
      await violations(
        rule,
        [...classicWithChat(), subscription],
        configFor(rule, { allowSubscriptions: false }),
      ),
      [
        "ResponsePlan 'sev1' sends its chat channel's updates to Topic 'sev1-chat', which nothing in this stack subscribes to.",
      ],
    );
  });
  it("Noncompliance 1: nothing subscribes the classic plan's topic", async () => {
    assert.deepEqual(await violations(rule, classicWithChat()), [
      "ResponsePlan 'sev1' sends its chat channel's updates to Topic 'sev1-chat', which nothing in this stack subscribes to.",
    ]);
  });
  it("Noncompliance 2: the Teams configuration subscribes another topic (aws-native)", async () => {
    const other = {
      ...nativeTeams,
      props: { ...nativeTeams.props, snsTopicArns: ["arn:aws:sns:ap-northeast-1:123456789012:x"] },
    };
    assert.deepEqual(await violations(rule, [...nativeWithChat(), other]), [
      "ResponsePlan 'sev1' sends its chat channel's updates to Topic 'sev1-chat', which nothing in this stack subscribes to.",
    ]);
  });

  it("follows unknown ARNs during preview through propertyDependencies", async () => {
    const unknownPlan = classicWithChat().map((f) =>
      f.name === "sev1" && f.type.endsWith("ResponsePlan")
        ? {
            ...f,
            props: { ...f.props, chatChannels: [unknownValue] },
            propertyDependencies: { chatChannels: ["sev1-chat"] },
          }
        : f,
    );
    assert.deepEqual(await violations(rule, unknownPlan), [
      "ResponsePlan 'sev1' sends its chat channel's updates to Topic 'sev1-chat', which nothing in this stack subscribes to.",
    ]);
    const unknownSlack = {
      ...slack,
      props: { ...slack.props, snsTopicArns: [unknownValue] },
      propertyDependencies: { snsTopicArns: ["sev1-chat"] },
    };
    assert.deepEqual(await violations(rule, [...unknownPlan, unknownSlack]), []);
  });
});
