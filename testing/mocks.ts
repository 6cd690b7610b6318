/**
 * Pulumi mocks that answer as AWS would: each resource's state is its inputs plus the computed
 * attributes a real deployment returns (ARNs in AWS's own formats, ids), and the invokes the
 * components make (`aws.getCallerIdentity`, `aws.getPartition`, `aws.getRegion`,
 * `aws-native.getAccountId`) are answered. The mocks Pulumi's documentation shows
 * (`newResource` returning `{ id, state: args.inputs }`) leave `arn` undefined, and every check the
 * components make on it fails inside an Output, as an unhandled rejection.
 */
import * as pulumi from "@pulumi/pulumi";

/** The account id the mocks answer as unless told otherwise. */
export const MOCK_ACCOUNT = "123456789012";
/** The partition the mocks answer in unless told otherwise. */
export const MOCK_PARTITION = "aws";
/** The region resources without a `region` input land in, unless told otherwise. */
export const MOCK_REGION = "ap-northeast-1";

/**
 * The DNS suffix of each partition `aws.getPartition` may answer with.
 * Source: botocore 1.43 `data/endpoints.json`, `partitions[].dnsSuffix`.
 */
const DNS_SUFFIXES: Readonly<Record<string, string>> = {
  aws: "amazonaws.com",
  "aws-cn": "amazonaws.com.cn",
  "aws-us-gov": "amazonaws.com",
  "aws-iso": "c2s.ic.gov",
  "aws-iso-b": "sc2s.sgov.gov",
  "aws-iso-e": "cloud.adc-e.uk",
  "aws-iso-f": "csp.hci.ic.gov",
  "aws-eusc": "amazonaws.eu",
};

/** Who and where the mocks answer as. */
export interface MockOptions {
  /**
   * The 12-digit account id of the caller identity and of every ARN the mocks make.
   * @default "123456789012"
   */
  readonly account?: string;
  /**
   * The partition of every ARN and of `aws.getPartition` (`aws`, `aws-cn`, `aws-us-gov`, ...).
   * Incident Manager is offered only in `aws` (botocore 1.43 `data/endpoints.json`).
   * @default "aws"
   */
  readonly partition?: string;
  /**
   * The region of resources without a `region` input, and of `aws.getRegion`.
   * @default "ap-northeast-1"
   */
  readonly region?: string;
}

/** The settings in force: the defaults unless {@link configureMocks} said otherwise. */
let current: Required<MockOptions> = {
  account: MOCK_ACCOUNT,
  partition: MOCK_PARTITION,
  region: MOCK_REGION,
};

/** The account, partition and region the mocks answer as now. */
export function mockSettings(): Required<MockOptions> {
  return { ...current };
}

/**
 * Sets the account, partition and region the mocks answer as, from now on; fields left out go
 * back to their defaults.
 */
export function configureMocks(options: MockOptions = {}): void {
  const account = options.account ?? MOCK_ACCOUNT;
  // Source: botocore 1.43 organizations/2016-11-28 service-2.json, shape `AccountId`: `^\d{12}$`.
  if (!/^\d{12}$/.test(account)) {
    throw new Error(`mocks: account must be 12 digits, such as ${MOCK_ACCOUNT}; got ${account}`);
  }
  const partition = options.partition ?? MOCK_PARTITION;
  if (!(partition in DNS_SUFFIXES)) {
    throw new Error(
      `mocks: partition must be one of ${Object.keys(DNS_SUFFIXES).join(", ")}; got ${partition}`,
    );
  }
  current = { account, partition, region: options.region ?? MOCK_REGION };
}

/** The account {@link applyMockOptions} falls back on: {@link MOCK_ACCOUNT} unless {@link setMockAccount} says. */
let defaultAccount = MOCK_ACCOUNT;

/**
 * Sets the settings from `options`; a field left out takes its default (the account set with
 * {@link setMockAccount}, else {@link MOCK_ACCOUNT}; {@link MOCK_PARTITION}; {@link MOCK_REGION}),
 * so one test's options never leak into the next.
 */
export function applyMockOptions(options: MockOptions): void {
  configureMocks({ ...options, account: options.account ?? defaultAccount });
}

