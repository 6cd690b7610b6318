/**
 * Reads a live Incident Manager account with the AWS SDK for JavaScript v3 into a {@link Snapshot}:
 * only read operations (List*, Get*, DescribeAlarms), every page of each list, throttling
 * retried with the SDK's own standard retry strategy (exponential backoff with jitter), and an
 * AccessDenied turned into an error that names the IAM permission to add.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand as ListAlarmTagsCommand,
} from "@aws-sdk/client-cloudwatch";
import {
  GetContactCommand,
  ListContactChannelsCommand,
  ListContactsCommand,
  ListRotationsCommand,
  ListTagsForResourceCommand as ListContactTagsCommand,
  SSMContactsClient,
  type ContactChannel,
  type Rotation,
} from "@aws-sdk/client-ssm-contacts";
import {
  GetReplicationSetCommand,
  GetResponsePlanCommand,
  ListReplicationSetsCommand,
  ListResponsePlansCommand,
  ListTagsForResourceCommand as ListIncidentTagsCommand,
  SSMIncidentsClient,
} from "@aws-sdk/client-ssm-incidents";
import {
  DEFAULT_MAX_ATTEMPTS,
  isServerError,
  isThrottlingError,
  isTransientError,
  StandardRetryStrategy,
} from "@smithy/core/retry";
import type { RetryErrorType, SdkError } from "@smithy/types";
import { SNAPSHOT_FORMAT, type Snapshot } from "./snapshot";

/** The three clients the reader uses, all in the replication set's first region. */
export interface AdoptClients {
  readonly contacts: SSMContactsClient;
  readonly incidents: SSMIncidentsClient;
  readonly cloudwatch: CloudWatchClient;
}

/** How the reader waits and retries. */
export interface ReadOptions {
  /** The region the clients are in (recorded in the snapshot). */
  readonly region: string;
  /**
   * Attempts per request, first included.
   * @default the SDK's `DEFAULT_MAX_ATTEMPTS` (3)
   */
  readonly maxAttempts?: number;
  /** Waits `ms` milliseconds between attempts. @default a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Builds the clients for `region` with the SDK's default credential chain. Their own retries are
 * off (`maxAttempts: 1`): {@link readAccount} retries with the same strategy, once per request.
 */
export function createClients(region: string): AdoptClients {
  const config = { region, maxAttempts: 1 };
  return {
    contacts: new SSMContactsClient(config),
    incidents: new SSMIncidentsClient(config),
    cloudwatch: new CloudWatchClient(config),
  };
}

/** The reader could not read the account: says which call, why, and what to do. */
export class AccountReadError extends Error {}

/** A client as the reader calls it: what `send` of any SDK v3 client is. */
interface Sender {
  send(command: unknown): Promise<unknown>;
}

/**
 * The IAM action a read command needs: the operation's name under the service's prefix. The
 * Service Authorization Reference maps each read operation used here to the action of the same
 * name ("API operations defined by AWS Systems Manager Incident Manager Contacts", "... Incident
 * Manager", "... Amazon CloudWatch").
 */
function permissionOf(prefix: string, command: object): string {
  const name = command.constructor.name.replace(/Command$/, "");
  return `${prefix}:${name}`;
}

function errorType(error: SdkError): RetryErrorType {
  if (isThrottlingError(error)) return "THROTTLING";
  if (isTransientError(error)) return "TRANSIENT";
  if (isServerError(error)) return "SERVER_ERROR";
  return "CLIENT_ERROR";
}

const timer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Sends commands with retries, one retry strategy (and so one retry quota) per read. */
class Caller {
  private readonly strategy: StandardRetryStrategy;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Milliseconds waited before each retry, in order: what the tests read. */
  public readonly delays: number[] = [];

