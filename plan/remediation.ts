/**
 * Remediation as `pulumi preview` does it: before analysing a resource, the engine sends its
 * inputs to each policy pack's Remediate; every policy at level `remediate` may return the
 * resource's rewritten inputs, which then replace the old ones, and Analyze runs on the result
 * (pulumi/pulumi pkg/resource/deploy/step_generator.go). A remediation that could not run (an
 * unknown value) comes back as a diagnostic, which the engine reports as advisory.
 */
import type { CapturedResource } from "../testing";
import type { Diagnostic, PolicyPackProcess } from "./analyzer";
import { maskKeepingForm } from "./mask";

/** One changed value: its path in the inputs, before and after, masked. */
export interface RemediatedChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** What one policy rewrote in one resource. */
export interface PolicyRemediation {
  readonly policy: string;
  /** The resource's type and name. */
  readonly resource: string;
  readonly changes: readonly RemediatedChange[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every leaf that differs between `a` and `b`, as `key.sub[0]` paths. */
export function changedValues(a: unknown, b: unknown, path = ""): RemediatedChange[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedValues(a[k], b[k], path === "" ? k : `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => changedValues(x, b[i], `${path}[${i}]`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a, to: b }];
}

/**
 * Runs every resource through the pack's Remediate, in order. Returns the resources with their
 * rewritten inputs (state gets the rewritten keys too: the mocks' state is the inputs), what
 * changed (masked; a secret value shows as `[secret]`), and the advisory diagnostics of
 * remediations that could not run.
 */
export async function remediateAll(
  pack: PolicyPackProcess,
  resources: readonly CapturedResource[],
): Promise<{
  resources: CapturedResource[];
  remediations: PolicyRemediation[];
  diagnostics: Diagnostic[];
}> {
  const out: CapturedResource[] = [];
  const remediations: PolicyRemediation[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const original of resources) {
    let r = original;
    for (const rem of await pack.remediate(r)) {
      if (rem.properties === undefined) {
        if (rem.diagnostic !== "") {
          diagnostics.push({
            policyName: rem.policyName,
            description: rem.description,
            message: rem.diagnostic,
            enforcementLevel: "advisory",
            urn: r.urn,
            severity: "",
          });
        }
        continue;
      }
      const secret = new Set([...r.secretInputs, ...rem.secretKeys]);
      const shown = (key: string, v: unknown) =>
        secret.has(key) ? "[secret]" : maskKeepingForm(v);
      const changes = changedValues(r.inputs, rem.properties).map((c) => {
        const key = c.path.split(/[.[]/)[0];
        return { path: c.path, from: shown(key, c.from), to: shown(key, c.to) };
      });
      remediations.push({ policy: rem.policyName, resource: `${r.type} ${r.name}`, changes });
      const changedKeys = Object.keys(rem.properties).filter(
        (k) => JSON.stringify(rem.properties![k]) !== JSON.stringify(r.inputs[k]),
      );
      const state = { ...r.state };
      for (const k of changedKeys) state[k] = rem.properties[k];
      r = { ...r, inputs: rem.properties, state, secretInputs: [...secret] };
    }
    out.push(r);
  }
  return { resources: out, remediations, diagnostics };
}
