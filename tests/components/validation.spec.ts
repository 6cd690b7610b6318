import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  describeValue,
  fail,
  formatPath,
  input,
  validateArgs,
  ValidationError,
} from "../../components/validation";
import { Capture, installCapture, reset, settle, valueOf } from "../../testing";

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

describe("the error formatter: paths", () => {
  it("writes identifiers with dots, indexes in brackets and other keys quoted", () => {
    assert.equal(
      formatPath(["stages", 0, "targets", 1, "isEssential"]),
      "stages[0].targets[1].isEssential",
    );
    assert.equal(formatPath(["tags", "cost-center"]), "tags.cost-center");
    assert.equal(formatPath(["tags", "aws:createdBy"]), 'tags["aws:createdBy"]');
    assert.equal(formatPath(["tags", "0team"]), 'tags["0team"]');
    assert.equal(formatPath(["tags", ""]), 'tags[""]');
    assert.equal(formatPath([2, "alias"]), "[2].alias");
  });

  it("puts a prefix before a key with a dot and before an index without one", () => {
    assert.equal(
      formatPath(["alias"], "incident-manager:spec.teams[0]"),
      "incident-manager:spec.teams[0].alias",
    );
    assert.equal(formatPath([], "incident-manager:spec"), "incident-manager:spec");
  });

  it("cuts a key longer than 80 characters, and keeps one of 80 whole", () => {
    const long = "k".repeat(81);
    assert.equal(formatPath(["tags", long]), `tags[${JSON.stringify(`${"k".repeat(80)}…`)}]`);
    assert.equal(formatPath(["tags", "k".repeat(80)]), `tags.${"k".repeat(80)}`);
    assert.equal(
      formatPath(["tags", `a b${"k".repeat(77)}`]),
      `tags[${JSON.stringify(`a b${"k".repeat(77)}`)}]`,
    );
  });
});

describe("the error formatter: values", () => {
  it("names each kind of value in a few words", () => {
    assert.equal(describeValue(null), "null");
    assert.equal(describeValue(0), "0");
    assert.equal(describeValue(-2.5), "-2.5");
    assert.equal(describeValue(NaN), "NaN");
    assert.equal(describeValue(-Infinity), "-Infinity");
    assert.equal(describeValue(10n), "10");
    assert.equal(describeValue(false), "false");
    assert.equal(
      describeValue(() => 1),
      "a function",
    );
    assert.equal(describeValue(Symbol("s")), "Symbol(s)");
    assert.equal(describeValue(pulumi.output("x")), "an Output");
    assert.equal(describeValue([]), "an array of 0");
    assert.equal(describeValue(""), '""');
  });

  it("cuts a string at 80 characters and says how long it was; keeps one of 80 whole", () => {
    assert.equal(describeValue("y".repeat(80)), JSON.stringify("y".repeat(80)));
    assert.equal(
      describeValue("y".repeat(81)),
      `${JSON.stringify(`${"y".repeat(80)}…`)} (81 characters)`,
    );
  });

  it("shows an object as JSON cut at 80 characters, and one that cannot be JSON as 'an object'", () => {
    assert.equal(describeValue({ source: ["aws.ec2"] }), '{"source":["aws.ec2"]}');
    const long = { note: "z".repeat(100) };
    assert.equal(describeValue(long), `${JSON.stringify(long).slice(0, 80)}…`);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(describeValue(cyclic), "an object");
    assert.equal(describeValue({ big: 1n }), "an object");
  });
});

