/**
 * Runs a Pulumi program offline: Pulumi mocks in non-preview mode, so every `apply` resolves, with
 * each registration recorded the way the engine would see it (inputs, parent, protect,
 * dependencies, secrets). Used by `plan`, the tests and the benchmarks.
 *
 * The mock state of a resource is its inputs plus the computed attributes a real deployment
 * would return (ARNs in AWS's own formats, ids), so that programs which build ARNs from other
 * resources resolve to realistic values.
 */
import * as pulumi from "@pulumi/pulumi";

/** The account id and partition the mocks answer with. */
export const MOCK_ACCOUNT = "123456789012";
export const MOCK_PARTITION = "aws";
/** The region resources without a `region` input land in. */
export const MOCK_REGION = "ap-northeast-1";

/** One resource registration, as the engine receives it. */
export interface CapturedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** Plain inputs (secrets unwrapped; see `secretInputs`). */
  readonly inputs: Record<string, unknown>;
  /** Top-level input names whose values were secret. */
  readonly secretInputs: readonly string[];
  /** The outputs the mocks returned (inputs plus computed attributes). */
  readonly state: Record<string, unknown>;
  readonly custom: boolean;
  readonly id?: string;
  /** The parent's URN, if any. */
  readonly parent?: string;
  readonly protect: boolean;
  /** URNs this resource depends on (explicit `dependsOn` and input dependencies). */
  readonly dependencies: readonly string[];
  /** For each input, the URNs its value came from. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Output names marked secret with `additionalSecretOutputs`. */
  readonly additionalSecretOutputs: readonly string[];
  readonly provider?: string;
  /** The ID given in the `import` resource option, when the resource is adopted. */
  readonly importId?: string;
}

/** An invoke the program made. */
export interface CapturedCall {
  readonly token: string;
  readonly inputs: Record<string, unknown>;
}

/** Where a capture run records what it saw. */
export interface Capture {
  readonly resources: CapturedResource[];
  readonly calls: CapturedCall[];
  /** Messages passed to `pulumi.log.warn`. */
  readonly warnings: string[];
  /**
   * Registrations refused as the engine refuses them, with the engine's message: a second
   * resource with an URN already registered (`Duplicate resource URN '<urn>'; try giving it a
   * unique name`). The refused resource is not in `resources`.
   */
  readonly errors: string[];
}

/**
 * The engine's refusal of a second resource with one URN, word for word.
 * (pulumi/pulumi `sdk/go/common/diag/errors.go`, GetDuplicateResourceURNError, diagnostic 2001.)
 */
export function duplicateUrnMessage(urn: string): string {
  return `Duplicate resource URN '${urn}'; try giving it a unique name`;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

function isSecretMarker(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SECRET_SIG] === SECRET_VALUE
  );
}

/** Removes the wire format's secret markers, keeping the values. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretMarker(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = unwrapSecrets(v);
    return out;
  }
  return value;
}

function containsSecret(value: unknown): boolean {
  if (isSecretMarker(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

let counter = 0;

/** The account the mocks answer as: {@link MOCK_ACCOUNT} unless {@link setMockAccount} says. */
let mockAccount = MOCK_ACCOUNT;

/**
 * Makes the mocks answer as `account` (its caller identity and the ARNs they make), as a stack
 * run with that account's credentials sees it: `plan --snapshot` runs as the snapshot's account,
 * which the import IDs of an adopting program name. `undefined` restores {@link MOCK_ACCOUNT}.
 */
export function setMockAccount(account: string | undefined): void {
  mockAccount = account ?? MOCK_ACCOUNT;
}

/** The URNs each capture has seen, forgotten by `reset`. */
const registeredUrns = new WeakMap<Capture, Set<string>>();

/** The physical id and computed attributes a real deployment would return for `type`. */
export function mockState(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): { id: string; state: Record<string, unknown> } {
  const region = typeof inputs.region === "string" ? inputs.region : MOCK_REGION;
  const acct = mockAccount;
  const p = MOCK_PARTITION;
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
      const keyId = `mock-${(++counter).toString(16).padStart(8, "0")}-0000-4000-8000-000000000000`;
      state.keyId = keyId;
      state.arn = `arn:${p}:kms:${region}:${acct}:key/${keyId}`;
      return { id: keyId, state };
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
    default:
      if (!("arn" in state)) state.arn = `arn:${p}:mock:${region}:${acct}:${type}/${name}`;
      return { id, state };
  }
}

