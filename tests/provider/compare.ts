/**
 * Puts what a TypeScript program registers (under the `testing/` mocks) and what the plugin
 * registered over the wire into one shape, so that a test asserts they are the same: children,
 * names, types, parents, inputs, secrets, dependencies and protect, keyed by type and name (the
 * engine's URNs qualify a grandchild's type by its whole parent chain, the mocks by the parent's
 * type only).
 */
import * as pulumi from "@pulumi/pulumi";
import { installCapture, reset, settle, type Capture, type CapturedResource } from "../../testing";
import type { WireResource } from "./harness";

/** One registration, comparable across the two paths. */
export interface Registration {
  readonly key: string;
  readonly custom: boolean;
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
  readonly secretInputs: string[];
  readonly dependencies: string[];
  readonly protect: boolean;
  readonly importId?: string;
}

type Registered = Pick<
  CapturedResource | WireResource,
  | "urn"
  | "type"
  | "name"
  | "custom"
  | "parent"
  | "inputs"
  | "secretInputs"
  | "dependencies"
  | "protect"
  | "importId"
>;

/**
 * The registrations in one shape, sorted by key (the order of registrations made inside applies
 * differs between runs); URNs outside the set are kept.
 */
export function registrations(resources: readonly Registered[]): Registration[] {
  const keyOf = new Map(resources.map((r) => [r.urn, `${r.type}::${r.name}`]));
  const key = (urn: string) => keyOf.get(urn) ?? urn;
  return resources
    .map((r) => ({
      key: `${r.type}::${r.name}`,
      custom: r.custom,
      parent: r.parent ? key(r.parent) : undefined,
      inputs: r.inputs,
      secretInputs: [...r.secretInputs].sort(),
      dependencies: [...new Set(r.dependencies.map(key))].sort(),
      protect: r.protect,
      importId: r.importId,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

let capture: Capture | undefined;

/**
 * Runs `build` as a TypeScript program does (mocks, non-preview) and returns its registrations.
 * A build that throws rejects with that error.
 */
export async function typeScriptPath(build: () => pulumi.Resource | void): Promise<Registration[]> {
  if (!capture) capture = await installCapture();
  reset(capture);
  build();
  await settle();
  return registrations(capture.resources);
}
