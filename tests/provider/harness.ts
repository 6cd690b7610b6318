/**
 * Drives a component provider plugin the way the Pulumi engine does, without the CLI: it serves
 * an Engine (log messages recorded) and a ResourceMonitor (registrations recorded, custom
 * resources answered as the `testing/` mocks answer them), starts the plugin as the Node.js
 * language host does (`node @pulumi/pulumi/cmd/run-plugin <plugin folder> <engine address>`),
 * reads the port it prints on stdout, and calls it with the SDK's own gRPC stubs.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as engineRpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerPb from "@pulumi/pulumi/proto/provider_pb";
import * as resourceRpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { MOCK_ACCOUNT, mockCall, mockState, unwrapSecrets } from "../../testing";

/** The repository root. */
export const ROOT = path.join(__dirname, "..", "..");
/** The project and stack the Construct calls run in (the TypeScript captures use the same). */
export const PROJECT = "incident-manager";
export const STACK = "plan";

/** The wire's special values (pulumi/pulumi sdk/nodejs/runtime/rpc.ts). */
export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A secret value, as an SDK sends it. */
export function secretValue(value: unknown): Record<string, unknown> {
  return { [SIG]: SECRET_SIG, value };
}

/** An output value: known or not, secret or not, with the URNs it came from. */
export function outputValue(opts: {
  value?: unknown;
  secret?: boolean;
  dependencies?: string[];
}): Record<string, unknown> {
  const out: Record<string, unknown> = { [SIG]: OUTPUT_VALUE_SIG };
  if (opts.value !== undefined) out.value = opts.value;
  if (opts.secret) out.secret = true;
  if (opts.dependencies) out.dependencies = opts.dependencies;
  return out;
}

/** The features the engine says it supports (pulumi/pulumi pkg/resource/deploy/source_eval.go). */
const FEATURES = new Set([
  "secrets",
  "resourceReferences",
  "outputValues",
  "deletedWith",
  "aliasSpecs",
]);

/** One RegisterResource the plugin made. */
export interface WireResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent?: string;
  /** The inputs, secret markers removed. */
  readonly inputs: Record<string, unknown>;
  /** Top-level inputs whose values were (or contained) secrets. */
  readonly secretInputs: string[];
  /** The inputs as sent, secret markers and unknowns kept. */
  readonly rawInputs: Record<string, unknown>;
  readonly dependencies: string[];
  readonly propertyDependencies: Record<string, string[]>;
  readonly protect: boolean;
  readonly importId?: string;
  readonly additionalSecretOutputs: string[];
}

/** What the engine and monitor saw. */
export interface WireRecord {
  readonly resources: WireResource[];
  readonly outputs: { urn: string; outputs: Record<string, unknown> }[];
  readonly invokes: { token: string; args: Record<string, unknown> }[];
  readonly logs: { severity: number; message: string; urn: string }[];
}

function containsSecret(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if ((value as Record<string, unknown>)[SIG] === SECRET_SIG) return true;
  if (
    (value as Record<string, unknown>)[SIG] === OUTPUT_VALUE_SIG &&
    (value as { secret?: boolean }).secret
  ) {
    return true;
  }
  return Object.values(value).some(containsSecret);
}

function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v[SIG] === OUTPUT_VALUE_SIG && !("value" in v)) return true;
  return Object.values(v).some(containsUnknown);
}

/** The engine's URN: the parent's qualified type chain, then the type (root stack excluded). */
export function engineUrn(parent: string, type: string, name: string): string {
  let qualified = type;
  if (parent) {
    const parentType = parent.split("::")[2];
    if (parentType !== "pulumi:pulumi:Stack") qualified = `${parentType}$${type}`;
  }
  return `urn:pulumi:${STACK}::${PROJECT}::${qualified}::${name}`;
}

/** The engine and monitor servers, with what they recorded. */
export class FakeEngine {
  readonly record: WireRecord = { resources: [], outputs: [], invokes: [], logs: [] };
  /** True for a preview: custom resources answer with their inputs only, as in a preview. */
  dryRun = false;
  private readonly server = new grpc.Server();
  engineAddress = "";
  monitorAddress = "";

