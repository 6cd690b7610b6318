import type { CapturedResource } from "../../testing";

/** A captured registration built by hand, for tests of what reads captures (tree, cost). */
export function captured(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<CapturedResource> = {},
): CapturedResource {
  return {
    urn: `urn:pulumi:plan::incident-manager::${type}::${name}`,
    type,
    name,
    inputs,
    secretInputs: [],
    state: inputs,
    custom: true,
    protect: false,
    dependencies: [],
    propertyDependencies: {},
    additionalSecretOutputs: [],
    ...extra,
  };
}
