/**
 * Runs the policy pack the way `pulumi preview --policy-pack` does: spawns
 * `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> .` in the pack's folder, reads the
 * port it prints, and talks to it over the analyzer gRPC protocol (GetAnalyzerInfo, Configure,
 * Analyze, AnalyzeStack). Resources captured with `plan/capture.ts` are sent as the engine sends
 * them: inputs to Analyze, outputs to AnalyzeStack, secrets marked, with `protect`, the parent,
 * dependencies and property dependencies.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { CapturedResource } from "../testing";
import { assertPackBuilt } from "./compiledPack";

/** True when running compiled (`dist/plan/analyzer.js`), false from the TypeScript sources. */
const COMPILED = path.extname(__filename) === ".js";

/**
 * The policy pack folder, `policies/` at the package root: PulumiPolicy.yaml, and a package.json
 * that gives the pack its version and whose `main` is the compiled pack,
 * `../dist/policies/index.js`, in a checkout and in the published package alike.
 */
export const POLICY_PACK_DIR = path.resolve(__dirname, COMPILED ? "../.." : "..", "policies");

/** The wire marker for a secret value (the same as the engine's). */
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy as GetAnalyzerInfo describes it. */
export interface PolicyInfo {
  readonly name: string;
  readonly description: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly severity: string;
  readonly remediationSteps: string;
  readonly configSchema?: { properties: Record<string, unknown>; required: string[] };
}

/** One violation an Analyze or AnalyzeStack call reported. */
export interface Diagnostic {
  readonly policyName: string;
  /** The policy's description; the policy SDK starts `message` with it. */
  readonly description: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
  readonly severity: string;
}

/** What the pack says about a set of resources. */
export interface AnalyzeResult {
  readonly diagnostics: Diagnostic[];
  /** Policy name -> reasons it did not apply, for the resources sent. */
  readonly notApplicable: { policyName: string; reason: string }[];
}

/** One remediation a Remediate call returned for a resource. */
export interface Remediation {
  readonly policyName: string;
  readonly description: string;
  /**
   * The resource's whole new inputs, secrets unwrapped (their keys in `secretKeys`); undefined
   * when the policy could not run and said why in `diagnostic`.
   */
  readonly properties?: Record<string, unknown>;
  readonly secretKeys: string[];
  /** Why the remediation could not run (an unknown value during preview), reported as advisory. */
  readonly diagnostic: string;
}

/** The config for Configure: per policy, an enforcement level and properties. */
export type PackConfig = Record<
  string,
  { enforcementLevel?: EnforcementLevel; [key: string]: unknown }
>;

const LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];
const LEVEL_OF: Record<EnforcementLevel, number> = {
  advisory: 0,
  mandatory: 1,
  disabled: 2,
  remediate: 3,
};
const SEVERITIES = ["", "low", "medium", "high", "critical"];

function markSecrets(
  props: Record<string, unknown>,
  secret: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    out[k] = secret.includes(k) ? { [SECRET_SIG]: SECRET_VALUE, value: v } : v;
  }
  return out;
}

/** JSON-safe copy: drops undefined, which a protobuf Struct cannot hold. */
function plain(value: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** A Struct's value with the engine's secret wrappers taken off, and which top-level keys had one. */
export function unwrapSecrets(props: Record<string, unknown>): {
  value: Record<string, unknown>;
  secretKeys: string[];
} {
  const secretKeys: string[] = [];
  const unwrap = (v: unknown): { v: unknown; secret: boolean } => {
    if (Array.isArray(v)) {
      const items = v.map(unwrap);
      return { v: items.map((i) => i.v), secret: items.some((i) => i.secret) };
    }
    if (typeof v === "object" && v !== null) {
      const o = v as Record<string, unknown>;
      if (o[SECRET_SIG] === SECRET_VALUE) return { v: unwrap(o.value).v, secret: true };
      const entries = Object.entries(o).map(([k, x]) => [k, unwrap(x)] as const);
      return {
        v: Object.fromEntries(entries.map(([k, x]) => [k, x.v])),
        secret: entries.some(([, x]) => x.secret),
      };
    }
    return { v, secret: false };
  };
  const value: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    const u = unwrap(v);
    value[k] = u.v;
    if (u.secret) secretKeys.push(k);
  }
  return { value, secretKeys };
}