  async start(): Promise<void> {
    const record = this.record;
    this.server.addService(engineRpc.EngineService, {
      log(call: grpc.ServerUnaryCall<enginePb.LogRequest, Empty>, cb: grpc.sendUnaryData<Empty>) {
        const r = call.request;
        record.logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn() });
        cb(null, new Empty());
      },
      getRootResource(_c: unknown, cb: grpc.sendUnaryData<enginePb.GetRootResourceResponse>) {
        cb(null, new enginePb.GetRootResourceResponse());
      },
      setRootResource(_c: unknown, cb: grpc.sendUnaryData<enginePb.SetRootResourceResponse>) {
        cb(null, new enginePb.SetRootResourceResponse());
      },
    });
    this.server.addService(resourceRpc.ResourceMonitorService, {
      supportsFeature: (
        call: grpc.ServerUnaryCall<resourcePb.SupportsFeatureRequest, unknown>,
        cb: grpc.sendUnaryData<resourcePb.SupportsFeatureResponse>,
      ) => {
        const resp = new resourcePb.SupportsFeatureResponse();
        resp.setHassupport(FEATURES.has(call.request.getId()));
        cb(null, resp);
      },
      registerResource: (
        call: grpc.ServerUnaryCall<resourcePb.RegisterResourceRequest, unknown>,
        cb: grpc.sendUnaryData<resourcePb.RegisterResourceResponse>,
      ) => cb(null, this.register(call.request)),
      registerResourceOutputs: (
        call: grpc.ServerUnaryCall<resourcePb.RegisterResourceOutputsRequest, unknown>,
        cb: grpc.sendUnaryData<Empty>,
      ) => {
        const outs = (call.request.getOutputs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        record.outputs.push({ urn: call.request.getUrn(), outputs: outs });
        cb(null, new Empty());
      },
      invoke: (
        call: grpc.ServerUnaryCall<resourcePb.ResourceInvokeRequest, unknown>,
        cb: grpc.sendUnaryData<resourcePb.ResourceInvokeResponse>,
      ) => {
        const args = (call.request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        record.invokes.push({ token: call.request.getTok(), args });
        const resp = new resourcePb.ResourceInvokeResponse();
        resp.setReturn(Struct.fromJavaScript(json(mockCall(call.request.getTok(), args))));
        cb(null, resp);
      },
      signalAndWaitForShutdown: (_c: unknown, cb: grpc.sendUnaryData<Empty>) =>
        cb(null, new Empty()),
    });
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? reject(e) : resolve(p),
      ),
    );
    this.engineAddress = this.monitorAddress = `127.0.0.1:${port}`;
  }

  private register(req: resourcePb.RegisterResourceRequest): resourcePb.RegisterResourceResponse {
    const raw = (req.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const urn = engineUrn(req.getParent(), req.getType(), req.getName());
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((v, k) => {
      propertyDependencies[k] = v.getUrnsList();
    });
    const inputs = unwrapSecrets(raw) as Record<string, unknown>;
    this.record.resources.push({
      urn,
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      parent: req.getParent() || undefined,
      inputs,
      secretInputs: Object.keys(raw).filter((k) => containsSecret(raw[k])),
      rawInputs: raw,
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      protect: req.getProtect() ?? false,
      importId: req.getImportid() || undefined,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    });
    const resp = new resourcePb.RegisterResourceResponse();
    resp.setUrn(urn);
    if (req.getCustom()) {
      if (this.dryRun || containsUnknown(raw)) {
        // A preview knows only the inputs; what the provider computes is unknown.
        resp.setId(this.dryRun ? "" : `${req.getName()}-id`);
        resp.setObject(Struct.fromJavaScript(json(raw)));
      } else {
        const { id, state } = mockState(req.getType(), req.getName(), inputs);
        resp.setId(req.getImportid() || id);
        resp.setObject(Struct.fromJavaScript(json(state)));
      }
    }
    return resp;
  }

  /** Forgets what was recorded. */
  reset(): void {
    this.record.resources.length = 0;
    this.record.outputs.length = 0;
    this.record.invokes.length = 0;
    this.record.logs.length = 0;
    this.dryRun = false;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.tryShutdown(() => resolve()));
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON for a protobuf Struct
function json(value: unknown): any {
  return JSON.parse(JSON.stringify(value ?? {}));
}

/** The result of a Construct call. */
export interface Constructed {
  readonly urn: string;
  /** The state, secret markers kept. */
  readonly state: Record<string, unknown>;
  readonly stateDependencies: Record<string, string[]>;
}

/** A gRPC error as the engine receives it. */
export interface WireError {
  readonly code: number;
  readonly details: string;
  /** The InputPropertiesError details, when sent. */
  readonly propertyErrors: { propertyPath: string; reason: string }[];
}

/** A running plugin and the fake engine it talks to. */
export class PluginProcess {
  readonly client: providerRpc.ResourceProviderClient;
  private exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly engine: FakeEngine,
    readonly stderr: () => string,
  ) {
    this.client = new providerRpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    this.exited = new Promise((resolve) => {
      if (child.exitCode !== null) resolve(child.exitCode);
      else child.once("exit", (code) => resolve(code));
    });
  }

  /**
   * Starts the plugin in `dir` (a folder with PulumiPlugin.yaml and package.json) as the
   * Node.js language host does, from the TypeScript sources, and connects to it.
   */
  static async start(dir: string, timeoutMs = 45_000): Promise<PluginProcess> {
    const engine = new FakeEngine();
    await engine.start();
    const runner = require.resolve("@pulumi/pulumi/cmd/run-plugin", { paths: [dir] });
    const child = spawn(process.execPath, [runner, dir, engine.engineAddress], {
      cwd: ROOT,
      env: { ...process.env, INCIDENT_MANAGER_PROVIDER_SOURCES: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const killChild = () => child.kill("SIGKILL");
    process.once("exit", killChild);
    child.once("exit", () => process.removeListener("exit", killChild));
    let err = "";
    child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(
          () => reject(new Error(`the plugin printed no port in ${timeoutMs} ms\n${err}`)),
          timeoutMs,
        );
        child.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const line = out.split("\n")[0];
          if (out.includes("\n") && /^\d+$/.test(line.trim())) {
            clearTimeout(timer);
            resolve(Number(line.trim()));
          }
        });
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`the plugin exited with code ${code} before printing its port\n${err}`));
        });
      });
      return new PluginProcess(child, port, engine, () => err);
    } catch (e) {
      child.kill("SIGKILL");
      await engine.stop();
      throw e;
    }
  }

  private unary<Req, Res>(method: string, req: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      type Unary = (req: Req, cb: (e: grpc.ServiceError | null, res: Res) => void) => void;
      const fn = (this.client as unknown as Record<string, Unary>)[method].bind(this.client);
      fn(req, (e, res) => (e ? reject(e) : resolve(res)));
    });
  }

  async getPluginInfo(): Promise<string> {
    const res = await this.unary<Empty, { getVersion(): string }>("getPluginInfo", new Empty());
    return res.getVersion();
  }

  async configure(): Promise<providerPb.ConfigureResponse> {
    const req = new providerPb.ConfigureRequest();
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    return this.unary("configure", req);
  }

  async getSchema(): Promise<string> {
    const req = new providerPb.GetSchemaRequest();
    const res = await this.unary<providerPb.GetSchemaRequest, providerPb.GetSchemaResponse>(
      "getSchema",
      req,
    );
    return res.getSchema();
  }

  /**
   * Calls Construct as the engine does for a program's `new X(name, inputs)`: the inputs as an
   * SDK serializes them (use {@link secretValue}, {@link outputValue}, {@link UNKNOWN}), with the
   * URNs each input depends on.
   */
  async construct(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    opts: {
      dryRun?: boolean;
      inputDependencies?: Record<string, string[]>;
      dependencies?: string[];
      parent?: string;
    } = {},
  ): Promise<Constructed> {
    const req = new providerPb.ConstructRequest();
    req.setProject(PROJECT);
    req.setStack(STACK);
    req.setOrganization("organization");
    req.setDryrun(opts.dryRun ?? false);
    req.setParallel(8);
    req.setMonitorendpoint(this.engine.monitorAddress);
    req.setType(type);
    req.setName(name);
    req.setParent(opts.parent ?? "");
    req.setInputs(Struct.fromJavaScript(json(inputs)));
    for (const [k, urns] of Object.entries(opts.inputDependencies ?? {})) {
      const deps = new providerPb.ConstructRequest.PropertyDependencies();
      deps.setUrnsList(urns);
      req.getInputdependenciesMap().set(k, deps);
    }
    req.setDependenciesList(opts.dependencies ?? []);
    req.getConfigMap().set("aws:region", "ap-northeast-1");
    this.engine.dryRun = opts.dryRun ?? false;
    const res = await this.unary<providerPb.ConstructRequest, providerPb.ConstructResponse>(
      "construct",
      req,
    );
    const stateDependencies: Record<string, string[]> = {};
    res.getStatedependenciesMap().forEach((v, k) => {
      stateDependencies[k] = v.getUrnsList();
    });
    return {
      urn: res.getUrn(),
      state: (res.getState()?.toJavaScript() ?? {}) as Record<string, unknown>,
      stateDependencies,
    };
  }

  /** Calls Construct expecting the gRPC error the engine would show. */
  async constructError(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    opts: { dryRun?: boolean } = {},
  ): Promise<WireError> {
    try {
      await this.construct(type, name, inputs, opts);
    } catch (e) {
      const err = e as grpc.ServiceError;
      // The SDK's provider server fails every Construct in flight on an unhandled rejection
      // (provider/server.js); the other Outputs a failed Construct rejected land shortly after.
      // Let them land before the next call, as separate engine operations would.
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { code: err.code, details: err.details, propertyErrors: propertyErrorsOf(err) };
    }
    throw new Error(`Construct of ${type} '${name}' succeeded; an error was expected`);
  }

  /** Stops the plugin and the servers; resolves once the process has exited. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 3000);
    await this.exited;
    clearTimeout(timer);
    await this.engine.stop();
  }
}

/** The InputPropertiesError details in a gRPC error's `grpc-status-details-bin`. */
function propertyErrorsOf(err: grpc.ServiceError): { propertyPath: string; reason: string }[] {
  const bin = err.metadata?.get("grpc-status-details-bin")?.[0];
  if (!bin) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const statusPb = require("@pulumi/pulumi/proto/status_pb");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const errorsPb = require("@pulumi/pulumi/proto/errors_pb");
  const status = statusPb.Status.deserializeBinary(bin as Buffer);
  const out: { propertyPath: string; reason: string }[] = [];
  for (const any of status.getDetailsList()) {
    if (!String(any.getTypeUrl()).endsWith("pulumirpc.InputPropertiesError")) continue;
    const detail = errorsPb.InputPropertiesError.deserializeBinary(any.getValue_asU8());
    for (const e of detail.getErrorsList()) {
      out.push({ propertyPath: e.getPropertyPath(), reason: e.getReason() });
    }
  }
  return out;
}

/** The account the monitor answers as. */
export const ACCOUNT = MOCK_ACCOUNT;
