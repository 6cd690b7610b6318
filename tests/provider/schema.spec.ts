import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import {
  SCHEMA_PATH,
  SchemaError,
  buildSchema,
  schemaText,
  type PackageSchema,
} from "../../scripts/provider-schema";
import { SERVED_COMPONENTS } from "../../provider/served";
import { schemaProblems } from "./schemaChecks";

const FIXTURE = path.join(__dirname, "fixtures", "schema");
const T = "incident-manager:index:";

describe("provider schema generator (fixture component)", function () {
  this.timeout(120_000);
  let schema: PackageSchema;
  before(() => {
    schema = buildSchema({
      dir: FIXTURE,
      entry: "index.ts",
      components: ["Pager"],
      version: "1.2.3",
      description: "The fixture package.",
    });
  });

  it("is well-formed", () => {
    assert.deepEqual(schemaProblems(schema), []);
    assert.deepEqual(Object.keys(schema.resources), [`${T}Pager`]);
    assert.deepEqual(Object.keys(schema.types), [
      `${T}Channel`,
      `${T}ChannelType`,
      `${T}ContactTarget`,
      `${T}ContactType`,
      `${T}Impact`,
      `${T}PagerStage`,
    ]);
    assert.equal(schema.version, "1.2.3");
  });

  it("is what the fixture plugin serves (tests/provider/fixtures/plugin/schema.json)", () => {
    const served = fs.readFileSync(
      path.join(__dirname, "fixtures", "plugin", "schema.json"),
      "utf8",
    );
    assert.equal(served, schemaText(schema));
  });

  it("says integer for fields typed Integer, wherever the alias sits, and number elsewhere", () => {
    const pager = schema.resources[`${T}Pager`];
    const stage = schema.types[`${T}PagerStage`].properties!;
    assert.equal(stage.durationInMinutes.type, "integer");
    assert.equal(stage.weight.type, "number");
    assert.deepEqual(pager.inputProperties.retries.items, { plain: true, type: "integer" });
    assert.deepEqual(pager.inputProperties.ceilings.additionalProperties, {
      plain: true,
      type: "integer",
    });
    assert.equal(pager.properties.stageCount.type, "integer");
  });

  it("publishes enums as enums: string values as strings, whole numeric values as integer", () => {
    assert.deepEqual(schema.types[`${T}Channel`], {
      description: "How a page is sent.",
      enum: [
        { description: "An email.", name: "EMAIL", value: "EMAIL" },
        { description: "A text message.", name: "SMS", value: "SMS" },
      ],
      type: "string",
    });
    assert.deepEqual(schema.types[`${T}Impact`], {
      description: "How bad an incident is: 1 is the worst.",
      enum: [
        { name: "CRITICAL", value: 1 },
        { name: "HIGH", value: 2 },
        { name: "LOW", value: 5 },
      ],
      type: "integer",
    });
    assert.deepEqual(
      schema.resources[`${T}Pager`].inputProperties.impact.$ref,
      `#/types/${T}Impact`,
    );
  });

  it("describes from the full TSDoc: @default, @see and {@link} as text", () => {
    const pager = schema.resources[`${T}Pager`];
    const stage = schema.types[`${T}PagerStage`].properties!;
    assert.equal(
      stage.durationInMinutes.description,
      "Minutes before the next stage starts, 0-30.\n\nDefault: 5",
    );
    assert.equal(stage.channels.description, "The channels engaged, in order; see `Channel`.");
    assert.equal(pager.inputProperties.impact.description, "The impact.\n\nDefault: `Impact.HIGH`");
    assert.equal(
      pager.inputProperties.alias.description,
      "The alias, `^[a-z0-9_\\-]*$`.\n\nSee: https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_CreateContact.html",
    );
    assert.equal(pager.description, "Pages people, for the tests of the schema generator.");
    assert.equal(schema.types[`${T}PagerStage`].description, "One stage of a page.");
  });

  it("keeps a free JSON document as a map of Any, inputs plain unless Input, outputs not plain", () => {
    const pager = schema.resources[`${T}Pager`];
    assert.deepEqual(pager.inputProperties.pattern.additionalProperties, {
      $ref: "pulumi.json#/Any",
    });
    assert.equal(pager.inputProperties.alias.plain, undefined);
    assert.equal(pager.inputProperties.stages.plain, true);
    assert.equal(pager.properties.alias.plain, undefined);
    assert.deepEqual(pager.requiredInputs, ["alias", "stages"]);
    assert.deepEqual(pager.required, ["alias", "arn", "stageCount"]);
  });

  it("refuses to publish private names, private members and undocumented ones, all at once", () => {
    assert.throws(
      () =>
        buildSchema({
          dir: FIXTURE,
          entry: "index.ts",
          components: ["Leaky"],
          version: "1.2.3",
        }),
      (e: unknown) => {
        assert.ok(e instanceof SchemaError);
        assert.deepEqual(e.problems, [
          "Leaky args (LeakyArgs)._internal: a private name is published",
          "Leaky.secretState: a private or protected member is published",
          "Leaky.undocumented: no TSDoc (only the documented surface is published)",
        ]);
        return true;
      },
    );
  });
});

describe("provider/schema.json (committed)", () => {
  const committed = JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")) as PackageSchema;

  it("is well-formed", () => {
    assert.deepEqual(schemaProblems(committed), []);
  });

  it("publishes exactly the served components, under the package name and version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "../../package.json"), "utf8"));
    assert.equal(committed.name, "incident-manager");
    assert.equal(committed.version, pkg.version);
    assert.deepEqual(
      Object.keys(committed.resources).sort(),
      SERVED_COMPONENTS.map((n) => `${T}${n}`).sort(),
    );
  });
});
