import { strict as assert } from "assert";
import * as pulumi from "@pulumi/pulumi";
import { Capture, duplicateUrnMessage, installCapture, reset, settle } from "../../testing";

const STACK = "urn:pulumi:plan::incident-manager::";

/** The error a resource's URN rejects with, or undefined when it registered. */
async function registrationError(resource: pulumi.Resource): Promise<string | undefined> {
  try {
    await (resource.urn as unknown as { promise(): Promise<string> }).promise();
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

class Thing extends pulumi.CustomResource {
  constructor(type: string, name: string, opts: pulumi.CustomResourceOptions = {}) {
    super(type, name, {}, opts);
  }
}

class Group extends pulumi.ComponentResource {
  constructor(type: string, name: string) {
    super(type, name, {}, {});
  }
}

describe("capture: duplicate URNs", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture();
  });
  beforeEach(() => reset(capture));

  it("refuses a second resource with the same type and name, with the engine's message", async () => {
    const first = new Thing("test:index:Thing", "dup");
    const second = new Thing("test:index:Thing", "dup");
    await settle();
    const urn = `${STACK}test:index:Thing::dup`;
    assert.equal(await registrationError(first), undefined);
    assert.equal(
      await registrationError(second),
      `failed to register new resource dup [test:index:Thing]: Duplicate resource URN '${urn}'; try giving it a unique name`,
    );
    assert.deepEqual(capture.errors, [duplicateUrnMessage(urn)]);
    assert.deepEqual(
      capture.resources.map((r) => r.urn),
      [urn],
    );
  });

  it("refuses children of two parents of one type: the URN holds the parent's type, not its name", async () => {
    const a = new Group("test:index:Group", "a");
    const b = new Group("test:index:Group", "b");
    new Thing("test:index:Thing", "child", { parent: a });
    const clash = new Thing("test:index:Thing", "child", { parent: b });
    await settle();
    const urn = `${STACK}test:index:Group$test:index:Thing::child`;
    assert.match((await registrationError(clash)) ?? "", /Duplicate resource URN/);
    assert.deepEqual(capture.errors, [duplicateUrnMessage(urn)]);
  });

  it("accepts one name for two types, or under parents of two types", async () => {
    const a = new Group("test:index:Group", "a");
    const other = new Group("test:index:Other", "b");
    new Thing("test:index:Thing", "same");
    new Thing("test:index:Gadget", "same");
    new Thing("test:index:Thing", "same", { parent: a });
    new Thing("test:index:Thing", "same", { parent: other });
    await settle();
    assert.deepEqual(capture.errors, []);
    assert.deepEqual(capture.resources.map((r) => r.urn).sort(), [
      `${STACK}test:index:Gadget::same`,
      `${STACK}test:index:Group$test:index:Thing::same`,
      `${STACK}test:index:Group::a`,
      `${STACK}test:index:Other$test:index:Thing::same`,
      `${STACK}test:index:Other::b`,
      `${STACK}test:index:Thing::same`,
    ]);
  });

  it("forgets the URNs it saw on reset, so specs can reuse one runtime", async () => {
    new Thing("test:index:Thing", "again");
    await settle();
    reset(capture);
    new Thing("test:index:Thing", "again");
    await settle();
    assert.deepEqual(capture.errors, []);
    assert.equal(capture.resources.length, 1);
  });
});
