/**
 * Runs a Pulumi program offline under the realistic mocks of `./mocks`, in non-preview mode so
 * every `apply` resolves, with each registration recorded the way the engine would see it
 * (inputs, parent, protect, dependencies, secrets). Used by `plan`, the benchmarks, this
 * package's tests and users' own.
 */
import * as pulumi from "@pulumi/pulumi";
import { applyMockOptions, mockCall, MockOptions, mockState } from "./mocks";
import { interceptRegistrations, outputPromise, waitForRPCs } from "./sdkInternals";

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

/** The URNs each capture has seen, forgotten by `reset`. */
const registeredUrns = new WeakMap<Capture, Set<string>>();

/** Where a capture runs and who its mocks answer as. */
export interface CaptureOptions extends MockOptions {
  /**
   * The Pulumi project name, the URNs' second part.
   * @default "incident-manager"
   */
  readonly project?: string;
  /**
   * The Pulumi stack name, the URNs' first part.
   * @default "plan"
   */
  readonly stack?: string;
}

/**
 * Installs the realistic mocks (see `mocks`) through `pulumi.runtime.setMocks`, non-preview, and
 * records every registration into a new {@link Capture}. Call it before the program (or the
 * component code) is imported or run; call {@link settle} before reading the capture. Account,
 * partition and region left out take their defaults (see `applyMockOptions`).
 *
 * @param options the project, stack, account, partition and region; a string is the project
 *   name, with `stack` as the second argument.
 */
export async function installCapture(
  options: CaptureOptions | string = {},
  stack?: string,
): Promise<Capture> {
  const opts: CaptureOptions = typeof options === "string" ? { project: options, stack } : options;
  applyMockOptions(opts);
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
    opts.project ?? "incident-manager",
    opts.stack ?? "plan",
    false,
  );
  // The mocks see only type, name and inputs; the rest of the request (parent, protect,
  // dependencies, secrets) is read where the monitor answers it, as the engine reads it.
  interceptRegistrations((req, res) => {
    const key = `${req.getType()}::${req.getName()}`;
    if (urns.has(res.getUrn())) {
      // The engine refuses the registration and the deployment stops; the SDK reports
      // "failed to register new resource <name> [<type>]: <message>".
      const message = duplicateUrnMessage(res.getUrn());
      capture.errors.push(message);
      pending.delete(key);
      return Object.assign(new Error(message), { code: 2 /* grpc UNKNOWN */ });
    }
    urns.add(res.getUrn());
    const raw = req.getObject()?.toJavaScript() ?? {};
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((value, k) => {
      propertyDependencies[k] = value.getUrnsList();
    });
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
    return undefined;
  });
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

/** Waits until every registration the program started has reached the mocks and been recorded. */
export async function settle(): Promise<void> {
  await waitForRPCs();
  // Outputs resolve across several turns of the event loop; let them.
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/**
 * Resolves an Output's value in a mocked run; rejects with what its `apply` threw (a
 * ValidationError checked when an Output resolved, above all). A plain value resolves as is.
 */
export function valueOf<T>(output: pulumi.Output<T> | T): Promise<T> {
  if (!pulumi.Output.isInstance(output)) return Promise.resolve(output as T);
  return outputPromise(output as pulumi.Output<T>);
}

/** Clears what a capture recorded, to reuse one mocked runtime across tests. */
export function reset(capture: Capture): void {
  capture.resources.length = 0;
  capture.calls.length = 0;
  capture.warnings.length = 0;
  capture.errors.length = 0;
  registeredUrns.get(capture)?.clear();
}
