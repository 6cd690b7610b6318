import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describeValue, formatPath, input, validateArgs } from "../../components/validation";
import { valueOf } from "../../testing";

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

describe("the error formatter", () => {
  const context = { component: "Test", name: "t" };
  /** The message validateArgs throws for `args` under `schema`. */
  function messageOf(schema: z.ZodType, args: unknown): string {
    try {
      validateArgs(schema, args, context);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error("expected a ValidationError");
  }

  it("says 'at least 1 character', singular, and 'characters' for other bounds", () => {
    const schema = z.strictObject({ a: z.string().min(1), b: z.string().max(3) });
    assert.equal(
      messageOf(schema, { a: "", b: "abcd" }),
      [
        "Test 't' has 2 invalid inputs:",
        "  - `a` must be at least 1 character; got 0 characters",
        "  - `b` must be at most 3 characters; got 4 characters",
      ].join("\n"),
    );
    assert.equal(
      messageOf(z.strictObject({ a: z.string().min(2) }), { a: "x" }),
      "Test 't': `a` must be at least 2 characters; got 1 character",
    );
  });

  it("counts items of a list, singular and plural", () => {
    assert.equal(
      messageOf(z.strictObject({ a: z.array(z.string()).min(1) }), { a: [] }),
      "Test 't': `a` must be at least 1 item; got 0",
    );
    assert.equal(
      messageOf(z.strictObject({ a: z.array(z.string()).max(2) }), { a: ["x", "y", "z"] }),
      "Test 't': `a` must be at most 2 items; got 3",
    );
  });

  it("names a missing field, a wrong type, an unknown key and an enum", () => {
    const schema = z.strictObject({ n: z.number(), s: z.string(), e: z.enum(["A", "B"]) });
    assert.equal(
      messageOf(schema, { s: 5, e: "C", x: 1 }),
      [
        "Test 't' has 4 invalid inputs:",
        "  - `n` is required (number)",
        "  - `s` must be a string; got 5",
        '  - `e` must be one of "A", "B"; got "C"',
        "  - `(args)` has unknown field `x`; check the spelling",
      ].join("\n"),
    );
  });

  it("writes paths as a user writes them, with a prefix, and quotes odd keys", () => {
    assert.equal(
      formatPath(["members", 2, "channels", 0, "address"]),
      "members[2].channels[0].address",
    );
    assert.equal(formatPath(["tags", "cost center"]), 'tags["cost center"]');
    assert.equal(formatPath([0], "incident-manager:spec.teams"), "incident-manager:spec.teams[0]");
    assert.equal(formatPath([]), "(args)");
  });

  it("shows values short and typed", () => {
    assert.equal(describeValue(undefined), "nothing");
    assert.equal(describeValue("x".repeat(100)), `"${"x".repeat(80)}…" (100 characters)`);
    assert.equal(describeValue([1, 2]), "an array of 2");
    assert.equal(describeValue({ a: 1 }), '{"a":1}');
  });
});
