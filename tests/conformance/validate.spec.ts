import { strict as assert } from "assert";
import {
  INCIDENT_MANAGER_REGIONS,
  formatViolation,
  validateRequest,
  validateResource,
} from "../../aws/requests";

const ACCOUNT = "123456789012";
const contact = (alias: string) => `arn:aws:ssm-contacts:us-east-1:${ACCOUNT}:contact/${alias}`;
const api = (operation: string) => ({ kind: "api" as const, operation });
const cfn = (typeName: string) => ({ kind: "cfn" as const, typeName });
const who = { type: "test:index:Thing", name: "t" };

/** The violations of one request, as printed. */
const lines = (target: Parameters<typeof validateRequest>[0], body: Record<string, unknown>) =>
  validateRequest(target, body, who).map((v) => formatViolation(v));

const person = (extra: Record<string, unknown>) => ({
  Alias: "taro",
  Type: "PERSONAL",
  Plan: { Stages: [] },
  ...extra,
});

describe("aws/requests: each rule of AWS's models", () => {
  it("passes a request AWS accepts", () => {
    assert.deepEqual(
      lines(api("ssm-contacts:CreateContact"), person({ DisplayName: "Tarō Yamada" })),
      [],
    );
  });

  it("required: a missing member", () => {
    assert.deepEqual(
      lines(api("ssm-contacts:CreateContact"), { Alias: "taro", Plan: { Stages: [] } }),
      [
        "test:index:Thing 't': ssm-contacts:CreateContact `Type` is required; got nothing (AWS: The type of contact to create. PERSONAL: A single, individual contact. ESCALATION: An escalation plan. ONCALL_SCHEDULE: An on-call schedule.)",
      ],
    );
  });

  it("min and max length, in characters (an empty alias, a 256-character one)", () => {
    assert.deepEqual(lines(api("ssm-contacts:CreateContact"), person({ Alias: "" })), [
      "test:index:Thing 't': ssm-contacts:CreateContact `Alias` must be at least 1 character long; got \"\" (AWS: The short name to quickly identify a contact or escalation plan. The contact alias must be unique and identifiable.)",
    ]);
    assert.deepEqual(
      validateRequest(
        api("ssm-contacts:CreateContact"),
        person({ Alias: "a".repeat(256) }),
        who,
      ).map((v) => [v.path, v.rule, v.message]),
      [["Alias", "max", "must be at most 255 characters long (got 256)"]],
    );
  });

  it("min and max values (a 31-minute stage, a 61-minute retry)", () => {
    const body = {
      ContactId: contact("taro"),
      Plan: {
        Stages: [
          {
            DurationInMinutes: 31,
            Targets: [
              {
                ChannelTargetInfo: {
                  ContactChannelId: `${contact("taro")}/sms`,
                  RetryIntervalInMinutes: 61,
                },
              },
            ],
          },
        ],
      },
    };
    assert.deepEqual(
      validateRequest(api("ssm-contacts:UpdateContact"), body, who).map((v) => [v.path, v.message]),
      [
        ["Plan.Stages[0].DurationInMinutes", "must be at most 30"],
        [
          "Plan.Stages[0].Targets[0].ChannelTargetInfo.RetryIntervalInMinutes",
          "must be at most 60",
        ],
      ],
    );
  });

  it("list and map sizes (31 rotation members, 4 replication set regions)", () => {
    assert.deepEqual(
      validateRequest(
        api("ssm-contacts:CreateRotation"),
        {
          Name: "r",
          TimeZoneId: "Asia/Tokyo",
          ContactIds: Array.from({ length: 31 }, (_, i) => contact(`m${i}`)),
          Recurrence: {
            NumberOfOnCalls: 1,
            RecurrenceMultiplier: 1,
            DailySettings: [{ HourOfDay: 9, MinuteOfHour: 0 }],
          },
        },
        who,
      ).map((v) => [v.path, v.rule, v.message]),
      [["ContactIds", "max", "must have at most 30 items (got 31)"]],
    );
    assert.deepEqual(
      validateRequest(
        api("ssm-incidents:CreateReplicationSet"),
        { regions: { "us-east-1": {}, "us-east-2": {}, "us-west-1": {}, "us-west-2": {} } },
        who,
      ).map((v) => [v.path, v.rule, v.message]),
      [["regions", "max", "must have at most 3 entries (got 4)"]],
    );
  });

  it("enums, and types", () => {
    assert.deepEqual(
      validateRequest(api("ssm-contacts:CreateContact"), person({ Type: "GROUP" }), who).map(
        (v) => [v.rule, v.message],
      ),
      [["enum", "must be one of PERSONAL, ESCALATION, ONCALL_SCHEDULE"]],
    );
    assert.deepEqual(
      validateRequest(
        api("ssm-incidents:CreateResponsePlan"),
        {
          name: "p",
          incidentTemplate: { title: "t", impact: "high" },
        },
        who,
      ).map((v) => [v.path, v.rule, v.message]),
      [["incidentTemplate.impact", "type", "must be an integer"]],
    );
  });

  it("API patterns match the whole value; CloudFormation patterns keep JSON Schema's meaning", () => {
    // The API's alias pattern has no `.`; CloudFormation's allows it.
    assert.deepEqual(
      validateRequest(api("ssm-contacts:CreateContact"), person({ Alias: "taro.yamada" }), who).map(
        (v) => [v.path, v.rule],
      ),
      [["Alias", "pattern"]],
    );
    assert.deepEqual(
      validateRequest(
        cfn("AWS::SSMContacts::Contact"),
        { Alias: "taro.yamada", DisplayName: "Taro", Type: "PERSONAL" },
        who,
      ),
      [],
    );
    // `^[^:]` constrains only the first character of a CloudFormation alarm's Namespace.
    const alarm = { EvaluationPeriods: 1, ComparisonOperator: "GreaterThanThreshold" };
    assert.deepEqual(
      validateRequest(cfn("AWS::CloudWatch::Alarm"), { ...alarm, Namespace: "AWS/EC2" }, who),
      [],
    );
    assert.deepEqual(lines(cfn("AWS::CloudWatch::Alarm"), { ...alarm, Namespace: ":EC2" }), [
      "test:index:Thing 't': AWS::CloudWatch::Alarm `Namespace` must match AWS's pattern ^[^:]; got \":EC2\"",
    ]);
    // The display name CloudFormation takes for an ONCALL_SCHEDULE contact has no `.`.
    assert.deepEqual(
      lines(cfn("AWS::SSMContacts::Contact"), {
        Alias: "sre-oncall",
        DisplayName: "sre.tokyo on-call schedule",
        Type: "ONCALL_SCHEDULE",
      }),
      [
        "test:index:Thing 't': AWS::SSMContacts::Contact `DisplayName` must match AWS's pattern ^[a-zA-Z0-9_\\-\\s]*$; got \"sre.tokyo on-call schedule\"",
      ],
    );
  });

  it("map keys (SSM Incidents tag keys may not start with aws:) and members the model does not have", () => {
    assert.deepEqual(
      validateRequest(
        api("ssm-incidents:CreateResponsePlan"),
        {
          name: "p",
          incidentTemplate: { title: "t", impact: 1 },
          tags: { "aws:team": "sre" },
          owner: "me",
        },
        who,
      ).map((v) => [v.path, v.rule, v.message]),
      [
        [
          'tags["aws:team"] (key)',
          "pattern",
          "must match AWS's pattern ^(?!aws:)[A-Za-z0-9 _=@:.+-/]+$",
        ],
        ["owner", "member", "is not a member of ssm-incidents:CreateResponsePlan"],
      ],
    );
  });

  it("masks delivery addresses, always, and phone numbers and emails anywhere", () => {
    const [email] = validateRequest(
      api("ssm-contacts:CreateContactChannel"),
      {
        ContactId: contact("taro"),
        Name: "email",
        Type: "EMAIL",
        DeliveryAddress: { SimpleAddress: `${"x".repeat(330)}@example.com` },
      },
      who,
    );
    assert.equal(email.value, `"x${"*".repeat(39)}...${"*".repeat(25)}@example.com"`);
    const [phone] = validateRequest(
      api("ssm-contacts:CreateContactChannel"),
      {
        ContactId: contact("taro"),
        Name: "+819012345678",
        Type: "SMS",
        DeliveryAddress: { SimpleAddress: "+819012345678" },
      },
      who,
    );
    assert.deepEqual([phone.path, phone.value], ["Name", '"+81******678"']);
  });

  it("regions: the resource's region, else its provider's, and the replication set's regions", () => {
    assert.equal(INCIDENT_MANAGER_REGIONS.length, 16);
    assert.ok(!INCIDENT_MANAGER_REGIONS.includes("ap-northeast-3"));
    const plan = { name: "p", incidentTemplate: { title: "t", impact: 1 } };
    const classic = "aws:ssmincidents/responsePlan:ResponsePlan";
    assert.deepEqual(
      validateResource(
        classic,
        "p",
        { ...plan, region: "ap-northeast-1" },
        { providerRegion: "ap-northeast-3" },
      ),
      [],
    );
    assert.deepEqual(
      validateResource(classic, "p", plan, { providerRegion: "ap-northeast-3" })!.map((v) => [
        v.target,
        v.path,
        v.rule,
        v.value,
      ]),
      [["ssm-incidents endpoint", "region", "region", '"ap-northeast-3"']],
    );
    assert.deepEqual(
      validateResource(
        "aws:ssmincidents/replicationSet:ReplicationSet",
        "rs",
        {
          regions: [{ name: "ap-northeast-1" }, { name: "ap-northeast-3" }],
        },
        { providerRegion: "ap-northeast-1" },
      )!.map((v) => [v.path, v.rule]),
      [['regions["ap-northeast-3"] (key)', "region"]],
    );
    // Not an SSM Contacts or SSM Incidents resource: no region rule.
    assert.deepEqual(
      validateResource(
        "aws:iam/role:Role",
        "r",
        { name: "r", assumeRolePolicy: "{}" },
        { providerRegion: "ap-northeast-3" },
      ),
      [],
    );
  });

  it("IAM role names: the provider's auto-name of a long component name overflows 64 characters", () => {
    // `<component>-runbook` plus the provider's `-` and 7 random characters: 49 + 8 + 8 = 65.
    const name = `${"a".repeat(49)}-runbook`;
    const violations = validateResource("aws:iam/role:Role", name, { assumeRolePolicy: "{}" })!;
    assert.deepEqual(
      violations.map((v) => [v.path, v.rule, v.message]),
      [["RoleName", "max", "must be at most 64 characters long (got 65)"]],
    );
    assert.deepEqual(
      validateResource("aws:iam/role:Role", name.slice(1), { assumeRolePolicy: "{}" }),
      [],
    );
  });

  it("skips values still unknown, and reads that throw, instead of failing them", () => {
    const throwing = new Proxy({ Alias: "taro", Type: "PERSONAL" } as Record<string, unknown>, {
      get(target, key) {
        if (key === "Plan") throw new Error("unknown during preview");
        return target[key as string];
      },
      ownKeys: () => ["Alias", "Type", "Plan"],
      getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }),
    });
    assert.deepEqual(validateRequest(api("ssm-contacts:CreateContact"), throwing, who), []);
    assert.deepEqual(
      validateResource("aws:ssmcontacts/contact:Contact", "c", {
        alias: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
        type: "PERSONAL",
      }),
      [],
    );
  });
});
