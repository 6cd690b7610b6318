/**
 * Known-valid args for each component and for the stack spec, a typed "set this path to this
 * value" helper to break one field of them, and the checks every hostile case must pass.
 */
import { strict as assert } from "assert";
import type * as pulumi from "@pulumi/pulumi";
import type {
  EscalationChainArgs,
  IncidentManagerSetupArgs,
  OnCallTeamArgs,
  ResponsePlanWithAlarmsArgs,
} from "../../components";
import { formatPath } from "../../components/validation";
import type { Capture } from "../../testing";
import { assertNothingRegistered } from "../support/rejects";
import { EMERGENCY_ALARM } from "../support/scenario";
import { contactArn } from "../support/references";

type Depth = [never, 0, 1, 2, 3, 4, 5, 6, 7];

/** Values a path does not descend into: resources, Outputs, promises, functions. */
type Opaque =
  | pulumi.Resource
  | pulumi.OutputInstance<unknown>
  | PromiseLike<unknown>
  | ((...args: never[]) => unknown);

/** Every path into `T` as a tuple of keys and indexes, e.g. `["members", 0, "alias"]`. */
export type PathOf<T, D extends number = 8> = [D] extends [never]
  ? never
  : T extends Opaque
    ? never
    : T extends readonly (infer U)[]
      ? [number] | [number, ...PathOf<U, Depth[D]>]
      : T extends object
        ? {
            [K in keyof T & string]-?: [K] | [K, ...PathOf<NonNullable<T[K]>, Depth[D]>];
          }[keyof T & string]
        : never;

/** Deletes the key rather than setting it, to leave a field out. */
export const REMOVE = Symbol("remove");

/**
 * A deep copy of `base` with the value at `path` replaced by `value` (or removed, with
 * {@link REMOVE}). The value is defined as own data, so a key such as `__proto__` stays a key.
 */
export function setPath<T>(base: T, path: PathOf<T>, value: unknown): unknown {
  const copy = structuredClone(base) as unknown;
  const keys = path as readonly (string | number)[];
  let node = copy as Record<string | number, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = keys[keys.length - 1];
  if (value === REMOVE) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true });
  return copy;
}

/** `base` with an extra own key, e.g. `__proto__`, at the object `path` leads to (`[]`: the top). */
export function withKey<T>(
  base: T,
  path: PathOf<T> | [],
  key: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path as readonly (string | number)[]) {
    node = node[k] as Record<string | number, unknown>;
  }
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** Every path inside `value` that leads through plain objects and arrays. */
export function pathsIn(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, v]) => [[...prefix, key], ...pathsIn(v, [...prefix, key])]);
}

/** One hostile case: its label, the args, the field the error names and a fragment of the rule. */
export interface HostileCase {
  readonly label: string;
  readonly args: unknown;
  /** The field path as written in the message (without the stack config prefix). */
  readonly path: string;
  /** A distinctive part of the rule the message states. */
  readonly rule: string;
}

/** A case that breaks `path` of `base` with `value`; the error names `path` unless `at` says. */
export function breaking<T>(base: T) {
  return (
    label: string,
    path: PathOf<T>,
    value: unknown,
    rule: string,
    at?: string,
  ): HostileCase => ({
    label,
    args: setPath(base, path, value),
    path: at ?? formatPath(path as readonly (string | number)[]),
    rule,
  });
}

/** The longest message a single issue may produce: a 10 MB value must not be echoed whole. */
export const MAX_MESSAGE = 1200;

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const BASELINE_PROTOTYPE = prototypeKeys();

/** Object.prototype is as it was: no new keys, no `polluted` flag visible on a fresh object. */
export function assertPrototypeClean(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, "Object.prototype polluted");
  assert.equal(({} as Record<string, unknown>).isAdmin, undefined, "Object.prototype polluted");
  assert.deepEqual(prototypeKeys(), BASELINE_PROTOTYPE);
}

