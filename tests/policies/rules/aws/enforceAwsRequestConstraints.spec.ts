import { strict as assert } from "assert";
// The wire value of an unknown during preview; the policy SDK's proxy throws on reading it.
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { enforceAwsRequestConstraints as rule } from "../../../../policies/rules";
import { classicStack, contactArn, mutate, nativeStack, pick } from "../../fixtures";
import { ResourceFixture, configFor, messages, runResource } from "../../harness";

/** The rule's messages for fixture `name` of `stack` after `edit`. */
async function after(
  stack: readonly ResourceFixture[],
  name: string,
  edit: (props: Record<string, any>) => void, // eslint-disable-line @typescript-eslint/no-explicit-any
  config = configFor(rule),
): Promise<string[]> {
  return messages(await runResource(rule, pick(mutate(stack, name, edit), name), config));
}

/** Botocore 1.43's endpoint data: where both ssm-incidents and ssm-contacts have an endpoint. */
const IM_REGIONS =
  "ap-northeast-1, ap-northeast-2, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-north-1, eu-west-1, eu-west-2, eu-west-3, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2";
const OFFERED = `must be a region where Incident Manager is offered (ssm-incidents and ssm-contacts both have endpoints): ${IM_REGIONS}`;

describe("enforce-aws-request-constraints", () => {
  for (const [flavour, stack] of [
    ["classic", classicStack],
    ["aws-native", nativeStack],
  ] as const) {
    it(`Compliance: every ${flavour} fixture`, async () => {
      for (const fixture of stack()) {
        assert.deepEqual(messages(await runResource(rule, fixture)), [], fixture.name);
      }
    });
  }

  it("Noncompliance 1: a contact alias with a dot (classic: the API's pattern)", async () => {
    assert.deepEqual(await after(classicStack(), "taro", (p) => (p.alias = "taro.yamada")), [
      'ssm-contacts:CreateContact `Alias` must match AWS\'s pattern ^[a-z0-9_\\-]*$; got "taro.yamada" (AWS: The short name to quickly identify a contact or escalation plan. The contact alias must be unique and identifiable.).',
    ]);
  });

  it("Noncompliance 2: an EMAIL address over 320 characters, shown masked (classic)", async () => {
    const address = `${"t".repeat(320)}@example.com`;
    assert.deepEqual(
      await after(classicStack(), "taro-email", (p) => (p.deliveryAddress.simpleAddress = address)),
      [
        `ssm-contacts:CreateContactChannel \`DeliveryAddress.SimpleAddress\` must be at most 320 characters long (got 332); got "t${"*".repeat(39)}...${"*".repeat(25)}@example.com".`,
      ],
    );
  });

  it("Noncompliance 3: a time zone id AWS's pattern refuses (aws-native rotation)", async () => {
    assert.deepEqual(await after(nativeStack(), "primary", (p) => (p.timeZoneId = "Etc/GMT+9")), [
      'AWS::SSMContacts::Rotation `TimeZoneId` must match AWS\'s pattern ^[:a-zA-Z0-9_\\-\\s\\.\\\\/]*$; got "Etc/GMT+9".',
    ]);
  });

  it("Noncompliance 4: a 31-minute stage, and a target without isEssential (classic plan)", async () => {
    assert.deepEqual(
      await after(classicStack(), "sre-escalation-plan", (p) => {
        p.stages[0].durationInMinutes = 31;
        delete p.stages[0].targets[0].contactTargetInfo.isEssential;
      }),
      [
        "ssm-contacts:UpdateContact `Plan.Stages[0].DurationInMinutes` must be at most 30; got 31 (AWS: The time to wait until beginning the next stage. The duration can only be set to 0 if a target is specified.).",
        "ssm-contacts:UpdateContact `Plan.Stages[0].Targets[0].ContactTargetInfo.IsEssential` is required; got nothing (AWS: A Boolean value determining if the contact's acknowledgement stops the progress of stages in the plan.).",
      ],
    );
  });

  it("Noncompliance 5: an enum (classic channel type) and a type (aws-native alarm period)", async () => {
    assert.deepEqual(await after(classicStack(), "taro-sms", (p) => (p.type = "PAGER")), [
      'ssm-contacts:CreateContactChannel `Type` must be one of SMS, VOICE, EMAIL; got "PAGER" (AWS: Incident Manager supports three types of contact channels: SMS VOICE EMAIL).',
    ]);
    assert.deepEqual(await after(nativeStack(), "errors", (p) => (p.period = "sixty")), [
      'AWS::CloudWatch::Alarm `Period` must be an integer; got "sixty".',
    ]);
  });

  it("Noncompliance 6: Osaka, where Incident Manager is not offered; checkRegions: false", async () => {
    assert.deepEqual(
      await after(
        nativeStack(),
        "replication-set",
        (p) => (p.regions[1].regionName = "ap-northeast-3"),
      ),
      [`ssm-incidents endpoint \`Regions[1].RegionName\` ${OFFERED}; got "ap-northeast-3".`],
    );
    assert.deepEqual(await after(classicStack(), "sev1", (p) => (p.region = "ap-northeast-3")), [
      `ssm-incidents endpoint \`region\` ${OFFERED}; got "ap-northeast-3".`,
    ]);
    assert.deepEqual(
      await after(classicStack(), "sev1", (p) => (p.region = "ap-northeast-3"), {
        checkRegions: false,
      }),
      [],
    );
  });

  it("Noncompliance 7: a list and a map over AWS's sizes (classic rotation, response plan)", async () => {
    assert.deepEqual(
      await after(classicStack(), "primary", (p) => {
        p.contactIds = Array.from({ length: 31 }, (_, i) => contactArn(`m${i}`));
      }),
      [
        'ssm-contacts:CreateRotation `ContactIds` must have at most 30 items (got 31); got ["arn:aws:ssm-contacts:ap-northeast-1:123456789012:contact/m0","arn:aws:ssm-c....',
      ],
    );
    assert.deepEqual(
      await after(classicStack(), "sev1", (p) => {
        p.tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
      }),
      [
        'ssm-incidents:CreateResponsePlan `tags` must have at most 50 entries (got 51); got {"k0":"v","k1":"v","k2":"v","k3":"v","k4":"v","k5":"v","k6":"v","k7":"v","k8"... (AWS: A list of tags that you are adding to the response plan.).',
      ],
    );
  });

  it("skips a value still unknown during preview, and checks the known ones", async () => {
    assert.deepEqual(
      await after(classicStack(), "taro", (p) => {
        p.displayName = unknownValue;
        p.alias = "Taro";
      }),
      [
        'ssm-contacts:CreateContact `Alias` must match AWS\'s pattern ^[a-z0-9_\\-]*$; got "Taro" (AWS: The short name to quickly identify a contact or escalation plan. The contact alias must be unique and identifiable.).',
      ],
    );
  });

  it("is not applicable to other types", async () => {
    const out = await runResource(rule, { type: "aws:s3/bucket:Bucket", name: "b", props: {} });
    assert.match(
      out.notApplicable ?? "",
      /^Policy only applies to resources of type aws:ssmcontacts\/contact:Contact, /,
    );
    assert.deepEqual(out.violations, []);
  });

  describe("the runbook's targetAccount (ssm-incidents SsmAutomation.targetAccount)", () => {
    const classicRunbook = (targetAccount: unknown) => (p: Record<string, unknown>) =>
      (p.action = {
        ssmAutomations: [
          {
            documentName: "Restart",
            roleArn: "arn:aws:iam::123456789012:role/runbook",
            targetAccount,
          },
        ],
      });
    for (const value of ["RESPONSE_PLAN_OWNER_ACCOUNT", "IMPACTED_ACCOUNT"]) {
      it(`Compliance: ${value} on both flavours`, async () => {
        assert.deepEqual(await after(classicStack(), "sev1", classicRunbook(value)), []);
        assert.deepEqual(
          await after(
            nativeStack(),
            "sev1",
            (p) => (p.actions[0].ssmAutomation.targetAccount = value),
          ),
          [],
        );
      });
    }
    it("Noncompliance: an account id instead of the enum, masked like a number (classic: the API's enum)", async () => {
      assert.deepEqual(await after(classicStack(), "sev1", classicRunbook("123456789012")), [
        'ssm-incidents:CreateResponsePlan `actions[0].ssmAutomation.targetAccount` must be one of RESPONSE_PLAN_OWNER_ACCOUNT, IMPACTED_ACCOUNT; got "123******012" (AWS: The account that the automation document will be run in. This can be in either the management account or an application account.).',
      ]);
    });
    it("Noncompliance: a lower-case value (aws-native: CloudFormation's enum)", async () => {
      assert.deepEqual(
        await after(
          nativeStack(),
          "sev1",
          (p) => (p.actions[0].ssmAutomation.targetAccount = "impacted_account"),
        ),
        [
          'AWS::SSMIncidents::ResponsePlan `Actions[0].SsmAutomation.TargetAccount` must be one of IMPACTED_ACCOUNT, RESPONSE_PLAN_OWNER_ACCOUNT; got "impacted_account".',
        ],
      );
    });
  });
});
