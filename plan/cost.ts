/**
 * A monthly cost estimate for what a stack creates, with every assumption spelled out.
 *
 * Prices are AWS's published Incident Manager prices (2024): 7 USD per response plan per month;
 * the first 100 SMS and voice messages of a month are free, then each message is billed by
 * destination country. The per-message price and the expected pages are settable because they
 * depend on where people are and how noisy the alarms are. AWS's pricing page is not among the
 * sources checked here (the service models, the CloudFormation schemas, the user guide): the two
 * prices are defaults to confirm there (`estimateCost` takes overrides of both).
 *
 * Messages are counted per response plan, from what one page sends when nobody acknowledges: each
 * engagement is walked through its escalation stages, each contact's engagement plan and each
 * on-call schedule's rotations. A channel's `RetryIntervalInMinutes` resends only an engagement that
 * failed to send (botocore 1.43, ssm-contacts ChannelTargetInfo), so it adds no message here.
 */
import {
  type GraphKind,
  isGraphKind,
  list,
  num,
  obj,
  type Stage,
  stagesOf,
  str,
  targetsOf,
} from "../components/graph";
import type { CapturedResource } from "../testing";

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

/** The SMS and voice messages one page of a response plan sends. */
export interface PlanMessages {
  /** The response plan's `name` (its resource name when the name is not a string). */
  readonly responsePlan: string;
  /**
   * SMS and voice messages one page sends when nobody acknowledges: every SMS or VOICE channel
   * target of every stage its engagements reach (escalation stages, each contact's engagement
   * plan, the most expensive shift of each rotation of an on-call schedule).
   */
  readonly messagesPerPage: number;
  /** Engagements the estimate cannot see into (a contact, plan or rotation outside the stack). */
  readonly notCounted: readonly string[];
}

