/**
 * `require-email-only-final-stage` (policies/rules/plans/requireEmailOnlyFinalStage.ts): the compliant fixture stacks of both flavours,
 * then one mutation per case, asserting the exact message.
 */
import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue as unknownStringValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../../../policies/rules";
import { PolicyPackProcess } from "../../../../plan/analyzer";
import { T, classicStack, contactArn, mutate, nativeStack } from "../../fixtures";
import { ResourceFixture, urnOf } from "../../harness";
import { captured, violations, compliance } from "../../support";

const TAG = "incident-manager/allow-interruptive-final-stage";

/** The native fixture whose final stage pages taro by SMS, tagged as EscalationChain tags it. */
function nativeTagged(value = "true"): ResourceFixture[] {
  return mutate(nativeStack(), "sre-escalation", (p) => {
    p.plan[1].targets[0].contactTargetInfo.contactId = contactArn("taro");
    p.tags.push({ key: TAG, value });
  });
}

/** The classic fixture whose final stage pages hanako by VOICE. */
function classicInterruptive(): ResourceFixture[] {
  return mutate(classicStack(), "sre-escalation-plan", (p) => {
    p.stages[1].targets[0].contactTargetInfo.contactId = contactArn("hanako");
  });
}

describe("require-email-only-final-stage", () => {
  const rule = r.requireEmailOnlyFinalStage;
  compliance(rule, "escalation ending on an EMAIL-only contact");
  it("Noncompliance 1: the final stage pages a person by SMS (aws-native)", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[1].targets[0].contactTargetInfo.contactId = contactArn("taro");
    });
    assert.deepEqual(await violations(rule, stack), [
      "The final stage `plan[1]` of Contact 'sre-escalation' reaches its targets by SMS; it must use EMAIL only, so the last resort does not wake people again.",
    ]);
  });
  it("Noncompliance 2: the final stage is the on-call schedule (follows rotations to members)", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => p.plan.pop());
    assert.deepEqual(await violations(rule, stack), [
      "The final stage `plan[0]` of Contact 'sre-escalation' reaches its targets by SMS, VOICE; it must use EMAIL only, so the last resort does not wake people again.",
    ]);
  });
  it("Noncompliance 3: a target outside the stack; one with channels and no plan pages nobody (classic)", async () => {
    let stack = mutate(classicStack(), "sre-escalation-plan", (p) => {
      p.stages[1].targets.push({
        contactTargetInfo: { contactId: contactArn("elsewhere"), isEssential: false },
      });
    });
    stack = stack.filter((f) => f.name !== "sre-list-plan");
    assert.deepEqual(await violations(rule, stack), [
      "The final stage `stages[1]` of Contact 'sre-escalation' cannot be checked: the contact of `stages[1].targets[1].contactTargetInfo` is not in this stack.",
    ]);
  });
  it("follows an unknown contact id through propertyDependencies during preview", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan = [p.plan[1]];
      p.plan[0].targets[0].contactTargetInfo.contactId = unknownStringValue;
    }).map((f) =>
      f.name === "sre-escalation" ? { ...f, propertyDependencies: { plan: ["sre-list"] } } : f,
    );
    assert.deepEqual(await violations(rule, stack), []);
  });
  it("lets the SDK report an unknown it cannot resolve", async () => {
    const stack = mutate(nativeStack(), "sre-escalation", (p) => {
      p.plan[1].targets[0].contactTargetInfo.contactId = unknownStringValue;
    });
    await assert.rejects(violations(rule, stack), (err) => err instanceof UnknownValueError);
  });

  describe("exemptions", () => {
    it("Compliance: an aws-native plan tagged by allowInterruptiveFinalStage is an advisory note", async () => {
      assert.deepEqual(await violations(rule, nativeTagged()), [
        "[advisory] Contact 'sre-escalation' is exempt from this rule by its tag `incident-manager/allow-interruptive-final-stage: \"true\"` (EscalationChain's `allowInterruptiveFinalStage: true`): its final stage `plan[1]` reaches its targets by SMS.",
      ]);
    });
    it("Compliance: a classic contact with the tag (a classic tag map)", async () => {
      const stack = mutate(classicInterruptive(), "sre-escalation", (p) => (p.tags[TAG] = "true"));
      assert.deepEqual(await violations(rule, stack), [
        "[advisory] Contact 'sre-escalation' is exempt from this rule by its tag `incident-manager/allow-interruptive-final-stage: \"true\"` (EscalationChain's `allowInterruptiveFinalStage: true`): its final stage `stages[1]` reaches its targets by VOICE.",
      ]);
    });
    it("Noncompliance 4: the tag with another value exempts nothing", async () => {
      assert.deepEqual(await violations(rule, nativeTagged("yes")), [
        "The final stage `plan[1]` of Contact 'sre-escalation' reaches its targets by SMS; it must use EMAIL only, so the last resort does not wake people again.",
      ]);
    });
    it("Compliance: exemptResources by URN, Pulumi name, alias, or the classic Plan's name", async () => {
      const note = (entry: string) =>
        `[advisory] Contact 'sre-escalation' is exempt from this rule by \`exemptResources\` (${JSON.stringify(entry)}): its final stage \`stages[1]\` reaches its targets by VOICE.`;
      for (const entry of [
        urnOf(T.classic.contact, "sre-escalation"),
        "sre-escalation",
        "sre-escalation-plan",
        urnOf(T.classic.plan, "sre-escalation-plan"),
      ]) {
        assert.deepEqual(
          await violations(rule, classicInterruptive(), {
            allowedFinalChannelTypes: ["EMAIL"],
            exemptResources: [entry],
          }),
          [note(entry)],
          entry,
        );
      }
    });
    it("Compliance: exemptResources by alias (aws-native), for a stage that cannot be checked", async () => {
      const stack = mutate(nativeStack(), "sre-escalation", (p) => {
        p.alias = "payments-escalation";
        p.plan[1].targets[0].contactTargetInfo.contactId = contactArn("elsewhere");
      });
      assert.deepEqual(
        await violations(rule, stack, {
          allowedFinalChannelTypes: ["EMAIL"],
          exemptResources: ["payments-escalation"],
        }),
        [
          "[advisory] Contact 'sre-escalation' is exempt from this rule by `exemptResources` (\"payments-escalation\"): its final stage `plan[1]` cannot be checked (the contact of `plan[1].targets[0].contactTargetInfo` is not in this stack).",
        ],
      );
    });
    it("Noncompliance 5: exemptResources naming another resource exempts nothing", async () => {
      assert.deepEqual(
        await violations(rule, classicInterruptive(), {
          allowedFinalChannelTypes: ["EMAIL"],
          exemptResources: ["taro", "sre-list-plan"],
        }),
        [
          "The final stage `stages[1]` of Contact 'sre-escalation' reaches its targets by VOICE; it must use EMAIL only, so the last resort does not wake people again.",
        ],
      );
    });
  });

  describe("exemptions over the analyzer protocol", function () {
    this.timeout(180_000);
    let pack: PolicyPackProcess | undefined;
    before(async () => {
      pack = await PolicyPackProcess.start();
    });
    after(async () => {
      await pack?.close();
    });
    const ours = (d: { policyName: string }) => d.policyName === rule.name;

    it("the tag turns the mandatory violation into an advisory note on the contact", async () => {
      await pack!.configure({});
      const untagged = mutate(nativeStack(), "sre-escalation", (p) => {
        p.plan[1].targets[0].contactTargetInfo.contactId = contactArn("taro");
      });
      const before = (await pack!.analyzeStack(untagged.map(captured))).diagnostics.filter(ours);
      assert.deepEqual(
        before.map((d) => d.enforcementLevel),
        ["mandatory"],
      );
      const result = (await pack!.analyzeStack(nativeTagged().map(captured))).diagnostics.filter(
        ours,
      );
      assert.deepEqual(
        result.map((d) => [d.enforcementLevel, d.urn, d.message]),
        [
          [
            "advisory",
            urnOf(T.native.contact, "sre-escalation"),
            `${rule.description}\nContact 'sre-escalation' is exempt from this rule by its tag \`incident-manager/allow-interruptive-final-stage: "true"\` (EscalationChain's \`allowInterruptiveFinalStage: true\`): its final stage \`plan[1]\` reaches its targets by SMS.`,
          ],
        ],
      );
    });

    it("exemptResources in the pack's config does the same for a raw classic stack", async () => {
      await pack!.configure({
        [rule.name]: { enforcementLevel: "mandatory", exemptResources: ["sre-escalation"] },
      });
      const result = (
        await pack!.analyzeStack(classicInterruptive().map(captured))
      ).diagnostics.filter(ours);
      assert.deepEqual(
        result.map((d) => [d.enforcementLevel, d.message.split("\n")[1]]),
        [
          [
            "advisory",
            `Contact 'sre-escalation' is exempt from this rule by \`exemptResources\` ("sre-escalation"): its final stage \`stages[1]\` reaches its targets by VOICE.`,
          ],
        ],
      );
      await pack!.configure({});
    });
  });
});