/** The answers to the invokes our components and examples make. */
export function mockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case "aws:index/getCallerIdentity:getCallerIdentity":
      return {
        accountId: mockAccount,
        arn: `arn:${MOCK_PARTITION}:iam::${mockAccount}:user/plan`,
        userId: "AIDAMOCK",
        id: mockAccount,
      };
    case "aws:index/getPartition:getPartition":
      return { partition: MOCK_PARTITION, dnsSuffix: "amazonaws.com", id: MOCK_PARTITION };
    case "aws:index/getRegion:getRegion":
      return { name: inputs.region ?? MOCK_REGION, region: inputs.region ?? MOCK_REGION };
    case "aws-native:index:getAccountId":
      return { accountId: mockAccount };
    default:
      return inputs;
  }
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getProtect(): boolean;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(fn: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getAdditionalsecretoutputsList(): string[];
  getImportid(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

/**
 * Installs Pulumi mocks that record every registration into a new {@link Capture}. Call it before
 * the program (or the component code) is imported or run.
 */
export async function installCapture(
  project = "incident-manager",
  stack = "plan",
): Promise<Capture> {
  const capture: Capture = { resources: [], calls: [], warnings: [], errors: [] };
  const urns = new Set<string>();
  registeredUrns.set(capture, urns);
  const pending = new Map<string, Record<string, unknown>>();
  await pulumi.runtime.setMocks(
    {
      newResource(args: pulumi.runtime.MockResourceArgs) {
        const { id, state } = mockState(args.type, args.name, args.inputs ?? {});
        // An imported resource keeps the ID it was imported with; where that ID is its ARN, so
        // is the ARN the program reads back.
        if (args.id && state.arn === id) state.arn = args.id;
        pending.set(`${args.type}::${args.name}`, state);
        return { id: args.id || id, state };
      },
      call(args: pulumi.runtime.MockCallArgs) {
        capture.calls.push({ token: args.token, inputs: args.inputs });
        return mockCall(args.token, args.inputs ?? {});
      },
    },
    project,
    stack,
    false,
  );
  // The mock monitor hands newResource() only type, name and inputs; wrap it to see the rest of
  // the request (parent, protect, dependencies, secrets), as the engine does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings");
  const monitor = settings.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (
    req: RegisterRequest,
    callback: (err: unknown, res?: { getUrn(): string; getId(): string }) => void,
  ) => {
    register(req, (err: unknown, res?: { getUrn(): string; getId(): string }) => {
      if (!err && res && urns.has(res.getUrn())) {
        // The engine refuses the registration and the deployment stops; the SDK reports
        // "failed to register new resource <name> [<type>]: <message>".
        const message = duplicateUrnMessage(res.getUrn());
        capture.errors.push(message);
        pending.delete(`${req.getType()}::${req.getName()}`);
        callback(Object.assign(new Error(message), { code: 2 /* grpc UNKNOWN */ }));
        return;
      }
      if (!err && res) {
        urns.add(res.getUrn());
        const raw = req.getObject()?.toJavaScript() ?? {};
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value, key) => {
          propertyDependencies[key] = value.getUrnsList();
        });
        const key = `${req.getType()}::${req.getName()}`;
        capture.resources.push({
          urn: res.getUrn(),
          type: req.getType(),
          name: req.getName(),
          inputs: unwrapSecrets(raw) as Record<string, unknown>,
          secretInputs: Object.keys(raw).filter((k) => containsSecret(raw[k])),
          state: pending.get(key) ?? {},
          custom: req.getCustom(),
          id: res.getId() || undefined,
          parent: req.getParent() || undefined,
          protect: req.getProtect(),
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          provider: req.getProvider() || undefined,
          importId: req.getImportid() || undefined,
        });
        pending.delete(key);
      }
      callback(err, res);
    });
  };
  const warn = pulumi.log.warn;
  pulumi.log.warn = (
    msg: string,
    resource?: pulumi.Resource,
    streamId?: number,
    ephemeral?: boolean,
  ) => {
    capture.warnings.push(msg);
    return warn(msg, resource, streamId, ephemeral);
  };
  return capture;
}

/** Waits until every registration the program started has reached the mock monitor. */
export async function settle(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings");
  await settings.waitForRPCs?.();
  // Outputs resolve across several turns of the event loop; let them.
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** Resolves an Output's value in a mocked run (tests and plan only). */
export function valueOf<T>(output: pulumi.Output<T> | T): Promise<T> {
  if (!pulumi.Output.isInstance(output)) return Promise.resolve(output as T);
  // `promise()` is the SDK's internal accessor; it rejects when an apply threw.
  return (output as unknown as { promise(): Promise<T> }).promise();
}

/** Clears what a capture recorded, to reuse one mocked runtime across tests. */
export function reset(capture: Capture): void {
  capture.resources.length = 0;
  capture.calls.length = 0;
  capture.warnings.length = 0;
  capture.errors.length = 0;
  registeredUrns.get(capture)?.clear();
}
