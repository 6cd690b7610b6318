/**
 * Hand-built resources of both flavours, in the shapes `@pulumi/aws` and `@pulumi/aws-native`
 * send (inputs plus the `arn` a deployment returns). `nativeStack` and `classicStack` each pass
 * every mandatory rule; tests mutate copies of them.
 */
import type { ResourceFixture } from "./harness";

const ACCOUNT = "123456789012";
const REGION = "ap-northeast-1";

export const contactArn = (alias: string) =>
  `arn:aws:ssm-contacts:${REGION}:${ACCOUNT}:contact/${alias}`;
export const channelArn = (alias: string, name: string) =>
  `arn:aws:ssm-contacts:${REGION}:${ACCOUNT}:contact-channel/${alias}/${name}`;
export const rotationArn = (name: string) =>
  `arn:aws:ssm-contacts:${REGION}:${ACCOUNT}:rotation/${name}`;
export const responsePlanArn = (name: string) =>
  `arn:aws:ssm-incidents::${ACCOUNT}:response-plan/${name}`;
export const keyArn = (region: string) => `arn:aws:kms:${region}:${ACCOUNT}:key/${region}-key`;

export const T = {
  classic: {
    replicationSet: "aws:ssmincidents/replicationSet:ReplicationSet",
    responsePlan: "aws:ssmincidents/responsePlan:ResponsePlan",
    contact: "aws:ssmcontacts/contact:Contact",
    contactChannel: "aws:ssmcontacts/contactChannel:ContactChannel",
    plan: "aws:ssmcontacts/plan:Plan",
    rotation: "aws:ssm/contactsRotation:ContactsRotation",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  },
  native: {
    replicationSet: "aws-native:ssmincidents:ReplicationSet",
    responsePlan: "aws-native:ssmincidents:ResponsePlan",
    contact: "aws-native:ssmcontacts:Contact",
    contactChannel: "aws-native:ssmcontacts:ContactChannel",
    plan: "aws-native:ssmcontacts:Plan",
    rotation: "aws-native:ssmcontacts:Rotation",
    alarm: "aws-native:cloudwatch:Alarm",
    eventRule: "aws-native:events:Rule",
    role: "aws-native:iam:Role",
    rolePolicy: "aws-native:iam:RolePolicy",
  },
} as const;

const nativeTags = [{ key: "team", value: "sre" }];
const classicTags = { team: "sre" };

export const trustPolicy = (service: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole" }],
});
export const allowPolicy = (action: string, resource: string) => ({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: action, Resource: resource }],
});

function nativeChannel(
  alias: string,
  name: string,
  channelType: string,
  address: string,
): ResourceFixture {
  return {
    type: T.native.contactChannel,
    name: `${alias}-${name}`,
    props: {
      contactId: contactArn(alias),
      channelName: name,
      channelType,
      channelAddress: address,
      deferActivation: true,
      arn: channelArn(alias, name),
    },
  };
}

function classicChannel(
  alias: string,
  name: string,
  type: string,
  address: string,
): ResourceFixture {
  return {
    type: T.classic.contactChannel,
    name: `${alias}-${name}`,
    props: {
      contactId: contactArn(alias),
      name,
      type,
      deliveryAddress: { simpleAddress: address },
      arn: channelArn(alias, name),
    },
  };
}

/** A native PERSONAL contact with an inline engagement plan over its channels. */
function nativePerson(alias: string, channels: [string, string, string][]): ResourceFixture[] {
  return [
    {
      type: T.native.contact,
      name: alias,
      props: {
        alias,
        displayName: alias,
        type: "PERSONAL",
        plan: channels.map(([name], i) => ({
          durationInMinutes: i === 0 ? 0 : 5,
          targets: [
            {
              channelTargetInfo: { channelId: channelArn(alias, name), retryIntervalInMinutes: 5 },
            },
          ],
        })),
        tags: nativeTags,
        arn: contactArn(alias),
      },
    },
    ...channels.map(([name, type, address]) => nativeChannel(alias, name, type, address)),
  ];
}

