/**
 * The hand-over between a component's two steps and its constructor: specs prepared ahead (by
 * `prepare<Component>`, which reports instead of throwing) are kept by the args object they were
 * prepared for, so that constructing the component from those args checks nothing again.
 */
import { ValidationError, type ValidationIssue } from "./validation";

/** The result of a component's two steps: its spec, or every issue (paths relative to its args). */
export type Prepared<S> =
  | { readonly ok: true; readonly spec: S }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Specs prepared ahead for one component, by args object. */
export interface PreparedSpecs<A, S> {
  /** Hands the constructor `spec`, prepared for this very `args` object (which must not change). */
  use(args: A, spec: S): void;
  /** The spec for `args`: the one handed over for them, or prepared now; throws the issues. */
  specFor(name: string, args: A): S;
}

/**
 * The prepared specs of `component`, whose steps are `prepare`. With `nameOf`, a spec handed over
 * is used only by a component of the name it was prepared for (rules on the name are in it).
 */
export function preparedSpecs<A, S>(
  component: string,
  prepare: (name: string, args: A) => Prepared<S>,
  nameOf?: (spec: S) => string,
): PreparedSpecs<A, S> {
  const specs = new WeakMap<object, S>();
  const isObject = (args: A): args is A & object => typeof args === "object" && args !== null;
  return {
    use(args, spec) {
      if (isObject(args)) specs.set(args, spec);
    },
    specFor(name, args) {
      const earlier = isObject(args) ? specs.get(args) : undefined;
      if (earlier !== undefined && (nameOf === undefined || nameOf(earlier) === name)) {
        return earlier;
      }
      const result = prepare(name, args);
      if (!result.ok) throw new ValidationError({ component, name }, result.issues);
      return result.spec;
    },
  };
}
