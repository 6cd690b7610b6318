import { strict as assert } from "assert";
import { Capture, settle } from "../../plan/capture";

/** A bad input: the test's label, the args, and the exact error message expected. */
export type RejectCase = [label: string, args: unknown, message: string];

/**
 * One test per case: constructing the component with the args throws one ValidationError with
 * exactly the expected message, and nothing is registered (nor warned about).
 */
export function itRejects(
  capture: () => Capture,
  construct: (args: never) => unknown,
  cases: readonly RejectCase[],
): void {
  for (const [label, args, message] of cases) {
    it(label, async () => {
      assert.throws(
        () => construct(args as never),
        (err: Error) => {
          assert.equal(err.name, "ValidationError");
          assert.equal(err.message, message);
          return true;
        },
      );
      await settle();
      assert.equal(capture().resources.length, 0);
      assert.deepEqual(capture().warnings, []);
    });
  }
}