/**
 * Asserts that `build` throws one ValidationError with one issue, at `path`, stating `rule`, in a
 * short message that starts with the component and its name and shows no stack trace; that
 * nothing was registered or warned about; and that Object.prototype is untouched. With
 * `oneIssue: false` the error may list several issues (a field left out that others name), each
 * still bounded.
 */
export async function assertOneClearError(
  capture: Capture,
  build: () => unknown,
  head: string,
  path: string,
  rule: string,
  options: { oneIssue?: boolean } = {},
): Promise<void> {
  let thrown: unknown;
  try {
    build();
  } catch (err) {
    thrown = err;
  }
  assert.ok(thrown !== undefined, "expected a ValidationError; nothing was thrown");
  const err = thrown as Error & { issues?: readonly { path: readonly PropertyKey[] }[] };
  const { ValidationError } = await import("../../components/validation");
  assert.ok(ValidationError.isValidationError(err), `not a ValidationError: ${String(err)}`);
  const message = err.message;
  assert.ok(
    message.startsWith(`${head}: `) || message.startsWith(`${head} has `),
    message.slice(0, 300),
  );
  if (options.oneIssue !== false) {
    assert.equal(err.issues?.length, 1, `expected one issue, got:\n${message.slice(0, 2000)}`);
    assert.ok(message.includes(`\`${path}\``), `no \`${path}\` in: ${message.slice(0, 300)}`);
  }
  assert.ok(message.includes(rule), `no "${rule}" in: ${message.slice(0, 600)}`);
  assert.ok(!/\n\s+at /.test(message), `stack trace in: ${message.slice(0, 600)}`);
  assert.ok(!/\n\s+at /.test(String(err.stack)), "stack trace in err.stack");
  const issues = err.issues?.length ?? 1;
  assert.ok(message.length <= MAX_MESSAGE * issues, `message of ${message.length} characters`);
  await assertNothingRegistered(capture);
  assertPrototypeClean();
}

/** A 10 MB string. Built once: the cases share it. */
export const HUGE = "x".repeat(10 * 1024 * 1024);

/** JSON-ish junk nested `depth` levels deep. */
export function deepJunk(depth: number): unknown {
  let value: unknown = { junk: [1, "two", null] };
  for (let i = 0; i < depth; i++) value = { nested: [value] };
  return value;
}

/** `{ "__proto__": { "polluted": true } }` with `__proto__` as a real own key. */
export const protoKey = () => JSON.parse('{"__proto__": {"polluted": true}}') as unknown;

export const ARN_TARO = contactArn("taro");
export const ARN_JIRO = contactArn("jiro");
export const ARN_SABURO = contactArn("saburo");

export const SETUP: IncidentManagerSetupArgs = {
  regions: ["ap-northeast-1", "ap-northeast-2"],
  allowSingleRegion: false,
  deletionProtected: true,
  allowDestroy: false,
  findingsAccess: false,
  tags: { team: "sre" },
};

export const TEAM: OnCallTeamArgs = {
  defaultCountry: "JP",
  members: [
    {
      alias: "taro",
      displayName: "Taro Yamada",
      channels: [
        { type: "VOICE", address: "090-1234-5678" },
        { type: "SMS", address: "+819012345678", name: "mobile" },
        { type: "EMAIL", address: "taro@example.com" },
      ],
      engagement: [
        { channel: "VOICE", afterMinutes: 0, retryIntervalInMinutes: 5 },
        { channel: "mobile", afterMinutes: 5, retryIntervalInMinutes: 5 },
        { channel: "EMAIL", afterMinutes: 10, retryIntervalInMinutes: 0 },
      ],
    },
    {
      alias: "jiro",
      displayName: "Jiro Suzuki",
      channels: [{ type: "EMAIL", address: "jiro@example.com" }],
    },
  ],
  rotations: [
    {
      name: "weekdays",
      members: ["taro", "jiro"],
      startTime: "2026-01-05T09:00:00",
      timeZone: "Asia/Tokyo",
      recurrence: {
        weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
        recurrenceMultiplier: 1,
        numberOfOnCalls: 1,
        coverage: { MON: [{ start: "09:00", end: "21:00" }] },
      },
    },
  ],
  schedule: { alias: "sre-oncall", displayName: "SRE on-call" },
  plaintextAddresses: false,
  tags: { team: "sre" },
};