function options(r: CapturedResource): analyzer.AnalyzerResourceOptions {
  const opts = new analyzer.AnalyzerResourceOptions();
  opts.setProtect(r.protect);
  opts.setAdditionalsecretoutputsList([...r.additionalSecretOutputs]);
  if (r.parent !== undefined) opts.setParent(r.parent);
  return opts;
}

/** The AnalyzeRequest the engine sends for a resource's inputs. */
export function toAnalyzeRequest(r: CapturedResource): analyzer.AnalyzeRequest {
  const req = new analyzer.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(r.urn);
  req.setProperties(Struct.fromJavaScript(plain(markSecrets(r.inputs, r.secretInputs)) as never));
  req.setOptions(options(r));
  return req;
}

/** The AnalyzerResource the engine sends in AnalyzeStack (outputs, parent, dependencies). */
export function toAnalyzerResource(r: CapturedResource): analyzer.AnalyzerResource {
  const res = new analyzer.AnalyzerResource();
  res.setType(r.type);
  res.setName(r.name);
  res.setUrn(r.urn);
  const secret = [...r.secretInputs, ...r.additionalSecretOutputs];
  res.setProperties(Struct.fromJavaScript(plain(markSecrets(r.state, secret)) as never));
  res.setOptions(options(r));
  if (r.parent !== undefined) res.setParent(r.parent);
  res.setDependenciesList([...r.dependencies]);
  const deps = res.getPropertydependenciesMap();
  for (const [key, urns] of Object.entries(r.propertyDependencies)) {
    const d = new analyzer.AnalyzerPropertyDependencies();
    d.setUrnsList([...urns]);
    deps.set(key, d);
  }
  return res;
}

function toResult(res: analyzer.AnalyzeResponse): AnalyzeResult {
  return {
    diagnostics: res.getDiagnosticsList().map((d) => ({
      policyName: d.getPolicyname(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()],
      urn: d.getUrn(),
      severity: SEVERITIES[d.getSeverity()] ?? "",
    })),
    notApplicable: res.getNotApplicableList().map((n) => ({
      policyName: n.getPolicyName(),
      reason: n.getReason(),
    })),
  };
}

