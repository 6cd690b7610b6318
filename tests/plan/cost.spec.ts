import { strict as assert } from "assert";
import { captured as resource } from "../support/captured";
import { estimateCost, renderCost, usageOf } from "../../plan/cost";

describe("plan/cost", () => {
  it("counts response plans and SMS/VOICE channels of both provider flavours", () => {
    const usage = usageOf([
      resource("aws:ssmincidents/responsePlan:ResponsePlan", "a", { name: "a" }),
      resource("aws-native:ssmincidents:ResponsePlan", "b", { name: "b" }),
      resource("aws:ssmcontacts/contactChannel:ContactChannel", "c1", { type: "VOICE" }),
      resource("aws:ssmcontacts/contactChannel:ContactChannel", "c2", { type: "EMAIL" }),
      resource("aws-native:ssmcontacts:ContactChannel", "c3", { channelType: "SMS" }),
      resource("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm", { name: "alarm" }),
    ]);
    assert.deepEqual(usage, { responsePlans: 2, messagesPerPage: 2 });
  });

  it("bills the response plans and the messages past the free 100", () => {
    // 1 plan x 7 USD; 2 messages a page x 60 pages = 120 messages, 20 billable at 0.10 USD.
    const estimate = estimateCost({ responsePlans: 1, messagesPerPage: 2 }, { pagesPerMonth: 60 });
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

  it("charges nothing for messages inside the free tier, and states its assumptions", () => {
    const estimate = estimateCost(
      { responsePlans: 2, messagesPerPage: 3 },
      { pricePerMessageUsd: 0.25 },
    );
    // 3 messages x 10 pages x 2 plans = 60 messages, all free.
    assert.equal(estimate.messagesPerMonth, 60);
    assert.equal(estimate.billableMessages, 0);
    assert.equal(estimate.totalUsd, 14);
    assert.ok(
      estimate.notes.includes(
        "The first 100 SMS/voice messages of a month are free; then 0.25 USD per message (--price-per-message; it depends on the destination country).",
      ),
    );
  });

  it("costs nothing with no response plan", () => {
    const estimate = estimateCost({ responsePlans: 0, messagesPerPage: 4 });
    assert.equal(estimate.messagesPerMonth, 0);
    assert.equal(estimate.totalUsd, 0);
  });
});
