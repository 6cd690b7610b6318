import { strict as assert } from "assert";
import { captured } from "../support/captured";
import { estimateCost, renderCost, usageOf, type BillableUsage } from "../../plan/cost";

const ARN = "arn:aws:ssm-contacts:ap-northeast-1:123456789012";

/** A registration whose mock state carries its ARN, as the capture mocks return it. */
function resource(type: string, name: string, inputs: Record<string, unknown>, arn?: string) {
  return captured(type, name, inputs, { state: { ...inputs, ...(arn ? { arn } : {}) } });
}

/** A PERSONAL contact (classic) with its channels and a classic engagement plan over them. */
function person(alias: string, channels: string[]) {
  const contact = `${ARN}:contact/${alias}`;
  return [
    resource("aws:ssmcontacts/contact:Contact", alias, { alias, type: "PERSONAL" }, contact),
    ...channels.map((type) =>
      resource(
        "aws:ssmcontacts/contactChannel:ContactChannel",
        `${alias}-${type}`,
        { contactId: contact, type },
        `${ARN}:contact-channel/${alias}/${type}`,
      ),
    ),
    resource("aws:ssmcontacts/plan:Plan", `${alias}-plan`, {
      contactId: contact,
      stages: channels.map((type, i) => ({
        durationInMinutes: i === channels.length - 1 ? 0 : 5,
        targets: [
          {
            channelTargetInfo: {
              contactChannelId: `${ARN}:contact-channel/${alias}/${type}`,
              // A retry resends only a failed engagement: it must not add messages.
              retryIntervalInMinutes: 5,
            },
          },
        ],
      })),
    }),
  ];
}

function usage(perPlan: number[]): BillableUsage {
  return {
    responsePlans: perPlan.length,
    messagesPerPage: Math.max(0, ...perPlan),
    plans: perPlan.map((messagesPerPage, i) => ({
      responsePlan: `plan${i}`,
      messagesPerPage,
      notCounted: [],
    })),
  };
}

