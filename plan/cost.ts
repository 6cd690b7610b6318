/**
 * A monthly cost estimate for what a stack creates, with every assumption spelled out.
 *
 * Prices are AWS's published Incident Manager prices (2024): 7 USD per response plan per month;
 * the first 100 SMS and voice messages of a month are free, then each message is billed by
 * destination country. The per-message price and the expected pages are settable because they
 * depend on where people are and how noisy the alarms are.
 */
import type { CapturedResource } from "./capture";

/** What the estimate assumes; every field can be overridden on the command line. */
export interface CostAssumptions {
  /** USD per response plan per month. */
  readonly responsePlanMonthlyUsd: number;
  /** SMS and voice messages free each month (per account). */
  readonly freeMessagesPerMonth: number;
  /** USD per SMS or voice message past the free ones (about 0.10 for an SMS to Japan). */
  readonly pricePerMessageUsd: number;
  /** Incidents (pages) expected per response plan per month. */
  readonly pagesPerMonth: number;
}

export const DEFAULT_COST_ASSUMPTIONS: CostAssumptions = {
  responsePlanMonthlyUsd: 7,
  freeMessagesPerMonth: 100,
  pricePerMessageUsd: 0.1,
  pagesPerMonth: 10,
};

/** What the stack contains that AWS bills for. */
export interface BillableUsage {
  readonly responsePlans: number;
  /**
   * SMS and voice messages one page sends at most (every SMS and VOICE engagement reached when
   * nobody acknowledges early).
   */
  readonly messagesPerPage: number;
}

/** The estimate, line by line. */
export interface CostEstimate extends BillableUsage {
  readonly assumptions: CostAssumptions;
  readonly responsePlansUsd: number;
  readonly messagesPerMonth: number;
  readonly billableMessages: number;
  readonly messagesUsd: number;
  readonly totalUsd: number;
  /** The assumptions in words, as printed. */
  readonly notes: readonly string[];
}

const RESPONSE_PLAN_TYPES = new Set([
  "aws:ssmincidents/responsePlan:ResponsePlan",
  "aws-native:ssmincidents:ResponsePlan",
]);
const CHANNEL_TYPES = new Set([
  "aws:ssmcontacts/contactChannel:ContactChannel",
  "aws-native:ssmcontacts:ContactChannel",
]);

/** The channel type of a classic (`type`) or aws-native (`channelType`) contact channel. */
function channelType(resource: CapturedResource): unknown {
  return resource.inputs.type ?? resource.inputs.channelType;
}

/**
 * Counts what a stack bills for from its registrations. Without a paging timeline at hand, every
 * SMS and VOICE channel in the stack counts as one message per page: an upper bound.
 */
export function usageOf(resources: readonly CapturedResource[]): BillableUsage {
  return {
    responsePlans: resources.filter((r) => RESPONSE_PLAN_TYPES.has(r.type)).length,
    messagesPerPage: resources.filter(
      (r) => CHANNEL_TYPES.has(r.type) && ["SMS", "VOICE"].includes(String(channelType(r))),
    ).length,
  };
}

function round(usd: number): number {
  return Math.round(usd * 100) / 100;
}

/** Estimates the monthly bill of `usage` under `overrides` laid over the default assumptions. */
export function estimateCost(
  usage: BillableUsage,
  overrides: Partial<CostAssumptions> = {},
): CostEstimate {
  const assumptions: CostAssumptions = { ...DEFAULT_COST_ASSUMPTIONS, ...overrides };
  const { responsePlans, messagesPerPage } = usage;
  const messagesPerMonth = messagesPerPage * assumptions.pagesPerMonth * responsePlans;
  const billableMessages = Math.max(messagesPerMonth - assumptions.freeMessagesPerMonth, 0);
  const responsePlansUsd = round(responsePlans * assumptions.responsePlanMonthlyUsd);
  const messagesUsd = round(billableMessages * assumptions.pricePerMessageUsd);
  return {
    assumptions,
    responsePlans,
    messagesPerPage,
    responsePlansUsd,
    messagesPerMonth,
    billableMessages,
    messagesUsd,
    totalUsd: round(responsePlansUsd + messagesUsd),
    notes: [
      `${assumptions.responsePlanMonthlyUsd} USD per response plan per month (AWS price, 2024).`,
      `${assumptions.pagesPerMonth} pages per response plan per month (--pages-per-month).`,
      `Each page sends at most ${messagesPerPage} SMS/voice message(s), as if nobody acknowledged early.`,
      `The first ${assumptions.freeMessagesPerMonth} SMS/voice messages of a month are free; then ${assumptions.pricePerMessageUsd} USD per message (--price-per-message; it depends on the destination country).`,
      "Email is free. Taxes, CloudWatch alarms, EventBridge and KMS charges are not included.",
    ],
  };
}

/** The estimate as text lines. */
export function renderCost(estimate: CostEstimate): string[] {
  const usd = (n: number) => `${n.toFixed(2)} USD`;
  return [
    `response plans   ${estimate.responsePlans} x ${estimate.assumptions.responsePlanMonthlyUsd} USD = ${usd(estimate.responsePlansUsd)}`,
    `messages         ${estimate.messagesPerMonth}/month, ${estimate.billableMessages} billable x ${estimate.assumptions.pricePerMessageUsd} USD = ${usd(estimate.messagesUsd)}`,
    `total            ${usd(estimate.totalUsd)} per month`,
    "assumptions:",
    ...estimate.notes.map((n) => `  - ${n}`),
  ];
}