/** A classic PERSONAL contact, its channels, and a classic Plan engaging them. */
function classicPerson(alias: string, channels: [string, string, string][]): ResourceFixture[] {
  return [
    {
      type: T.classic.contact,
      name: alias,
      props: {
        alias,
        displayName: alias,
        type: "PERSONAL",
        tags: classicTags,
        arn: contactArn(alias),
      },
    },
    ...channels.map(([name, type, address]) => classicChannel(alias, name, type, address)),
    {
      type: T.classic.plan,
      name: `${alias}-plan`,
      props: {
        contactId: contactArn(alias),
        stages: channels.map(([name], i) => ({
          durationInMinutes: i === 0 ? 0 : 5,
          targets: [
            {
              channelTargetInfo: {
                contactChannelId: channelArn(alias, name),
                retryIntervalInMinutes: 5,
              },
            },
          ],
        })),
      },
    },
  ];
}

/** Every Incident Manager resource, aws-native where it exists. */
export function nativeStack(): ResourceFixture[] {
  return [
    {
      type: T.native.replicationSet,
      name: "replication-set",
      protect: true,
      props: {
        regions: ["ap-northeast-1", "ap-northeast-2"].map((r) => ({
          regionName: r,
          regionConfiguration: { sseKmsKeyId: keyArn(r) },
        })),
        deletionProtected: true,
        tags: nativeTags,
        arn: `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/rs`,
      },
    },
    ...nativePerson("taro", [
      ["email", "EMAIL", "taro@example.com"],
      ["sms", "SMS", "+819012345678"],
    ]),
    ...nativePerson("hanako", [
      ["email", "EMAIL", "hanako@example.com"],
      ["voice", "VOICE", "+81312345678"],
    ]),
    ...nativePerson("sre-list", [["email", "EMAIL", "sre@example.com"]]),
    {
      type: T.native.rotation,
      name: "primary",
      props: {
        name: "primary",
        contactIds: [contactArn("taro"), contactArn("hanako")],
        startTime: "2026-01-05T09:00:00",
        timeZoneId: "Asia/Tokyo",
        recurrence: {
          numberOfOnCalls: 1,
          recurrenceMultiplier: 1,
          weeklySettings: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
        },
        tags: nativeTags,
        arn: rotationArn("primary"),
      },
    },
    {
      type: T.native.contact,
      name: "sre-oncall",
      props: {
        alias: "sre-oncall",
        displayName: "SRE on call",
        type: "ONCALL_SCHEDULE",
        plan: [{ rotationIds: [rotationArn("primary")] }],
        tags: nativeTags,
        arn: contactArn("sre-oncall"),
      },
    },
    {
      type: T.native.contact,
      name: "sre-escalation",
      props: {
        alias: "sre-escalation",
        displayName: "SRE escalation",
        type: "ESCALATION",
        plan: [
          {
            durationInMinutes: 15,
            targets: [
              { contactTargetInfo: { contactId: contactArn("sre-oncall"), isEssential: true } },
            ],
          },
          {
            durationInMinutes: 0,
            targets: [
              { contactTargetInfo: { contactId: contactArn("sre-list"), isEssential: false } },
            ],
          },
        ],
        tags: nativeTags,
        arn: contactArn("sre-escalation"),
      },
    },
    {
      type: T.native.responsePlan,
      name: "sev1",
      props: {
        name: "sev1",
        incidentTemplate: { title: "Service down", impact: 1 },
        engagements: [contactArn("sre-escalation")],
        actions: [
          {
            ssmAutomation: {
              documentName: "Restart",
              roleArn: `arn:aws:iam::${ACCOUNT}:role/runbook`,
            },
          },
        ],
        tags: nativeTags,
        arn: responsePlanArn("sev1"),
      },
    },
    {
      type: T.native.alarm,
      name: "errors",
      props: {
        alarmName: "errors",
        alarmActions: [responsePlanArn("sev1")],
        arn: "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:errors",
      },
    },
    {
      type: T.native.role,
      name: "runbook",
      props: {
        roleName: "runbook",
        assumeRolePolicyDocument: trustPolicy("ssm-incidents.amazonaws.com"),
        policies: [
          {
            policyName: "start-automation",
            policyDocument: allowPolicy(
              "ssm:StartAutomationExecution",
              `arn:aws:ssm:ap-northeast-1:${ACCOUNT}:automation-definition/Restart:$DEFAULT`,
            ),
          },
        ],
        arn: `arn:aws:iam::${ACCOUNT}:role/runbook`,
      },
    },
  ];
}

