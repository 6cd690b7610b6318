import { strict as assert } from "assert";
import { UnknownValueError } from "@pulumi/policy";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue as unknownStringValue } from "@pulumi/pulumi/runtime/rpc";
import * as r from "../../policies/rules";
import { IncidentRule } from "../../policies/rules";
import { phoneRewrite } from "../../policies/rules/channels/requireE164PhoneChannels";
import {
  T,
  allowPolicy,
  classicStack,
  contactArn,
  keyArn,
  mutate,
  nativeStack,
  pick,
  responsePlanArn,
  rotationArn,
} from "./fixtures";
import { ResourceFixture, configFor, messages, runResource, runStack } from "./harness";

/** Every violation a rule reports on a stack: resource rules run on each fixture in turn. */
async function violations(
  rule: IncidentRule,
  stack: readonly ResourceFixture[],
  config?: Record<string, unknown>,
): Promise<string[]> {
  if ("validateStack" in rule) return messages(await runStack(rule, stack, config));
  const out: string[] = [];
  for (const f of stack) out.push(...messages(await runResource(rule, f, config)));
  return out;
}

/** A resource rule on one fixture of a stack. */
async function on(
  rule: IncidentRule,
  stack: readonly ResourceFixture[],
  name: string,
  type?: string,
) {
  return messages(await runResource(rule, pick(stack, name, type)));
}

const both = [
  ["classic", classicStack],
  ["aws-native", nativeStack],
] as const;

/** "Compliance": the rule reports nothing on the classic and on the aws-native fixture stack. */
function compliance(rule: IncidentRule, what: string): void {
  for (const [flavour, stack] of both) {
    it(`Compliance: ${flavour} ${what}`, async () => {
      assert.deepEqual(await violations(rule, stack()), []);
    });
  }
}