  constructor(options: ReadOptions) {
    this.strategy = new StandardRetryStrategy(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.sleep = options.sleep ?? timer;
  }

  async send<T>(client: Sender, prefix: string, command: object): Promise<T> {
    const permission = permissionOf(prefix, command);
    let token = await this.strategy.acquireInitialRetryToken(permission);
    for (;;) {
      try {
        const out = (await client.send(command)) as T;
        this.strategy.recordSuccess(token);
        return out;
      } catch (err) {
        const error = err as SdkError & { message?: string };
        if (error?.name === "AccessDeniedException" || error?.name === "AccessDenied") {
          throw new AccountReadError(
            `Reading the account needs the IAM permission \`${permission}\`, which was denied (${error.message ?? error.name}). Allow \`${permission}\` to the credentials adopt runs with (the README lists every permission it needs), or read a snapshot with \`--snapshot <file>\`.`,
          );
        }
        try {
          token = await this.strategy.refreshRetryTokenForRetry(token, {
            errorType: errorType(error),
            error,
          });
        } catch {
          throw new AccountReadError(
            `${permission} failed: ${error?.name ?? "Error"}: ${error?.message ?? String(err)}`,
          );
        }
        const delay = token.getRetryDelay();
        this.delays.push(delay);
        await this.sleep(delay);
      }
    }
  }
}

/** Calls a paginated operation until its `NextToken` runs out, merging `field` of every page. */
async function allPages<T>(
  caller: Caller,
  client: Sender,
  prefix: string,
  make: (token: string | undefined) => object,
  field: string,
  tokenField: "NextToken" | "nextToken",
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const page = await caller.send<Record<string, unknown>>(client, prefix, make(token));
    items.push(...(((page[field] as T[] | undefined) ?? []) as T[]));
    token = page[tokenField] as string | undefined;
  } while (token !== undefined && token !== "");
  return items;
}

/** Drops the SDK's `$metadata` from an output, keeping only what AWS returned. */
function body<T extends object>(output: T): Omit<T, "$metadata"> {
  const { $metadata: _m, ...rest } = output as T & { $metadata?: unknown };
  void _m;
  return rest;
}

/**
 * Reads the account: the replication set, every contact with its channels and tags, every
 * rotation with its tags, every response plan with its tags, and the region's alarms.
 * Returns the snapshot and the delays waited before retries.
 */
export async function readAccount(
  clients: AdoptClients,
  options: ReadOptions,
): Promise<{ snapshot: Snapshot; retryDelays: readonly number[] }> {
  const caller = new Caller(options);
  const { contacts, incidents, cloudwatch } = clients;
  const C = "ssm-contacts";
  const I = "ssm-incidents";

  const setArns = await allPages<string>(
    caller,
    incidents,
    I,
    (t) => new ListReplicationSetsCommand({ nextToken: t }),
    "replicationSetArns",
    "nextToken",
  );
  let getReplicationSet: Snapshot["getReplicationSet"];
  let replicationSetTags: Snapshot["replicationSetTags"];
  if (setArns.length > 0) {
    getReplicationSet = body(
      await caller.send<object>(incidents, I, new GetReplicationSetCommand({ arn: setArns[0] })),
    ) as Snapshot["getReplicationSet"];
    replicationSetTags = body(
      await caller.send<object>(
        incidents,
        I,
        new ListIncidentTagsCommand({ resourceArn: setArns[0] }),
      ),
    );
  }

  const summaries = await allPages<{ ContactArn: string }>(
    caller,
    contacts,
    C,
    (t) => new ListContactsCommand({ NextToken: t }),
    "Contacts",
    "NextToken",
  );
  const contactSnapshots: Snapshot["contacts"][number][] = [];
  for (const summary of summaries) {
    const contact = body(
      await caller.send<object>(
        contacts,
        C,
        new GetContactCommand({ ContactId: summary.ContactArn }),
      ),
    ) as Snapshot["contacts"][number]["getContact"];
    const channels = await allPages<ContactChannel>(
      caller,
      contacts,
      C,
      (t) => new ListContactChannelsCommand({ ContactId: summary.ContactArn, NextToken: t }),
      "ContactChannels",
      "NextToken",
    );
    const tags = body(
      await caller.send<object>(
        contacts,
        C,
        new ListContactTagsCommand({ ResourceARN: summary.ContactArn }),
      ),
    );
    contactSnapshots.push({
      getContact: contact,
      listContactChannels: { ContactChannels: channels },
      listTagsForResource: tags,
    });
  }

  const rotations = await allPages<Rotation>(
    caller,
    contacts,
    C,
    (t) => new ListRotationsCommand({ NextToken: t }),
    "Rotations",
    "NextToken",
  );
  const rotationSnapshots: Snapshot["rotations"][number][] = [];
  for (const rotation of rotations) {
    const tags = body(
      await caller.send<object>(
        contacts,
        C,
        new ListContactTagsCommand({ ResourceARN: rotation.RotationArn }),
      ),
    );
    rotationSnapshots.push({ rotation, listTagsForResource: tags });
  }

  const plans = await allPages<{ arn: string }>(
    caller,
    incidents,
    I,
    (t) => new ListResponsePlansCommand({ nextToken: t }),
    "responsePlanSummaries",
    "nextToken",
  );
  const planSnapshots: Snapshot["responsePlans"][number][] = [];
  for (const plan of plans) {
    planSnapshots.push({
      getResponsePlan: body(
        await caller.send<object>(incidents, I, new GetResponsePlanCommand({ arn: plan.arn })),
      ) as Snapshot["responsePlans"][number]["getResponsePlan"],
      listTagsForResource: body(
        await caller.send<object>(
          incidents,
          I,
          new ListIncidentTagsCommand({ resourceArn: plan.arn }),
        ),
      ),
    });
  }

  const metricAlarms: object[] = [];
  const compositeAlarms: object[] = [];
  let next: string | undefined;
  do {
    const page = await caller.send<{
      MetricAlarms?: object[];
      CompositeAlarms?: object[];
      NextToken?: string;
    }>(
      cloudwatch,
      "cloudwatch",
      new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm", "CompositeAlarm"], NextToken: next }),
    );
    metricAlarms.push(...(page.MetricAlarms ?? []));
    compositeAlarms.push(...(page.CompositeAlarms ?? []));
    next = page.NextToken;
  } while (next !== undefined && next !== "");

  // The alarms that open incidents: their actions name a response plan
  // (arn:<partition>:ssm-incidents::<account>:response-plan/<name>).
  const planArns = new Set(plans.map((p) => p.arn));
  const alarmTags: Record<string, object> = {};
  for (const alarm of [...metricAlarms, ...compositeAlarms] as {
    AlarmName?: string;
    AlarmArn?: string;
    AlarmActions?: string[];
  }[]) {
    if (!(alarm.AlarmActions ?? []).some((a) => planArns.has(a)) || alarm.AlarmArn === undefined) {
      continue;
    }
    alarmTags[alarm.AlarmName ?? alarm.AlarmArn] = body(
      await caller.send<object>(
        cloudwatch,
        "cloudwatch",
        new ListAlarmTagsCommand({ ResourceARN: alarm.AlarmArn }),
      ),
    );
  }

  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    region: options.region,
    ...(getReplicationSet === undefined ? {} : { getReplicationSet, replicationSetTags }),
    contacts: contactSnapshots,
    rotations: rotationSnapshots as Snapshot["rotations"][number][],
    responsePlans: planSnapshots,
    describeAlarms: {
      MetricAlarms: metricAlarms as Snapshot["describeAlarms"]["MetricAlarms"],
      CompositeAlarms: compositeAlarms as Snapshot["describeAlarms"]["CompositeAlarms"],
    },
    alarmTags: alarmTags as Snapshot["alarmTags"],
  };
  return { snapshot, retryDelays: caller.delays };
}
