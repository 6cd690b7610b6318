/**
 * The component instances a program built, for asking them what only they know (an
 * EscalationChain's timeline, an OnCallTeam's coverage) without the program exporting them.
 */
import type * as pulumi from "@pulumi/pulumi";
import { componentIdentity, onRegisterOutputs } from "./sdkInternals";

/** A component instance the program built. */
export interface BuiltComponent {
  /** Its type token, e.g. `incident-manager:index:EscalationChain`. */
  readonly type: string;
  /** Its resource name. */
  readonly name: string;
  readonly instance: pulumi.ComponentResource;
}

/** The components seen so far, and the way to stop looking. */
export interface ComponentRecorder {
  /** Every component that called `registerOutputs`, once each, in the order they finished. */
  readonly built: BuiltComponent[];
  /** Stops recording. */
  stop(): void;
}

/**
 * Records every component instance that calls `registerOutputs` (every component of this package
 * does, last in its constructor) until `stop()`.
 */
export function recordComponents(): ComponentRecorder {
  const built: BuiltComponent[] = [];
  const stop = onRegisterOutputs((instance) => {
    // The base constructor may call registerOutputs too: record each instance once.
    if (!built.some((c) => c.instance === instance))
      built.push({ ...componentIdentity(instance), instance });
  });
  return { built, stop };
}