describe("policy rules", () => {
  describe("require-multi-region-replication-set", () => {
    const rule = r.requireMultiRegionReplicationSet;
    compliance(rule, "replication set in two regions");
    it("Noncompliance 1: one region (aws-native)", async () => {
      const stack = mutate(nativeStack(), "replication-set", (p) => p.regions.pop());
      assert.deepEqual(await on(rule, stack, "replication-set"), [
        "The replication set must span at least 2 distinct regions; got 1 (ap-northeast-1). Add a region so Incident Manager can fail over.",
      ]);
    });
    it("Noncompliance 2: a duplicated and an unknown region name (classic)", async () => {
      const stack = mutate(classicStack(), "replication-set", (p) => {
        p.regions[1].name = "ap-northeast-1";
        p.regions.push({ name: "tokyo" });
      });
      assert.deepEqual(await on(rule, stack, "replication-set"), [
        '`regions[2]` must name an AWS Region such as ap-northeast-1; got "tokyo".',
        "The replication set must span at least 2 distinct regions; got 1 (ap-northeast-1). Add a region so Incident Manager can fail over.",
      ]);
    });
    it("Noncompliance 3: minRegions 3 from config", async () => {
      const out = await runResource(
        rule,
        pick(nativeStack(), "replication-set"),
        configFor(rule, { minRegions: 3 }),
      );
      assert.deepEqual(messages(out), [
        "The replication set must span at least 3 distinct regions; got 2 (ap-northeast-1, ap-northeast-2). Add a region so Incident Manager can fail over.",
      ]);
    });
  });

  describe("require-e164-phone-channels", () => {
    const rule = r.requireE164PhoneChannels;
    compliance(rule, "SMS and VOICE channels");
    it("Noncompliance 1: trunk 0 after +81 (aws-native)", async () => {
      const stack = mutate(nativeStack(), "taro-sms", (p) => (p.channelAddress = "+8109012345678"));
      assert.deepEqual(await on(rule, stack, "taro-sms"), [
        '`channelAddress` keeps the trunk prefix 0 after the country code +81, so the activation code never arrives; got "+8109012345678". Drop the trunk 0 after the country code: write +819012345678.',
      ]);
    });
    it("Noncompliance 2: spaces and dashes (classic)", async () => {
      const stack = mutate(
        classicStack(),
        "taro-sms",
        (p) => (p.deliveryAddress.simpleAddress = "+81 90-1234-5678"),
      );
      assert.deepEqual(await on(rule, stack, "taro-sms"), [
        '`deliveryAddress.simpleAddress` must be written in E.164 form without spaces or punctuation; got "+81 90-1234-5678". Write +819012345678.',
      ]);
    });
    it("Noncompliance 3: SMS to a fixed line, and a number with no country code", async () => {
      const landline = mutate(
        nativeStack(),
        "taro-sms",
        (p) => (p.channelAddress = "+81312345678"),
      );
      assert.deepEqual(await on(rule, landline, "taro-sms"), [
        '`channelAddress` is a fixed line, which cannot receive SMS (the activation code would never arrive); got "+81312345678". Use a mobile number for SMS, or make this a VOICE channel.',
      ]);
      const national = mutate(
        classicStack(),
        "hanako-voice",
        (p) => (p.deliveryAddress.simpleAddress = "090-1234-5678"),
      );
      assert.deepEqual(await on(rule, national, "hanako-voice"), [
        '`deliveryAddress.simpleAddress` must be an E.164 number such as +819012345678; got "090-1234-5678". Write it with + and the country code, or set `defaultCountry` to read national numbers.',
      ]);
    });
    it("config rejectFixedLineSms: false accepts an SMS landline", async () => {
      const landline = mutate(
        nativeStack(),
        "taro-sms",
        (p) => (p.channelAddress = "+81312345678"),
      );
      const out = await runResource(
        rule,
        pick(landline, "taro-sms"),
        configFor(rule, { rejectFixedLineSms: false }),
      );
      assert.deepEqual(messages(out), []);
    });
    it("remediates only safe rewrites, in both flavours", async () => {
      assert.equal(phoneRewrite("+81 90-1234-5678"), "+819012345678");
      assert.equal(phoneRewrite("+8109012345678"), "+819012345678");
      assert.equal(phoneRewrite("+819012345678"), undefined);
      assert.equal(phoneRewrite("12345"), undefined);
      const remediate = rule.remediateResource!;
      const native = pick(
        mutate(nativeStack(), "taro-sms", (p) => (p.channelAddress = "+81 90-1234-5678")),
        "taro-sms",
      );
      const nativeArgs = { type: native.type, props: native.props } as Parameters<
        typeof remediate
      >[0];
      assert.deepEqual(await remediate(nativeArgs), {
        ...native.props,
        channelAddress: "+819012345678",
      });
      const classic = pick(
        mutate(
          classicStack(),
          "taro-sms",
          (p) => (p.deliveryAddress.simpleAddress = "+8109012345678"),
        ),
        "taro-sms",
      );
      const classicArgs = { type: classic.type, props: classic.props } as Parameters<
        typeof remediate
      >[0];
      assert.deepEqual(await remediate(classicArgs), {
        ...classic.props,
        deliveryAddress: { simpleAddress: "+819012345678" },
      });
      const email = pick(nativeStack(), "taro-email");
      assert.equal(
        await remediate({ type: email.type, props: email.props } as Parameters<
          typeof remediate
        >[0]),
        undefined,
      );
    });
  });

  describe("require-valid-email-channels", () => {
    const rule = r.requireValidEmailChannels;
    compliance(rule, "EMAIL channels");
    it("Noncompliance 1: not an address (aws-native)", async () => {
      const stack = mutate(
        nativeStack(),
        "taro-email",
        (p) => (p.channelAddress = "taro.example.com"),
      );
      assert.deepEqual(await on(rule, stack, "taro-email"), [
        '`channelAddress` must be a valid email address such as oncall@example.com; got "taro.example.com".',
      ]);
    });
    it("Noncompliance 2: too long for the API's 320 characters, and missing (classic)", async () => {
      const address = `${"t".repeat(309)}@example.com`;
      const long = mutate(
        classicStack(),
        "taro-email",
        (p) => (p.deliveryAddress.simpleAddress = address),
      );
      assert.deepEqual(await on(rule, long, "taro-email"), [
        `\`deliveryAddress.simpleAddress\` must be an email address of at most 320 characters (ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress), not 321; got "${"t".repeat(76)}....`,
      ]);
      // "a@b" is short but valid for AWS (the console's 6-character minimum is not the API's).
      const short = mutate(
        classicStack(),
        "taro-email",
        (p) => (p.deliveryAddress.simpleAddress = "a@b"),
      );
      assert.deepEqual(await on(rule, short, "taro-email"), [
        '`deliveryAddress.simpleAddress` must be a valid email address such as oncall@example.com; got "a@b".',
      ]);
      const missing = mutate(classicStack(), "taro-email", (p) => delete p.deliveryAddress);
      assert.deepEqual(await on(rule, missing, "taro-email"), [
        "`deliveryAddress.simpleAddress` must be an email address; got nothing.",
      ]);
    });
    it("Noncompliance 3: outside allowedDomains", async () => {
      const out = await runResource(
        rule,
        pick(nativeStack(), "taro-email"),
        configFor(rule, { allowedDomains: ["corp.example"] }),
      );
      assert.deepEqual(messages(out), [
        '`channelAddress` must be in one of the allowed domains (corp.example); got "taro@example.com".',
      ]);
    });
  });

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
    it("Noncompliance 3: a target outside the stack, and one with no plan (classic)", async () => {
      let stack = mutate(classicStack(), "sre-escalation-plan", (p) => {
        p.stages[1].targets.push({
          contactTargetInfo: { contactId: contactArn("elsewhere"), isEssential: false },
        });
      });
      stack = stack.filter((f) => f.name !== "sre-list-plan");
      assert.deepEqual(await violations(rule, stack), [
        "The final stage `stages[1]` of Contact 'sre-escalation' cannot be checked: Contact 'sre-list' has no engagement plan, so its channels cannot be seen.",
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
  });

  describe("enforce-plan-stage-timing", () => {
    const rule = r.enforcePlanStageTiming;
    compliance(rule, "plans");
    it("Noncompliance 1: 45-minute stage and 90-minute retry (classic Plan)", async () => {
      const stack = mutate(classicStack(), "taro-plan", (p) => {
        p.stages[1].durationInMinutes = 45;
        p.stages[1].targets[0].channelTargetInfo.retryIntervalInMinutes = 90;
      });
      assert.deepEqual(await on(rule, stack, "taro-plan"), [
        "`stages[1].durationInMinutes` must be 0-30 minutes; got 45.",
        "`stages[1].targets[0].channelTargetInfo.retryIntervalInMinutes` must be 0-60 minutes; got 90.",
      ]);
    });
    it("Noncompliance 2: 0 minutes with no target, and a fraction (aws-native Contact)", async () => {
      const stack = mutate(nativeStack(), "sre-escalation", (p) => {
        p.plan[0].durationInMinutes = 2.5;
        p.plan[1].targets = [];
      });
      assert.deepEqual(await on(rule, stack, "sre-escalation"), [
        "`plan[0].durationInMinutes` must be a whole number of minutes; got 2.5.",
        "`plan[1].durationInMinutes` is 0 but the stage has no targets; give it a target or a duration.",
      ]);
    });
    it("is not applicable to other types", async () => {
      const out = await runResource(rule, pick(nativeStack(), "sev1"));
      assert.deepEqual(out.violations, []);
      assert.match(
        out.notApplicable ?? "",
        /^Policy only applies to resources of type aws:ssmcontacts\/plan:Plan, /,
      );
    });
  });

  describe("enforce-response-plan-impact-and-engagements", () => {
    const rule = r.enforceResponsePlanImpactAndEngagements;
    compliance(rule, "response plan");
    it("Noncompliance 1: impact 0 and no engagements (aws-native)", async () => {
      const stack = mutate(nativeStack(), "sev1", (p) => {
        p.incidentTemplate.impact = 0;
        p.engagements = [];
      });
      assert.deepEqual(await on(rule, stack, "sev1"), [
        "`incidentTemplate.impact` must be a whole number from 1 (critical) to 5 (no impact); got 0.",
        "`engagements` must list 1-5 contacts or escalation plans to page; got 0.",
      ]);
    });
    it("Noncompliance 2: impact as a string and six engagements (classic)", async () => {
      const stack = mutate(classicStack(), "sev1", (p) => {
        p.incidentTemplate.impact = "1";
        p.engagements = Array.from({ length: 6 }, (_, i) => contactArn(`c${i}`));
      });
      assert.deepEqual(await on(rule, stack, "sev1"), [
        '`incidentTemplate.impact` must be a whole number from 1 (critical) to 5 (no impact); got "1".',
        "`engagements` must list 1-5 contacts or escalation plans to page; got 6.",
      ]);
    });
  });

  describe("require-oncall-schedule-rotations", () => {
    const rule = r.requireOncallScheduleRotations;
    compliance(rule, "stack");
    it("Noncompliance 1: an aws-native schedule with no rotations and a stage", async () => {
      const stack = mutate(nativeStack(), "sre-oncall", (p) => {
        p.plan = [
          {
            durationInMinutes: 5,
            targets: [{ contactTargetInfo: { contactId: contactArn("taro"), isEssential: true } }],
          },
        ];
      });
      assert.deepEqual(await violations(rule, stack), [
        "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact with no rotations; list them in `plan[].rotationIds` of an aws-native contact.",
        "Contact 'sre-oncall' is an ONCALL_SCHEDULE contact but has stages (`plan[0]`); an on-call schedule pages through its rotations only.",
      ]);
    });
    it("Noncompliance 2: a classic ONCALL_SCHEDULE contact cannot list rotations", async () => {
      const stack: ResourceFixture[] = [
        ...classicStack(),
        {
          type: T.classic.contact,
          name: "schedule",
          props: { alias: "schedule", type: "ONCALL_SCHEDULE", arn: contactArn("schedule") },
        },
      ];
      assert.deepEqual(await violations(rule, stack), [
        "Contact 'schedule' is an ONCALL_SCHEDULE contact with no rotations; list them in `plan[].rotationIds` of an aws-native contact.",
      ]);
    });
    it("accepts rotations listed in a separate aws-native Plan", async () => {
      const stack = mutate(nativeStack(), "sre-oncall", (p) => delete p.plan);
      stack.push({
        type: T.native.plan,
        name: "sre-oncall-plan",
        props: { contactId: contactArn("sre-oncall"), rotationIds: [contactArn("x")] },
      });
      assert.deepEqual(await violations(rule, stack), []);
    });
  });

  describe("require-customer-managed-keys", () => {
    const rule = r.requireCustomerManagedKeys;
    compliance(rule, "replication set with a key per region");
    it("Noncompliance 1: a mix of keys (aws-native)", async () => {
      const stack = mutate(
        nativeStack(),
        "replication-set",
        (p) => delete p.regions[1].regionConfiguration,
      );
      assert.deepEqual(await on(rule, stack, "replication-set"), [
        "The replication set mixes customer-managed and AWS-owned keys: `regions[1]` use an AWS-owned key. AWS requires one kind in every region.",
      ]);
    });
    it("Noncompliance 2: AWS-owned keys everywhere (classic DefaultKey)", async () => {
      const stack = mutate(classicStack(), "replication-set", (p) => {
        p.regions[0].kmsKeyArn = "DefaultKey";
        delete p.regions[1].kmsKeyArn;
      });
      assert.deepEqual(await on(rule, stack, "replication-set"), [
        "The replication set uses AWS-owned keys in every region; use a customer-managed KMS key per region to control and audit access to incident data.",
      ]);
      const allowed = await runResource(
        rule,
        pick(stack, "replication-set"),
        configFor(rule, { allowAwsOwnedKeys: true }),
      );
      assert.deepEqual(messages(allowed), []);
    });
  });

  describe("require-deletion-protection", () => {
    const rule = r.requireDeletionProtection;
    compliance(rule, "protected replication set");
    it("Noncompliance 1: deletion protection off and no protect (aws-native)", async () => {
      const stack = mutate(nativeStack(), "replication-set", (p) => (p.deletionProtected = false));
      const fixture = { ...pick(stack, "replication-set"), protect: false };
      assert.deepEqual(messages(await runResource(rule, fixture)), [
        "`deletionProtected` must be true so the replication set cannot be deleted by accident.",
        "The replication set must have the `protect` resource option, so `pulumi destroy` refuses to delete it.",
      ]);
    });
    it("Noncompliance 2: classic without protect; requireProtect false accepts it", async () => {
      const fixture = { ...pick(classicStack(), "replication-set"), protect: false };
      assert.deepEqual(messages(await runResource(rule, fixture)), [
        "The replication set must have the `protect` resource option, so `pulumi destroy` refuses to delete it.",
      ]);
      assert.deepEqual(
        messages(await runResource(rule, fixture, configFor(rule, { requireProtect: false }))),
        [],
      );
    });
  });

  describe("require-two-channel-types", () => {
    const rule = r.requireTwoChannelTypes;
    for (const [flavour, stack] of both) {
      it(`Compliance: ${flavour} people with two channel types`, async () => {
        const people = stack().filter((f) => !f.name.startsWith("sre-list"));
        assert.deepEqual(await violations(rule, people), []);
      });
    }
    it("Noncompliance 1: one EMAIL channel (aws-native)", async () => {
      assert.deepEqual(await violations(rule, nativeStack()), [
        "Contact 'sre-list' has channels of 1 type (EMAIL); give it at least 2 of EMAIL, SMS and VOICE.",
      ]);
    });
    it("Noncompliance 2: no channels, and minChannelTypes 3 (classic)", async () => {
      const stack = classicStack().filter((f) => !f.name.startsWith("sre-list-"));
      assert.deepEqual(await violations(rule, stack, configFor(rule, { minChannelTypes: 3 })), [
        "Contact 'taro' has channels of 2 type (EMAIL, SMS); give it at least 3 of EMAIL, SMS and VOICE.",
        "Contact 'hanako' has channels of 2 type (EMAIL, VOICE); give it at least 3 of EMAIL, SMS and VOICE.",
        "Contact 'sre-list' has no channels; give it at least 3 of EMAIL, SMS and VOICE.",
      ]);
    });
  });

  describe("require-plan-covers-channels", () => {
    const rule = r.requirePlanCoversChannels;
    compliance(rule, "plans engage every channel");
    it("Noncompliance 1: a channel no stage targets (aws-native)", async () => {
      const stack = mutate(nativeStack(), "taro", (p) => p.plan.pop());
      assert.deepEqual(await violations(rule, stack), [
        "The engagement plan of Contact 'taro' never engages ContactChannel 'taro-sms'.",
      ]);
    });
    it("Noncompliance 2: channels but no plan (classic)", async () => {
      const stack = classicStack().filter((f) => f.name !== "hanako-plan");
      assert.deepEqual(await violations(rule, stack), [
        "Contact 'hanako' has channels but no engagement plan, so none of them is engaged.",
      ]);
    });
  });

  describe("require-rotation-members-and-zone", () => {
    const rule = r.requireRotationMembersAndZone;
    compliance(rule, "rotation");
    it("Noncompliance 1: one member and JST (aws-native)", async () => {
      const stack = mutate(nativeStack(), "primary", (p) => {
        p.contactIds.pop();
        p.timeZoneId = "JST";
      });
      assert.deepEqual(await on(rule, stack, "primary"), [
        "`contactIds` must list at least 2 members; got 1.",
        '`timeZoneId` must be an IANA time zone id such as Asia/Tokyo; got "JST".',
      ]);
    });
    it("Noncompliance 2: a made-up zone (classic)", async () => {
      const stack = mutate(classicStack(), "primary", (p) => (p.timeZoneId = "Asia/Atlantis"));
      assert.deepEqual(await on(rule, stack, "primary"), [
        '`timeZoneId` must be an IANA time zone id such as Asia/Tokyo; got "Asia/Atlantis".',
      ]);
    });
  });

  describe("require-tags", () => {
    const rule = r.requireTags;
    compliance(rule, "resources tagged team");
    it("Noncompliance 1: untagged response plan (aws-native)", async () => {
      const stack = mutate(nativeStack(), "sev1", (p) => delete p.tags);
      assert.deepEqual(await on(rule, stack, "sev1"), ['`tags` must include "team"; got no tags.']);
    });
    it("Noncompliance 2: keys from config (classic)", async () => {
      const out = await runResource(
        rule,
        pick(classicStack(), "primary"),
        configFor(rule, { requiredTags: ["team", "cost-center"] }),
      );
      assert.deepEqual(messages(out), ['`tags` must include "cost-center"; got team.']);
    });
  });

  describe("require-response-plan-trigger", () => {
    const rule = r.requireResponsePlanTrigger;
    compliance(rule, "plan started by an alarm or EventBridge");
    it("Noncompliance 1: the alarm acts on another plan (aws-native)", async () => {
      const stack = mutate(
        nativeStack(),
        "errors",
        (p) => (p.alarmActions = [responsePlanArn("other")]),
      );
      assert.deepEqual(await violations(rule, stack), [
        "ResponsePlan 'sev1' is not started by any alarm action or EventBridge target in this stack.",
      ]);
    });
    it("Noncompliance 2: only EventBridge, which config excludes (classic)", async () => {
      assert.deepEqual(
        await violations(rule, classicStack(), configFor(rule, { allowEventBridge: false })),
        ["ResponsePlan 'sev1' is not started by any alarm action in this stack."],
      );
    });
    it("links an unknown plan ARN through propertyDependencies", async () => {
      const stack = mutate(
        nativeStack(),
        "errors",
        (p) => (p.alarmActions = [unknownStringValue]),
      ).map((f) =>
        f.name === "errors" ? { ...f, propertyDependencies: { alarmActions: ["sev1"] } } : f,
      );
      assert.deepEqual(await violations(rule, stack), []);
    });
  });

  describe("disallow-wildcard-incident-roles", () => {
    const rule = r.disallowWildcardIncidentRoles;
    compliance(rule, "scoped roles");
    it("Noncompliance 1: ssm:* on * (aws-native inline policy)", async () => {
      const stack = mutate(
        nativeStack(),
        "runbook",
        (p) => (p.policies[0].policyDocument = allowPolicy("ssm:*", "*")),
      );
      assert.deepEqual(await violations(rule, stack), [
        "Role 'runbook': policies[0]: Statement[0] allows wildcard actions [\"ssm:*\"].",
        "Role 'runbook': policies[0]: Statement[0] applies to every resource (\"*\").",
      ]);
    });
    it("Noncompliance 2: a RolePolicy with NotAction (classic)", async () => {
      const stack = mutate(classicStack(), "start-incident-policy", (p) => {
        p.policy = JSON.stringify({
          Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: responsePlanArn("sev1") }],
        });
      });
      assert.deepEqual(await violations(rule, stack), [
        "Role 'start-incident': RolePolicy 'start-incident-policy': Statement[0] allows NotAction.",
        "Role 'start-incident': RolePolicy 'start-incident-policy': Statement[0] allows wildcard actions [null].",
      ]);
    });
    it("ignores roles no incident service assumes", async () => {
      const stack = mutate(nativeStack(), "runbook", (p) => {
        p.assumeRolePolicyDocument.Statement[0].Principal.Service = "lambda.amazonaws.com";
        p.policies[0].policyDocument = allowPolicy("*", "*");
      });
      assert.deepEqual(await violations(rule, stack), []);
    });
  });

  it("keeps the key ARN fixture honest", () =>
    assert.match(keyArn("ap-northeast-1"), /^arn:aws:kms:/));
});

