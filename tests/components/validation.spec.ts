import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { input, validateArgs } from "../../components/validation";
import { valueOf } from "../../plan/capture";

describe("validateArgs", () => {
  const context = { component: "Test", name: "t" };

  it("passes a frozen value through untouched instead of writing into it", () => {
    const reference = Object.freeze({ kind: "member", alias: "taro" });
    const schema = z.strictObject({ targets: z.array(z.custom<object>(() => true)) });
    const parsed = validateArgs(schema, { targets: [reference] }, context);
    assert.equal(parsed.targets[0], reference);
  });

  it("checks an Output nested in an object when it resolves, naming the full path", async () => {
    const schema = z.strictObject({
      stage: z.strictObject({ minutes: input(z.number().max(30)) }),
    });
    const parsed = validateArgs(schema, { stage: { minutes: pulumi.output(45) } }, context);
    await assert.rejects(valueOf(parsed.stage.minutes as pulumi.Output<number>), (err: Error) =>
      err.message.endsWith("Test 't': `stage.minutes` must be at most 30; got 45"),
    );
  });
});