/** What the stack contains that AWS bills for. */
export interface BillableUsage {
  readonly responsePlans: number;
  /** The most SMS and voice messages one page of any response plan sends. */
  readonly messagesPerPage: number;
  /** Each response plan's messages per page, in stack order. */
  readonly plans: readonly PlanMessages[];
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

function ofKind(resources: readonly CapturedResource[], kind: GraphKind) {
  return resources.filter((r) => isGraphKind(r.type, kind));
}

/** The ARN a resource answers to (mocks return it as `arn`; aws-native contacts as `arn` too). */
function arnOf(resource: CapturedResource): string | undefined {
  return str(resource.state.arn) ?? str(resource.id);
}

function byArn(resources: readonly CapturedResource[]): Map<string, CapturedResource> {
  const map = new Map<string, CapturedResource>();
  for (const r of resources) {
    const arn = arnOf(r);
    if (arn !== undefined && !map.has(arn)) map.set(arn, r);
  }
  return map;
}

/** The stack's contacts, channels, plans and rotations, indexed for the walk. */
interface Graph {
  readonly contacts: Map<string, CapturedResource>;
  readonly channels: Map<string, CapturedResource>;
  readonly rotations: Map<string, CapturedResource>;
  /** Separate plan resources by the contact ARN they belong to. */
  readonly plans: Map<string, CapturedResource[]>;
}

function graphOf(resources: readonly CapturedResource[]): Graph {
  const plans = new Map<string, CapturedResource[]>();
  for (const p of ofKind(resources, "plan")) {
    const owner = str(p.inputs.contactId) ?? str(p.inputs.contactArn);
    if (owner === undefined) continue;
    plans.set(owner, [...(plans.get(owner) ?? []), p]);
  }
  return {
    contacts: byArn(ofKind(resources, "contact")),
    channels: byArn(ofKind(resources, "contactChannel")),
    rotations: byArn(ofKind(resources, "rotation")),
    plans,
  };
}

/** A contact's stages: its inline `plan` (aws-native) and its separate Plan resources. */
function stagesOfContact(graph: Graph, arn: string, contact: CapturedResource): Stage[] {
  return [
    ...stagesOf(contact.type, contact.inputs),
    ...(graph.plans.get(arn) ?? []).flatMap((p) => stagesOf(p.type, p.inputs)),
  ];
}

/** The rotation ids an on-call schedule lists, inline or in its Plan resources. */
function rotationIdsOf(graph: Graph, arn: string, contact: CapturedResource): unknown[] {
  const owners = [contact.inputs.plan, ...(graph.plans.get(arn) ?? []).map((p) => [p.inputs])];
  return owners.flatMap((stages) => list(stages).flatMap((s) => list(obj(s)?.rotationIds)));
}

/** A rotation's members on call at once (`numberOfOnCalls`, classic or aws-native shape). */
function onCallsOf(rotation: CapturedResource): number {
  const recurrence = obj(rotation.inputs.recurrence) ?? obj(list(rotation.inputs.recurrence)[0]);
  const n = num(recurrence?.numberOfOnCalls);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? n : 1;
}

interface Count {
  messages: number;
  notCounted: string[];
}

/** The channel type of a classic (`type`) or aws-native (`channelType`) contact channel. */
function channelType(resource: CapturedResource): unknown {
  return resource.inputs.type ?? resource.inputs.channelType;
}

function isMessage(channel: CapturedResource | undefined): boolean {
  const type = channel === undefined ? undefined : channelType(channel);
  return type === "SMS" || type === "VOICE";
}

/**
 * The SMS and voice messages engaging the contact `arn` sends when nobody acknowledges:
 * - a PERSONAL contact: one per SMS or VOICE channel target of every stage of its engagement
 *   plan (a retry resends only an engagement that failed to send, so it adds none);
 * - an ESCALATION contact: the messages of every contact target of every stage;
 * - an ONCALL_SCHEDULE: for each rotation, the most expensive `numberOfOnCalls` consecutive
 *   members (wrapping round the list), as the shift on call depends on when the page comes.
 */
function messagesOfContact(graph: Graph, arn: string, seen: ReadonlySet<string>): Count {
  const contact = graph.contacts.get(arn);
  if (contact === undefined) return { messages: 0, notCounted: [`${arn} (not in this stack)`] };
  if (seen.has(arn)) return { messages: 0, notCounted: [] };
  const inner = new Set([...seen, arn]);
  const alias = str(contact.inputs.alias) ?? contact.name;
  if (contact.inputs.type === "ONCALL_SCHEDULE") {
    const out: Count = { messages: 0, notCounted: [] };
    for (const id of rotationIdsOf(graph, arn, contact)) {
      const rotation = typeof id === "string" ? graph.rotations.get(id) : undefined;
      if (rotation === undefined) {
        out.notCounted.push(`a rotation of ${alias} (not in this stack)`);
        continue;
      }
      const members = list(rotation.inputs.contactIds).map((m) =>
        typeof m === "string"
          ? messagesOfContact(graph, m, inner)
          : { messages: 0, notCounted: [] },
      );
      const onCalls = Math.min(onCallsOf(rotation), members.length);
      let most = 0;
      for (let first = 0; first < members.length; first++) {
        let sum = 0;
        for (let k = 0; k < onCalls; k++) sum += members[(first + k) % members.length].messages;
        most = Math.max(most, sum);
      }
      out.messages += most;
      out.notCounted.push(...members.flatMap((m) => m.notCounted));
    }
    return out;
  }
  const stages = stagesOfContact(graph, arn, contact);
  if (stages.length === 0) return { messages: 0, notCounted: [`${alias} (no engagement plan)`] };
  const out: Count = { messages: 0, notCounted: [] };
  for (const target of stages.flatMap(targetsOf)) {
    if (target.kind === "channel") {
      const id = target.channelId();
      const channel = typeof id === "string" ? graph.channels.get(id) : undefined;
      if (channel === undefined) out.notCounted.push(`a channel of ${alias} (not in this stack)`);
      else if (isMessage(channel)) out.messages++;
    } else if (target.kind === "contact") {
      const id = target.contactId();
      const reached =
        typeof id === "string"
          ? messagesOfContact(graph, id, inner)
          : { messages: 0, notCounted: [`a target of ${alias} (unresolved)`] };
      out.messages += reached.messages;
      out.notCounted.push(...reached.notCounted);
    }
  }
  return out;
}

/** A response plan's engagements (contact ARNs), classic or aws-native. */
function engagementsOf(plan: CapturedResource): unknown[] {
  return list(plan.inputs.engagements);
}

/**
 * Counts what a stack bills for from its registrations: its response plans, and for each the SMS
 * and voice messages one page sends if nobody acknowledges, found by walking its engagements
 * through the stack's contacts, plans, channels and rotations.
 */
export function usageOf(resources: readonly CapturedResource[]): BillableUsage {
  const graph = graphOf(resources);
  const plans = ofKind(resources, "responsePlan").map((plan): PlanMessages => {
    const counts = engagementsOf(plan).map((e) =>
      typeof e === "string"
        ? messagesOfContact(graph, e, new Set())
        : { messages: 0, notCounted: ["an engagement (unresolved)"] },
    );
    return {
      responsePlan: str(plan.inputs.name) ?? plan.name,
      messagesPerPage: counts.reduce((sum, c) => sum + c.messages, 0),
      notCounted: [...new Set(counts.flatMap((c) => c.notCounted))],
    };
  });
  return {
    responsePlans: plans.length,
    messagesPerPage: Math.max(0, ...plans.map((p) => p.messagesPerPage)),
    plans,
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
  const { responsePlans, messagesPerPage, plans } = usage;
  const perPage = plans.reduce((sum, p) => sum + p.messagesPerPage, 0);
  const messagesPerMonth = perPage * assumptions.pagesPerMonth;
  const billableMessages = Math.max(messagesPerMonth - assumptions.freeMessagesPerMonth, 0);
  const responsePlansUsd = round(responsePlans * assumptions.responsePlanMonthlyUsd);
  const messagesUsd = round(billableMessages * assumptions.pricePerMessageUsd);
  const notCounted = [...new Set(plans.flatMap((p) => p.notCounted))];
  return {
    assumptions,
    responsePlans,
    messagesPerPage,
    plans,
    responsePlansUsd,
    messagesPerMonth,
    billableMessages,
    messagesUsd,
    totalUsd: round(responsePlansUsd + messagesUsd),
    notes: [
      `${assumptions.responsePlanMonthlyUsd} USD per response plan per month (AWS price, 2024).`,
      `${assumptions.pagesPerMonth} pages per response plan per month (--pages-per-month).`,
      `Each page is unacknowledged: it runs every stage of its engagements and sends one message per SMS/VOICE channel target reached (${plans.map((p) => `${p.responsePlan}: ${p.messagesPerPage}`).join(", ") || "no response plans"}).`,
      "A channel's retry interval resends only an engagement that failed to send, so retries add no messages; an on-call schedule counts, per rotation, its most expensive shift.",
      ...(notCounted.length > 0
        ? [`Not counted, as this stack does not show their channels: ${notCounted.join(", ")}.`]
        : []),
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