function call<Req, Res>(
  fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
): Promise<Res> {
  return new Promise((resolve, reject) =>
    fn(req, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

/** A running policy pack. Always `close()` it (use {@link withPolicyPack} to make sure). */
export class PolicyPackProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    /** Everything the pack wrote to stderr, for failure messages. */
    readonly stderr: () => string,
  ) {}

  /**
   * Starts the pack in `dir` and connects to it, as Pulumi's Node.js policy host does: the
   * `@pulumi/pulumi/cmd/run-policy-pack` that the pack's folder resolves, run in that folder on
   * `.` (its package.json's `main`). Throws first if the pack is compiled from sources in this
   * checkout that changed since it was built (see plan/compiledPack.ts). Rejects (after killing
   * the child) if it does not print its port within `timeoutMs`.
   */
  static async start(dir = POLICY_PACK_DIR, timeoutMs = 120_000): Promise<PolicyPackProcess> {
    assertPackBuilt(dir);
    // Resolved from the pack's folder, as the policy host resolves it (from the user's project
    // when the pack is the installed package's policies/).
    const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [dir] });
    // The engine address is not used by a policy pack; the engine passes one anyway.
    const child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], {
      cwd: dir,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // Should this process end first (a crashed test run), take the pack down with it.
    const killChild = () => child.kill();
    process.once("exit", killChild);
    child.once("exit", () => process.removeListener("exit", killChild));
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => (err += chunk.toString()));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(
          () => reject(new Error(`the policy pack printed no port in ${timeoutMs} ms\n${err}`)),
          timeoutMs,
        );
        child.stdout!.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^(\d+)\s*$/m.exec(out);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        });
        child.once("exit", (code) => {
          clearTimeout(timer);
          reject(
            new Error(`the policy pack exited with code ${code} before printing its port\n${err}`),
          );
        });
      });
      const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      return new PolicyPackProcess(child, client, () => err);
    } catch (e) {
      child.kill();
      throw e;
    }
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True until the child process has ended. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The pack's name, version and policies with their config schemas. */
  async info(): Promise<{
    name: string;
    version: string;
    policies: PolicyInfo[];
    /** Whether the pack takes Configure (GetAnalyzerInfo's `supportsConfig`). */
    supportsConfig: boolean;
    /** The config the pack was built with (GetAnalyzerInfo's `initialConfig`). */
    initialConfig: PackConfig;
  }> {
    const res = await call<Empty, analyzer.AnalyzerInfo>(
      this.client.getAnalyzerInfo.bind(this.client),
      new Empty(),
    );
    const initialConfig: PackConfig = {};
    for (const [name, pc] of res.getInitialconfigMap().entries()) {
      const props = (pc.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>;
      initialConfig[name] = { ...props, enforcementLevel: LEVELS[pc.getEnforcementlevel()] };
    }
    return {
      name: res.getName(),
      version: res.getVersion(),
      supportsConfig: res.getSupportsconfig(),
      initialConfig,
      policies: res.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVELS[p.getEnforcementlevel()],
          severity: SEVERITIES[p.getSeverity()] ?? "",
          remediationSteps: p.getRemediationSteps(),
          configSchema: schema && {
            properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
            required: schema.getRequiredList(),
          },
        };
      }),
    };
  }

  /** Sets the pack's config, as `pulumi preview --policy-pack-config` does. */
  async configure(config: PackConfig): Promise<void> {
    const req = new analyzer.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, { enforcementLevel, ...props }] of Object.entries(config)) {
      const pc = new analyzer.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_OF[enforcementLevel ?? "advisory"] as analyzer.EnforcementLevel);
      pc.setProperties(Struct.fromJavaScript(plain(props) as never));
      map.set(name, pc);
    }
    await call(this.client.configure.bind(this.client), req);
  }

  /**
   * Remediate: one call per resource, as the engine makes before Analyze (pkg/resource/deploy
   * step_generator.go in pulumi/pulumi: remediations first, then analysis of the rewritten
   * inputs). Each remediation's properties are the resource's whole new inputs.
   */
  async remediate(resource: CapturedResource): Promise<Remediation[]> {
    const res = await call<analyzer.AnalyzeRequest, analyzer.RemediateResponse>(
      this.client.remediate.bind(this.client),
      toAnalyzeRequest(resource),
    );
    return res.getRemediationsList().map((r) => {
      const struct = r.getProperties();
      const unwrapped =
        struct === undefined
          ? undefined
          : unwrapSecrets(struct.toJavaScript() as Record<string, unknown>);
      return {
        policyName: r.getPolicyname(),
        description: r.getDescription(),
        properties: unwrapped?.value,
        secretKeys: unwrapped?.secretKeys ?? [],
        diagnostic: r.getDiagnostic(),
      };
    });
  }

  /** Analyze: each resource's inputs, one call per resource, as during `pulumi preview`. */
  async analyze(resources: readonly CapturedResource[]): Promise<AnalyzeResult> {
    const all: AnalyzeResult = { diagnostics: [], notApplicable: [] };
    for (const r of resources) {
      const res = toResult(await call(this.client.analyze.bind(this.client), toAnalyzeRequest(r)));
      // A resource diagnostic is about the resource analyzed; the engine attaches it there.
      all.diagnostics.push(...res.diagnostics.map((d) => ({ ...d, urn: d.urn || r.urn })));
      all.notApplicable.push(...res.notApplicable);
    }
    return all;
  }

  /** AnalyzeStack: every resource's outputs at once, after the update. */
  async analyzeStack(resources: readonly CapturedResource[]): Promise<AnalyzeResult> {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(resources.map(toAnalyzerResource));
    return toResult(await call(this.client.analyzeStack.bind(this.client), req));
  }

  /** Closes the connection and ends the child process. */
  async close(): Promise<void> {
    this.client.close();
    if (!this.running) return;
    await new Promise<void>((resolve) => {
      this.child.once("exit", () => resolve());
      this.child.kill();
    });
  }
}

/** Runs `body` with a started pack and always ends the pack afterwards. */
export async function withPolicyPack<T>(
  body: (pack: PolicyPackProcess) => Promise<T>,
  dir = POLICY_PACK_DIR,
): Promise<T> {
  const pack = await PolicyPackProcess.start(dir);
  try {
    return await body(pack);
  } finally {
    await pack.close();
  }
}
