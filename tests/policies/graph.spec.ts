import { strict as assert } from "assert";
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { memoPerStack, resourcesOf } from "../../policies/rules/common";
import { channelsOf, planResourcesOf } from "../../policies/rules/graph";

const CONTACT = "aws:ssmcontacts/contact:Contact";
const CHANNEL = "aws:ssmcontacts/contactChannel:ContactChannel";
const PLAN = "aws:ssmcontacts/plan:Plan";

/** A stack resource whose props count how often each is read. */
function resource(type: string, name: string, props: Record<string, unknown>, reads: string[]) {
  const counted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(props)) {
    Object.defineProperty(counted, key, {
      enumerable: true,
      get: () => {
        reads.push(`${name}.${key}`);
        return value;
      },
    });
  }
  return { type, name, urn: `urn:${name}`, props: counted } as unknown as PolicyResource;
}

function stack(resources: PolicyResource[]): StackValidationArgs {
  return { resources } as unknown as StackValidationArgs;
}

describe("policy rules: following references in a stack", () => {
  it("resolves each channel's and plan's contact once per stack, however many contacts ask", () => {
    const reads: string[] = [];
    const aliases = ["taro", "jiro", "saburo"];
    const resources = aliases.flatMap((alias) => {
      const arn = `arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/${alias}`;
      return [
        resource(CONTACT, alias, { arn, alias }, []),
        resource(CHANNEL, `${alias}-email`, { contactId: arn }, reads),
        resource(CHANNEL, `${alias}-sms`, { contactId: arn }, reads),
        resource(PLAN, `${alias}-plan`, { contactId: arn }, reads),
      ];
    });
    const args = stack(resources);
    const contacts = resourcesOf(args, "contact");
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(
        contacts.map((c) => channelsOf(args, c).map((r) => r.name)),
        [
          ["taro-email", "taro-sms"],
          ["jiro-email", "jiro-sms"],
          ["saburo-email", "saburo-sms"],
        ],
      );
      assert.deepEqual(
        contacts.map((c) => planResourcesOf(args, c).map((r) => r.name)),
        [["taro-plan"], ["jiro-plan"], ["saburo-plan"]],
      );
    }
    // Once each, not once for every contact and every round.
    assert.deepEqual(
      [...reads].sort(),
      aliases
        .flatMap((a) => [`${a}-email`, `${a}-sms`, `${a}-plan`].map((n) => `${n}.contactId`))
        .sort(),
    );
    // A new stack is resolved afresh.
    const again = stack([...resources]);
    resourcesOf(again, "contact").forEach((c) => channelsOf(again, c));
    assert.equal(reads.length, 9 + 6);
  });

  it("remembers a value per stack and key, and never a failure", () => {
    const args = stack([]);
    let builds = 0;
    assert.equal(
      memoPerStack(args, "k", () => ++builds),
      1,
    );
    assert.equal(
      memoPerStack(args, "k", () => ++builds),
      1,
    );
    assert.equal(
      memoPerStack(args, "other", () => ++builds),
      2,
    );
    assert.equal(
      memoPerStack(stack([]), "k", () => ++builds),
      3,
    );
    const unknown = new Error("unknown during preview");
    const fails = () => {
      builds++;
      throw unknown;
    };
    assert.throws(() => memoPerStack(args, "unknown", fails), unknown);
    assert.throws(() => memoPerStack(args, "unknown", fails), unknown);
    assert.equal(builds, 5);
  });
});
