import { strict as assert } from "assert";
import { Capture, settle } from "../../testing";

/** A bad input: the test's label, the args, and the exact error message expected. */
export type RejectCase = [label: string, args: unknown, message: string];

/**
 * Asserts that `build` throws one ValidationError with exactly `message`, and that nothing was
 * registered, not even the component (validation runs before `super()`), nor warned about.
 */
export async function assertRejected(
  capture: Capture,
  build: () => unknown,
  message: string,
): Promise<void> {
  assert.throws(build, (err: Error) => {
    assert.equal(err.name, "ValidationError");
    assert.equal(err.message, message);
    return true;
  });
  await assertNothingRegistered(capture);
}

/** Once pending work settles: no resource was registered, not even a component, nor warned about. */
export async function assertNothingRegistered(capture: Capture): Promise<void> {
  await settle();
  assert.deepEqual(
    capture.resources.map((r) => `${r.type}::${r.name}`),
    [],
  );
  assert.deepEqual(capture.warnings, []);
}

/** One test per case: constructing the component with the case's args is rejected as above. */
export function itRejects(
  capture: () => Capture,
  construct: (args: never) => unknown,
  cases: readonly RejectCase[],
): void {
  for (const [label, args, message] of cases) {
    it(label, () => assertRejected(capture(), () => construct(args as never), message));
  }
}