describe("policy rules for AWS facts", () => {
  const withRegion = (region: string) => ({
    type: T.classic.responsePlan,
    name: "sev1",
    props: { name: "sev1", region, incidentTemplate: { title: "t", impact: 1 } },
  });

  describe("require-incident-manager-regions", () => {
    const rule = r.requireIncidentManagerRegions;
    compliance(rule, "stack in ap-northeast-1 and ap-northeast-2");
    const osaka =
      "must be a region where Incident Manager is offered; got ap-northeast-3, which does not offer it (no ssm-incidents/ssm-contacts endpoint in AWS's endpoint data). Use one of ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2.";
    it("Noncompliance 1: a replication set region in Osaka (aws-native)", async () => {
      const stack = mutate(nativeStack(), "replication-set", (p) => {
        p.regions[1].regionName = "ap-northeast-3";
      });
      assert.deepEqual(await on(rule, stack, "replication-set"), [`\`regions[1]\` ${osaka}`]);
    });
    it("Noncompliance 2: a replication set region in Osaka (classic)", async () => {
      const stack = mutate(classicStack(), "replication-set", (p) => {
        p.regions[1].name = "ap-northeast-3";
      });
      assert.deepEqual(await on(rule, stack, "replication-set", T.classic.replicationSet), [
        `\`regions[1]\` ${osaka}`,
      ]);
    });
    it("Noncompliance 3: a classic response plan's region input", async () => {
      assert.deepEqual(messages(await runResource(rule, withRegion("ap-northeast-3"))), [
        `\`region\` ${osaka}`,
      ]);
      assert.deepEqual(messages(await runResource(rule, withRegion("ap-northeast-1"))), []);
    });
    it("Noncompliance 4: a region outside `allowedRegions`", async () => {
      const out = await runResource(
        rule,
        withRegion("us-east-1"),
        configFor(rule, { allowedRegions: ["ap-northeast-1"] }),
      );
      assert.deepEqual(messages(out), [
        "`region` is us-east-1, which is not in `allowedRegions` (ap-northeast-1).",
      ]);
    });
  });

  describe("require-event-pattern-arrays", () => {
    const rule = r.requireEventPatternArrays;
    const classic = (pattern: unknown) => ({
      type: "aws:cloudwatch/eventRule:EventRule",
      name: "ec2",
      props: { eventPattern: JSON.stringify(pattern) },
    });
    const native = (pattern: unknown) => ({
      type: T.native.eventRule,
      name: "ec2",
      props: { eventPattern: pattern },
    });
    it("Compliance: both flavours with every field an array", async () => {
      const pattern = { source: ["aws.ec2"], detail: { state: ["stopped"] } };
      assert.deepEqual(messages(await runResource(rule, classic(pattern))), []);
      assert.deepEqual(messages(await runResource(rule, native(pattern))), []);
    });
    it("Noncompliance 1: a bare string (classic)", async () => {
      assert.deepEqual(messages(await runResource(rule, classic({ source: "aws.ec2" }))), [
        '`eventPattern.source` must be a non-empty array of values to match; got "aws.ec2".',
      ]);
    });
    it("Noncompliance 2: an empty array, unless allowed (aws-native)", async () => {
      const fixture = native({ source: ["aws.ec2"], detail: { state: [] } });
      assert.deepEqual(messages(await runResource(rule, fixture)), [
        "`eventPattern.detail.state` must be a non-empty array of values to match; got an empty array.",
      ]);
      assert.deepEqual(
        messages(await runResource(rule, fixture, configFor(rule, { rejectEmptyArrays: false }))),
        [],
      );
    });
  });

  describe("require-oncall-schedule-rotations: at most 8 rotations by default", () => {
    it("Noncompliance: nine rotations on an aws-native schedule", async () => {
      const stack = mutate(nativeStack(), "sre-oncall", (p) => {
        p.plan[0].rotationIds = Array.from({ length: 9 }, () => rotationArn("primary"));
      });
      assert.deepEqual(await violations(r.requireOncallScheduleRotations, stack), [
        "Contact 'sre-oncall' lists 9 rotations; at most 8 are allowed (an on-call schedule supports up to 8, per the Incident Manager user guide).",
      ]);
    });
  });

  describe("enforce-role-name-length", () => {
    const rule = r.enforceRoleNameLength;
    compliance(rule, "roles");
    it("Noncompliance 1: an explicit name over 64 characters (classic)", async () => {
      const stack = mutate(classicStack(), "start-incident", (p) => (p.name = "r".repeat(65)));
      assert.deepEqual(await on(rule, stack, "start-incident", T.classic.role), [
        "`name` must be at most 64 characters (iam CreateRole RoleName); got 65.",
      ]);
    });
    it("Noncompliance 2: an auto-named role whose resource name is over 56 characters (aws-native)", async () => {
      const name = "r".repeat(57);
      const fixture = { type: T.native.role, name, props: { assumeRolePolicyDocument: {} } };
      assert.deepEqual(messages(await runResource(rule, fixture)), [
        `The role has no name, so the provider names it '${name}' plus 8 characters: 65, more than IAM's 64.`,
      ]);
      const fits = { ...fixture, name: "r".repeat(56) };
      assert.deepEqual(messages(await runResource(rule, fits)), []);
    });
  });
});