/**
 * Makes the mocks answer as `account` (its caller identity and the ARNs they make), as a stack
 * run with that account's credentials sees it, now and in every later `mocks()` or
 * `installCapture` that names no account: `plan --snapshot` runs as the snapshot's account,
 * which the import IDs of an adopting program name. `undefined` restores {@link MOCK_ACCOUNT}.
 */
export function setMockAccount(account: string | undefined): void {
  defaultAccount = account ?? MOCK_ACCOUNT;
  configureMocks({ ...current, account: defaultAccount });
}

let counter = 0;

/**
 * The physical id and the state (inputs plus computed attributes) a real deployment would return
 * for a resource of `type` named `name`, in the account, partition and region in force.
 */
export function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): { id: string; state: Record<string, unknown> } {
  const region = typeof inputs.region === "string" ? inputs.region : current.region;
  const acct = current.account;
  const p = current.partition;
  const id = `${name}-id`;
  const state: Record<string, unknown> = { ...inputs };
  const str = (key: string) => (typeof inputs[key] === "string" ? (inputs[key] as string) : name);
  switch (type) {
    case "aws-native:ssmincidents:ReplicationSet":
    case "aws:ssmincidents/replicationSet:ReplicationSet":
      state.arn = `arn:${p}:ssm-incidents::${acct}:replication-set/${name}`;
      return { id: state.arn as string, state };
    case "aws-native:ssmincidents:ResponsePlan":
    case "aws:ssmincidents/responsePlan:ResponsePlan":
      state.arn = `arn:${p}:ssm-incidents::${acct}:response-plan/${str("name")}`;
      return { id: state.arn as string, state };
    case "aws-native:ssmcontacts:Contact":
    case "aws:ssmcontacts/contact:Contact":
      state.arn = `arn:${p}:ssm-contacts:${region}:${acct}:contact/${str("alias")}`;
      return { id: state.arn as string, state };
    case "aws-native:ssmcontacts:ContactChannel":
    case "aws:ssmcontacts/contactChannel:ContactChannel": {
      const contact = String(inputs.contactId ?? inputs.contactArn ?? "contact")
        .split("/")
        .pop();
      state.arn = `arn:${p}:ssm-contacts:${region}:${acct}:contact-channel/${contact}/${name}`;
      if (type.startsWith("aws:")) state.activationStatus = "NOT_ACTIVATED";
      return { id: state.arn as string, state };
    }
    case "aws-native:ssmcontacts:Plan":
    case "aws:ssmcontacts/plan:Plan":
      // A plan's ID is its contact's ARN (@pulumi/aws imports a Plan "using the Contact ARN").
      state.arn = `${String(inputs.contactId ?? inputs.contactArn ?? name)}`;
      return { id: state.arn as string, state };
    case "aws-native:ssmcontacts:Rotation":
    case "aws:ssm/contactsRotation:ContactsRotation":
      state.arn = `arn:${p}:ssm-contacts:${region}:${acct}:rotation/${str("name")}`;
      return { id: state.arn as string, state };
    case "aws:kms/key:Key": {
      // A multi-Region key's id starts with `mrk-` (KMS CreateKey MultiRegion).
      const keyId = `${inputs.multiRegion === true ? "mrk-" : "mock-"}${(++counter).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
      state.keyId = keyId;
      state.arn = `arn:${p}:kms:${region}:${acct}:key/${keyId}`;
      return { id: keyId, state };
    }
    case "aws:kms/replicaKey:ReplicaKey": {
      // A replica keeps its primary key's id, in its own region.
      const keyId = String(inputs.primaryKeyArn ?? name)
        .split("/")
        .pop()!;
      state.keyId = keyId;
      state.arn = `arn:${p}:kms:${region}:${acct}:key/${keyId}`;
      return { id: keyId, state };
    }
    case "aws:secretsmanager/secret:Secret": {
      // The ARN ends in the name, a hyphen and six random characters (secretsmanager CreateSecret Name).
      state.name = typeof inputs.name === "string" ? inputs.name : `${name}-a1b2c3d`;
      state.arn = `arn:${p}:secretsmanager:${region}:${acct}:secret:${state.name as string}-AbCdEf`;
      return { id: state.arn as string, state };
    }
    case "aws:kms/alias:Alias":
      state.arn = `arn:${p}:kms:${region}:${acct}:${str("name")}`;
      return { id: str("name"), state };
    case "aws:iam/role:Role":
      state.name = str("name");
      state.arn = `arn:${p}:iam::${acct}:role/${state.name as string}`;
      return { id: state.name as string, state };
    case "aws:iam/rolePolicy:RolePolicy":
      return { id: `${String(inputs.role)}:${str("name")}`, state };
    case "aws:cloudwatch/metricAlarm:MetricAlarm":
    case "aws:cloudwatch/compositeAlarm:CompositeAlarm": {
      const alarmName = typeof inputs.name === "string" ? inputs.name : str("alarmName");
      state.arn = `arn:${p}:cloudwatch:${region}:${acct}:alarm:${alarmName}`;
      return { id: alarmName, state };
    }
    case "aws:cloudwatch/eventRule:EventRule":
      state.arn = `arn:${p}:events:${region}:${acct}:rule/${str("name")}`;
      return { id: str("name"), state };
    case "aws:cloudwatch/eventTarget:EventTarget":
      // An EventBridge target has no ARN; its id is the rule's name and the target's id.
      return { id: `${String(inputs.rule)}-${str("targetId")}`, state };
    case "aws:sns/topic:Topic":
      state.arn = `arn:${p}:sns:${region}:${acct}:${str("name")}`;
      return { id: state.arn as string, state };
    case "aws:ssm/document:Document":
      // A new document's versions as the mocks number them: one version, "1".
      state.arn = `arn:${p}:ssm:${region}:${acct}:document/${str("name")}`;
      Object.assign(state, { latestVersion: "1", defaultVersion: "1", documentVersion: "1" });
      return { id: str("name"), state };
    case "aws:chatbot/slackChannelConfiguration:SlackChannelConfiguration":
    case "aws:chatbot/teamsChannelConfiguration:TeamsChannelConfiguration": {
      const kind = type.includes("slack") ? "slack-channel" : "microsoft-teams-channel";
      state.chatConfigurationArn = `arn:${p}:chatbot::${acct}:chat-configuration/${kind}/${str("configurationName")}`;
      return { id: state.chatConfigurationArn as string, state };
    }
    default:
      if (!("arn" in state)) state.arn = `arn:${p}:mock:${region}:${acct}:${type}/${name}`;
      return { id, state };
  }
}

/** The answer to an invoke the components and examples make; any other returns its inputs. */
export function mockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const { account, partition, region } = current;
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: account,
        arn: `arn:${partition}:iam::${account}:user/plan`,
        userId: "AIDAMOCK",
        id: account,
      };
    case "aws:index/getPartition:getPartition":
      return { partition, dnsSuffix: DNS_SUFFIXES[partition], id: partition };
    case "aws:index/getRegion:getRegion":
      return { name: inputs.region ?? region, region: inputs.region ?? region };
    case "aws-native:index:getAccountId":
      return { accountId: account };
    default:
      return inputs;
  }
}

/**
 * Pulumi mocks with realistic AWS outputs, for `pulumi.runtime.setMocks`: every resource gets
 * the ARN and id AWS would give it, and the caller identity, partition and region invokes are
 * answered as `options` say (see {@link applyMockOptions} for fields left out). Use
 * `installCapture` instead to also record what registered.
 *
 * @example
 * ```ts
 * await pulumi.runtime.setMocks(testing.mocks({ account: "210987654321" }), "project", "test", false);
 * ```
 */
export function mocks(options: MockOptions = {}): pulumi.runtime.Mocks {
  applyMockOptions(options);
  return {
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
      const { id, state } = mockState(args.type, args.name, args.inputs ?? {});
      // An imported resource keeps the ID it was imported with; where that ID is its ARN, so is
      // the ARN the program reads back.
      if (args.id && state.arn === id) state.arn = args.id;
      return { id: args.id || id, state };
    },
    call: (args: pulumi.runtime.MockCallArgs) => mockCall(args.token, args.inputs ?? {}),
  };
}