/** The same with `@pulumi/aws` classic types (no ONCALL_SCHEDULE: classic cannot link rotations). */
export function classicStack(): ResourceFixture[] {
  return [
    {
      type: T.classic.replicationSet,
      name: "replication-set",
      protect: true,
      props: {
        regions: ["ap-northeast-1", "ap-northeast-2"].map((r) => ({
          name: r,
          kmsKeyArn: keyArn(r),
        })),
        tags: classicTags,
        arn: `arn:aws:ssm-incidents::${ACCOUNT}:replication-set/rs`,
      },
    },
    ...classicPerson("taro", [
      ["email", "EMAIL", "taro@example.com"],
      ["sms", "SMS", "+819012345678"],
    ]),
    ...classicPerson("hanako", [
      ["email", "EMAIL", "hanako@example.com"],
      ["voice", "VOICE", "+14155552671"],
    ]),
    ...classicPerson("sre-list", [["email", "EMAIL", "sre@example.com"]]),
    {
      type: T.classic.rotation,
      name: "primary",
      props: {
        name: "primary",
        contactIds: [contactArn("taro"), contactArn("hanako")],
        timeZoneId: "America/Los_Angeles",
        recurrence: {
          numberOfOnCalls: 1,
          recurrenceMultiplier: 1,
          dailySettings: [{ hourOfDay: 9, minuteOfHour: 0 }],
        },
        tags: classicTags,
        arn: rotationArn("primary"),
      },
    },
    {
      type: T.classic.contact,
      name: "sre-escalation",
      props: {
        alias: "sre-escalation",
        type: "ESCALATION",
        tags: classicTags,
        arn: contactArn("sre-escalation"),
      },
    },
    {
      type: T.classic.plan,
      name: "sre-escalation-plan",
      props: {
        contactId: contactArn("sre-escalation"),
        stages: [
          {
            durationInMinutes: 10,
            targets: [{ contactTargetInfo: { contactId: contactArn("taro"), isEssential: true } }],
          },
          {
            durationInMinutes: 0,
            targets: [
              { contactTargetInfo: { contactId: contactArn("sre-list"), isEssential: false } },
            ],
          },
        ],
      },
    },
    {
      type: T.classic.responsePlan,
      name: "sev1",
      props: {
        name: "sev1",
        incidentTemplate: { title: "Service down", impact: 2 },
        engagements: [contactArn("sre-escalation")],
        tags: classicTags,
        arn: responsePlanArn("sev1"),
      },
    },
    {
      type: T.classic.eventTarget,
      name: "sev1-target",
      props: {
        rule: "findings",
        arn: responsePlanArn("sev1"),
        roleArn: `arn:aws:iam::${ACCOUNT}:role/start-incident`,
      },
    },
    {
      type: T.classic.role,
      name: "start-incident",
      props: {
        name: "start-incident",
        assumeRolePolicy: JSON.stringify(trustPolicy("events.amazonaws.com")),
        arn: `arn:aws:iam::${ACCOUNT}:role/start-incident`,
      },
    },
    {
      type: T.classic.rolePolicy,
      name: "start-incident-policy",
      props: {
        role: "start-incident",
        policy: JSON.stringify(allowPolicy("ssm-incidents:StartIncident", responsePlanArn("sev1"))),
      },
    },
  ];
}

/** The fixture called `name` in a stack (throws if missing, so tests fail loudly). */
export function pick(
  stack: readonly ResourceFixture[],
  name: string,
  type?: string,
): ResourceFixture {
  const found = stack.find((f) => f.name === name && (type === undefined || f.type === type));
  if (found === undefined) throw new Error(`no fixture ${name}`);
  return found;
}

/** A deep copy of `stack` with `edit` applied to the props of fixture `name`. */
export function mutate(
  stack: readonly ResourceFixture[],
  name: string,
  edit: (props: Record<string, any>) => void, // eslint-disable-line @typescript-eslint/no-explicit-any
): ResourceFixture[] {
  const copy = structuredClone(stack) as ResourceFixture[];
  edit(pick(copy, name).props);
  return copy;
}