describe("plan/cost", () => {
  it("counts the messages each response plan's engagements send when nobody acknowledges", () => {
    const resources = [
      ...person("taro", ["VOICE", "EMAIL"]), // 1 message
      ...person("jiro", ["SMS", "VOICE"]), // 2 messages
      ...person("hanako", ["EMAIL"]), // 0 messages
      ...person("saburo", ["SMS"]), // 1 message
      // A rotation of jiro, hanako, saburo with 2 on call: shifts cost 2, 1 and 3 messages.
      resource(
        "aws-native:ssmcontacts:Rotation",
        "weekdays",
        {
          name: "weekdays",
          contactIds: ["jiro", "hanako", "saburo"].map((a) => `${ARN}:contact/${a}`),
          recurrence: { numberOfOnCalls: 2, recurrenceMultiplier: 1 },
        },
        `${ARN}:rotation/weekdays`,
      ),
      resource(
        "aws-native:ssmcontacts:Contact",
        "schedule",
        {
          alias: "oncall",
          type: "ONCALL_SCHEDULE",
          plan: [{ rotationIds: [`${ARN}:rotation/weekdays`] }],
        },
        `${ARN}:contact/oncall`,
      ),
      resource(
        "aws:ssmcontacts/contact:Contact",
        "escalation",
        { alias: "escalation", type: "ESCALATION" },
        `${ARN}:contact/escalation`,
      ),
      resource("aws:ssmcontacts/plan:Plan", "escalation-plan", {
        contactId: `${ARN}:contact/escalation`,
        stages: [
          {
            durationInMinutes: 5,
            targets: [
              { contactTargetInfo: { contactId: `${ARN}:contact/taro`, isEssential: true } },
            ],
          },
          {
            durationInMinutes: 0,
            targets: [
              { contactTargetInfo: { contactId: `${ARN}:contact/oncall`, isEssential: true } },
            ],
          },
        ],
      }),
      resource("aws:ssmincidents/responsePlan:ResponsePlan", "a", {
        name: "a",
        engagements: [`${ARN}:contact/escalation`, `${ARN}:contact/elsewhere`],
      }),
      resource("aws-native:ssmincidents:ResponsePlan", "b", {
        name: "b",
        engagements: [`${ARN}:contact/saburo`],
      }),
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm", { name: "alarm" }),
    ];
    assert.deepEqual(usageOf(resources), {
      responsePlans: 2,
      // a: taro's VOICE (1), then the schedule's most expensive shift, saburo and jiro (3).
      messagesPerPage: 4,
      plans: [
        {
          responsePlan: "a",
          messagesPerPage: 4,
          notCounted: [`${ARN}:contact/elsewhere (not in this stack)`],
        },
        { responsePlan: "b", messagesPerPage: 1, notCounted: [] },
      ],
    });
  });

  it("counts SMS/VOICE channels of an aws-native contact's inline plan, once per page", () => {
    const contact = `${ARN}:contact/shiro`;
    const resources = [
      resource(
        "aws-native:ssmcontacts:Contact",
        "shiro",
        {
          alias: "shiro",
          type: "PERSONAL",
          plan: [
            {
              durationInMinutes: 5,
              targets: [
                {
                  channelTargetInfo: {
                    channelId: `${ARN}:contact-channel/shiro/sms`,
                    retryIntervalInMinutes: 10,
                  },
                },
              ],
            },
          ],
        },
        contact,
      ),
      resource(
        "aws-native:ssmcontacts:ContactChannel",
        "shiro-sms",
        { contactId: contact, channelType: "SMS" },
        `${ARN}:contact-channel/shiro/sms`,
      ),
      // Channels nobody's plan engages cost nothing.
      resource(
        "aws-native:ssmcontacts:ContactChannel",
        "shiro-voice",
        { contactId: contact, channelType: "VOICE" },
        `${ARN}:contact-channel/shiro/voice`,
      ),
      resource("aws-native:ssmincidents:ResponsePlan", "p", { name: "p", engagements: [contact] }),
    ];
    assert.deepEqual(usageOf(resources).plans, [
      { responsePlan: "p", messagesPerPage: 1, notCounted: [] },
    ]);
  });

  it("bills the response plans and the messages past the free 100", () => {
    // 1 plan x 7 USD; 2 messages a page x 60 pages = 120 messages, 20 billable at 0.10 USD.
    const estimate = estimateCost(usage([2]), { pagesPerMonth: 60 });
    assert.equal(estimate.responsePlansUsd, 7);
    assert.equal(estimate.messagesPerMonth, 120);
    assert.equal(estimate.billableMessages, 20);
    assert.equal(estimate.messagesUsd, 2);
    assert.equal(estimate.totalUsd, 9);
    assert.deepEqual(renderCost(estimate).slice(0, 3), [
      "response plans   1 x 7 USD = 7.00 USD",
      "messages         120/month, 20 billable x 0.1 USD = 2.00 USD",
      "total            9.00 USD per month",
    ]);
  });

  it("adds each plan's own messages, and states its assumptions", () => {
    const estimate = estimateCost(usage([3, 1]), { pricePerMessageUsd: 0.25 });
    // (3 + 1) messages x 10 pages = 40 messages, all free.
    assert.equal(estimate.messagesPerMonth, 40);
    assert.equal(estimate.billableMessages, 0);
    assert.equal(estimate.totalUsd, 14);
    assert.ok(
      estimate.notes.includes(
        "Each page is unacknowledged: it runs every stage of its engagements and sends one message per SMS/VOICE channel target reached (plan0: 3, plan1: 1).",
      ),
    );
    assert.ok(
      estimate.notes.includes(
        "The first 100 SMS/voice messages of a month are free; then 0.25 USD per message (--price-per-message; it depends on the destination country).",
      ),
    );
  });

  it("costs nothing with no response plan", () => {
    const estimate = estimateCost(usage([]));
    assert.equal(estimate.messagesPerMonth, 0);
    assert.equal(estimate.totalUsd, 0);
  });
});
