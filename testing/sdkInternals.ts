/**
 * Every private part of the Pulumi Node.js SDK (`@pulumi/pulumi`) that the testing module relies
 * on, in one place. The SDK's public test hooks (`pulumi.runtime.setMocks`, its `Mocks`
 * interface and `MockResourceArgs`) hand a mock only a resource's type, name, inputs, provider
 * and import ID; they say nothing of its parent, `protect`, dependencies or secret inputs, nothing
 * of which component instance finished, and give no way to await an Output or the pending
 * registrations. Stack transforms (`pulumi.runtime.registerResourceTransform`) would see the
 * options, but the mock monitor does not run them (SDK 3.270, `runtime/mocks.d.ts`), and they
 * never see the component instance. So, and only here:
 *
 * - the mock monitor's `registerResource` is wrapped (the monitor itself is public:
 *   `pulumi.runtime.getMonitor()`; the request is the engine protocol's `RegisterResourceRequest`);
 * - `runtime/settings`' `waitForRPCs` (not in its type declarations) awaits pending registrations;
 * - an Output's `promise()` (internal) resolves its value or rejects with what its apply threw;
 * - a component's `__pulumiType` and `__name` (internal) name it, and
 *   `ComponentResource.prototype.registerOutputs` is wrapped to see it finish.
 *
 * {@link missingSdkInternals} checks each of them; `tests/testing/sdkInternals.spec.ts` fails,
 * naming the SDK version and the internal, the day an SDK release changes one.
 */
import * as pulumi from "@pulumi/pulumi";

/** The `@pulumi/pulumi` version these internals were read from. */
export const SDK_VERSION_CHECKED = "3.270.0";

/** The installed `@pulumi/pulumi` version. */
export function installedSdkVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("@pulumi/pulumi/package.json") as { version: string }).version;
}

/** The engine protocol's `RegisterResourceRequest`, as far as the capture reads it. */
export interface RegisterRequest {
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

/** The engine protocol's `RegisterResourceResponse`, as far as the capture reads it. */
export interface RegisterResponse {
  getUrn(): string;
  getId(): string;
}

/** The getters of {@link RegisterRequest} the capture calls. */
const REQUEST_GETTERS = [
  "getType",
  "getName",
  "getParent",
  "getProtect",
  "getCustom",
  "getProvider",
  "getDependenciesList",
  "getPropertydependenciesMap",
  "getAdditionalsecretoutputsList",
  "getImportid",
  "getObject",
] as const;

type RegisterCallback = (err: unknown, res?: RegisterResponse) => void;

/**
 * Sees every registration the mock monitor answers: `hook` gets the request and the monitor's
 * answer and returns an error to refuse the registration (as the engine refuses a duplicate URN),
 * or undefined to let it through. Call after `pulumi.runtime.setMocks`.
 */
export function interceptRegistrations(
  hook: (req: RegisterRequest, res: RegisterResponse) => Error | undefined,
): void {
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: RegisterCallback): unknown;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequest, callback: RegisterCallback) =>
    register(req, (err: unknown, res?: RegisterResponse) => {
      if (err || !res) return callback(err, res);
      const refused = hook(req, res);
      return refused ? callback(refused) : callback(err, res);
    });
}

/** Resolves once every RPC the program started (registrations, invokes) has been answered. */
export async function waitForRPCs(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings") as {
    waitForRPCs?: () => Promise<void>;
  };
  await settings.waitForRPCs?.();
}

/** An Output's value; rejects with what its apply threw. */
export function outputPromise<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

/** A component's type token and resource name. */
export function componentIdentity(component: pulumi.ComponentResource): {
  type: string;
  name: string;
} {
  const self = component as unknown as { __pulumiType?: string; __name?: string };
  return { type: self.__pulumiType ?? "", name: self.__name ?? "" };
}

/**
 * Calls `seen` for every component that calls `registerOutputs` (every component of this package
 * does, last in its constructor), before the SDK registers the outputs. Returns the undo.
 */
export function onRegisterOutputs(seen: (component: pulumi.ComponentResource) => void): () => void {
  const proto = pulumi.ComponentResource.prototype as unknown as {
    registerOutputs(outputs?: unknown): void;
  };
  const original = proto.registerOutputs;
  proto.registerOutputs = function (this: pulumi.ComponentResource, outputs?: unknown) {
    seen(this);
    return original.call(this, outputs);
  };
  return () => {
    proto.registerOutputs = original;
  };
}

/**
 * Each internal above that the installed SDK no longer has, as a sentence naming the installed
 * version, the version checked and the internal. Empty when all are there. Call it with mocks
 * installed: it builds a component and reads the mock monitor.
 */
export function missingSdkInternals(): string[] {
  const version = installedSdkVersion();
  const missing: string[] = [];
  const report = (internal: string) =>
    missing.push(
      `@pulumi/pulumi ${version} (the testing module was checked against ${SDK_VERSION_CHECKED}) no longer has ${internal}; update testing/sdkInternals.ts`,
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const settings = require("@pulumi/pulumi/runtime/settings") as Record<string, unknown>;
  if (typeof settings.waitForRPCs !== "function") report("runtime/settings waitForRPCs()");
  const monitor = pulumi.runtime.getMonitor() as unknown as Record<string, unknown> | undefined;
  if (typeof monitor?.registerResource !== "function") {
    report("a mock monitor with registerResource(req, callback) from runtime.getMonitor()");
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const messages = require("@pulumi/pulumi/proto/resource_pb") as {
    RegisterResourceRequest?: { prototype: Record<string, unknown> };
    RegisterResourceResponse?: { prototype: Record<string, unknown> };
  };
  for (const getter of REQUEST_GETTERS) {
    if (typeof messages.RegisterResourceRequest?.prototype[getter] !== "function") {
      report(`proto/resource_pb RegisterResourceRequest.${getter}()`);
    }
  }
  for (const getter of ["getUrn", "getId"]) {
    if (typeof messages.RegisterResourceResponse?.prototype[getter] !== "function") {
      report(`proto/resource_pb RegisterResourceResponse.${getter}()`);
    }
  }
  if (typeof (pulumi.output(1) as unknown as Record<string, unknown>).promise !== "function") {
    report("Output.promise()");
  }
  const probe = new pulumi.ComponentResource("sdk:internals:Probe", "probe", {});
  const { type, name } = componentIdentity(probe);
  if (type !== "sdk:internals:Probe") report("ComponentResource.__pulumiType");
  if (name !== "probe") report("ComponentResource.__name");
  const proto = pulumi.ComponentResource.prototype as unknown as Record<string, unknown>;
  if (typeof proto.registerOutputs !== "function") {
    report("ComponentResource.prototype.registerOutputs()");
  }
  return missing;
}