export const CHAIN: EscalationChainArgs = {
  alias: "emergency-escalation-plan",
  displayName: "Emergency escalation plan",
  stages: [
    { durationInMinutes: 5, targets: [{ target: { arn: ARN_TARO }, isEssential: true }] },
    { durationInMinutes: 5, targets: [{ target: { arn: ARN_JIRO } }] },
    {
      durationInMinutes: 0,
      targets: [{ target: { arn: ARN_SABURO, channelTypes: ["EMAIL"] }, isEssential: true }],
    },
  ],
  allowInterruptiveFinalStage: false,
  tags: { team: "sre" },
};

export const PLAN: ResponsePlanWithAlarmsArgs = {
  responsePlanName: "emergency-response-plan",
  displayName: "Emergency response plan",
  incident: {
    title: "Emergency Occurred",
    impact: 3,
    summary: "CPU is high",
    dedupeString: "cpu",
    tags: { severity: "high" },
    notificationTopicArns: ["arn:aws:sns:ap-northeast-1:123456789012:incidents"],
  },
  engagements: [{ arn: ARN_TARO }],
  chatChannelTopicArns: ["arn:aws:sns:ap-northeast-1:123456789012:chat"],
  runbook: {
    documentName: "AWSIncidents-CriticalIncidentRunbookTemplate",
    documentVersion: "$DEFAULT",
    targetAccount: "RESPONSE_PLAN_OWNER_ACCOUNT",
    parameters: { Environment: ["production"] },
    dynamicParameters: { IncidentRecordArn: "INCIDENT_RECORD_ARN" },
  },
  pagerDuty: { name: "pagerduty", serviceId: "PABC123", secretId: "pagerduty-secret" },
  alarms: [{ ...EMERGENCY_ALARM, dimensions: { ...EMERGENCY_ALARM.dimensions } }],
  compositeAlarms: [{ name: "composite", alarmRule: 'ALARM("emergency-alarm")' }],
  events: [{ name: "ec2-stopped", eventPattern: { source: ["aws.ec2"] }, description: "EC2" }],
  tags: { team: "sre" },
};

/** The stack spec as written in the config: each entry `{ name, ...args }`, targets by name. */
export interface SpecShape {
  setup: IncidentManagerSetupArgs;
  teams: (Omit<OnCallTeamArgs, "setup"> & { name: string })[];
  escalations: (Omit<EscalationChainArgs, "setup" | "stages"> & {
    name: string;
    stages: { durationInMinutes: number; targets: { target: string; isEssential?: boolean }[] }[];
  })[];
  responsePlans: (Omit<ResponsePlanWithAlarmsArgs, "setup" | "engagements"> & {
    name: string;
    engagements: string[];
  })[];
}

export const SPEC: SpecShape = {
  setup: { regions: ["ap-northeast-1", "ap-northeast-2"] },
  teams: [{ name: "emergency", ...TEAM, schedule: { alias: "emergency-oncall" } }],
  escalations: [
    {
      name: "emergency-escalation-plan",
      alias: "emergency-escalation-plan",
      displayName: "Emergency escalation plan",
      stages: [
        { durationInMinutes: 5, targets: [{ target: "emergency/taro" }] },
        { durationInMinutes: 0, targets: [{ target: "emergency/jiro", isEssential: true }] },
      ],
    },
  ],
  responsePlans: [
    {
      name: "emergency-response-plan",
      incident: { title: "Emergency Occurred", impact: 3 },
      engagements: ["emergency-escalation-plan"],
      alarms: [{ ...EMERGENCY_ALARM, dimensions: { ...EMERGENCY_ALARM.dimensions } }],
    },
  ],
};