describe("the error formatter: one error", () => {
  const context = { component: "EscalationChain", name: "sev1" };

  it("states one issue on one line: component, name, backticked path, rule", () => {
    const err = new ValidationError(context, [
      { path: ["stages", 0, "durationInMinutes"], message: "must be at most 30; got 45" },
    ]);
    assert.equal(
      err.message,
      "EscalationChain 'sev1': `stages[0].durationInMinutes` must be at most 30; got 45",
    );
    assert.equal(err.name, "ValidationError");
    assert.equal(err.component, "EscalationChain");
    assert.equal(err.resourceName, "sev1");
    assert.equal(err.stack, `ValidationError: ${err.message}`);
    assert.ok(err instanceof pulumi.InputPropertiesError);
    assert.ok(ValidationError.isValidationError(err));
  });

  it("lists several issues in the order found, each with its path, under one head", () => {
    const issues = [
      { path: ["alias"], message: 'must match ^[a-z0-9_\\-]*$; got "Sev 1"' },
      { path: ["stages"], message: "needs at least one stage; got 0" },
      { path: [], message: "has unknown field `stage`; check the spelling" },
    ];
    const err = new ValidationError(
      { ...context, pathPrefix: "incident-manager:spec.escalations[0]" },
      issues,
    );
    assert.equal(
      err.message,
      [
        "EscalationChain 'sev1' has 3 invalid inputs:",
        '  - `incident-manager:spec.escalations[0].alias` must match ^[a-z0-9_\\-]*$; got "Sev 1"',
        "  - `incident-manager:spec.escalations[0].stages` needs at least one stage; got 0",
        "  - `incident-manager:spec.escalations[0]` has unknown field `stage`; check the spelling",
      ].join("\n"),
    );
    assert.deepEqual(err.issues, issues);
  });

  it("is thrown once by validateArgs with every issue zod found", () => {
    const schema = z.strictObject({ a: z.number(), b: z.array(z.string()) });
    assert.throws(
      () => validateArgs(schema, { a: "1", b: [1, "x", 2] }, context),
      (err: ValidationError) => {
        assert.deepEqual(
          err.issues.map((i) => formatPath(i.path)),
          ["a", "b[0]", "b[2]"],
        );
        assert.equal(err.message.split("\n")[0], "EscalationChain 'sev1' has 3 invalid inputs:");
        return true;
      },
    );
  });

  it("reads a getter that throws as one issue at the top, never a crash", () => {
    const args = {
      get stages(): unknown {
        throw new Error("boom");
      },
    };
    assert.throws(
      () => validateArgs(z.strictObject({ stages: z.array(z.number()) }), args, context),
      {
        name: "ValidationError",
        message: "EscalationChain 'sev1': `(args)` could not be read: boom",
      },
    );
  });

  it("keeps a long value short in the message: a 10 000-character string is shown in 80", () => {
    const schema = z.strictObject({
      alias: z.string().regex(/^[a-z]*$/, "must be lower-case letters; got a value"),
    });
    const huge = "X".repeat(10_000);
    assert.throws(
      () =>
        validateArgs(z.strictObject({ alias: input(z.literal("a")) }), { alias: huge }, context),
      (err: Error) => {
        assert.ok(err.message.length < 300, `${err.message.length} characters`);
        assert.ok(err.message.includes(`${"X".repeat(80)}…`), err.message);
        assert.ok(err.message.includes("(10000 characters)"), err.message);
        return true;
      },
    );
    assert.throws(
      () => validateArgs(schema, { alias: huge }, context),
      /must be lower-case letters/,
    );
  });

  it("fail() throws the same error for issues found outside zod", () => {
    assert.throws(() => fail(context, [{ path: ["stages", 1], message: "repeats stage 0" }]), {
      message: "EscalationChain 'sev1': `stages[1]` repeats stage 0",
    });
  });
});

describe("the error formatter: addresses are masked", () => {
  let capture: Capture;
  let im: typeof import("../../components");
  before(async () => {
    capture = await installCapture();
    im = await import("../../components");
  });
  beforeEach(() => reset(capture));

  it("a phone number or email given as a secret Output is masked when its check fails", async () => {
    const team = new im.OnCallTeam("sre", {
      members: [
        {
          alias: "taro",
          displayName: "Taro",
          channels: [
            { type: "SMS", address: pulumi.secret("+8109012345678") },
            { type: "EMAIL", address: pulumi.secret("taro@@example.com"), name: "mail" },
          ],
        },
      ],
    });
    const failures: string[] = [];
    for (const output of [team.contacts, team.channels]) {
      await valueOf(output as pulumi.Output<unknown>).catch((err: Error) =>
        failures.push(err.message),
      );
    }
    await settle();
    const text = failures.join("\n");
    assert.ok(failures.length > 0, "no check failed");
    assert.ok(!text.includes("8109012345678"), text);
    assert.ok(!text.includes("taro@@example.com"), text);
    assert.match(text, /OnCallTeam 'sre': `members\[0\]\.channels\[\d\]\.address` /);
    assert.match(text, /\+81\*{6}678/);
  });
});
