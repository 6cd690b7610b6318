import { strict as assert } from "assert";
import { Capture, settle } from "../../plan/capture";

/**
 * Asserts that `build` throws one ValidationError with exactly `message`, and that nothing was
 * registered, not even the component: validation runs before `super()`.
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
  await settle();
  assert.deepEqual(
    capture.resources.map((r) => `${r.type}::${r.name}`),
    [],
  );
}
