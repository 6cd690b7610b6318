/**
 * One on-call scenario written three ways: with the components, with raw `@pulumi/aws`
 * resources, and with raw `@pulumi/aws-native` resources. taro and hanako share a Tokyo rotation
 * (08:00-20:00 Asia/Tokyo every day), jiro a London one (11:00-`londonEnd` Europe/London every
 * day); kenji is reached directly. The escalation `payments-escalation` engages the schedule for
 * 5 minutes, then kenji. Three response plans engage the schedule, the escalation and kenji.
 */
import type * as awsTypes from "@pulumi/aws";
import type * as nativeTypes from "@pulumi/aws-native";
import type { OnCallTeamArgs } from "../../../components/onCallTeam";

export const DAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const;

/** Monday 2 November 2026 00:00 UTC; London keeps GMT (UTC+0) that week, Tokyo is UTC+9. */
export const FROM = new Date("2026-11-02T00:00:00Z");
/** Tuesday 3 November 2026, 10:00 in Tokyo: taro's week on the Tokyo rotation. */
export const AT = new Date("2026-11-03T01:00:00Z");

type Components = {
  team: typeof import("../../../components/onCallTeam");
  chain: typeof import("../../../components/escalationChain");
  plan: typeof import("../../../components/responsePlanWithAlarms");
};

const MEMBERS = [
  ["taro", "VOICE", "+819012340001"],
  ["hanako", "SMS", "+819012340002"],
  ["jiro", "EMAIL", "jiro@example.com"],
  ["kenji", "EMAIL", "kenji@example.com"],
] as const;

/** The stage an OnCallTeam gives a member with one channel: 5 minutes and 5-minute retries for SMS and VOICE, 0 for EMAIL. */
const engagementOf = (type: string) => (type === "EMAIL" ? 0 : 5);

/** The scenario with OnCallTeam, EscalationChain and ResponsePlanWithAlarms. */
export function withComponents(m: Components, londonEnd: string) {
  const team = new m.team.OnCallTeam("sre", {
    members: MEMBERS.map(([alias, type, address]) => ({
      alias,
      displayName: alias,
      channels: [{ type, address }],
    })),
    rotations: [
      {
        name: "tokyo",
        members: ["taro", "hanako"],
        startTime: "2026-11-02T08:00:00",
        timeZone: "Asia/Tokyo",
        recurrence: {
          weekly: [{ dayOfWeek: "MON", handOffTime: "08:00" }],
          coverage: Object.fromEntries(DAYS.map((d) => [d, [{ start: "08:00", end: "20:00" }]])),
        },
      },
      {
        name: "london",
        members: ["jiro"],
        startTime: "2026-11-02T11:00:00",
        timeZone: "Europe/London",
        recurrence: {
          daily: ["11:00"],
          coverage: Object.fromEntries(DAYS.map((d) => [d, [{ start: "11:00", end: londonEnd }]])),
        },
      },
    ],
  } as OnCallTeamArgs);
  const chain = new m.chain.EscalationChain("payments", {
    alias: "payments-escalation",
    displayName: "Payments",
    stages: [
      { durationInMinutes: 5, targets: [{ target: team.schedule! }] },
      { durationInMinutes: 0, targets: [{ target: team.member("kenji") }] },
    ],
  });
  const incident = { title: "Payments down", impact: 2 } as const;
  new m.plan.ResponsePlanWithAlarms("direct-schedule", {
    incident,
    engagements: [team.schedule!],
  });
  new m.plan.ResponsePlanWithAlarms("via-escalation", { incident, engagements: [chain] });
  new m.plan.ResponsePlanWithAlarms("direct-personal", {
    incident,
    engagements: [team.member("kenji")],
  });
  return { team, chain };
}

/** `HH:MM` as the API's `{hourOfDay, minuteOfHour}`. */
const hm = (time: string) => ({
  hourOfDay: Number(time.slice(0, 2)),
  minuteOfHour: Number(time.slice(3, 5)),
});

/**
 * The scenario with classic `@pulumi/aws` resources. @pulumi/aws 7.48's Contact has no rotation
 * ids, so the on-call schedule is an aws-native Contact here too, as OnCallTeam makes it.
 */
export function withClassic(aws: typeof awsTypes, native: typeof nativeTypes, londonEnd: string) {
  const contacts = Object.fromEntries(
    MEMBERS.map(([alias, type, address]) => {
      const contact = new aws.ssmcontacts.Contact(`sre-${alias}`, {
        alias,
        displayName: alias,
        type: "PERSONAL",
      });
      const name = type.toLowerCase();
      const channel = new aws.ssmcontacts.ContactChannel(`sre-${alias}-${name}`, {
        contactId: contact.arn,
        name,
        type,
        deliveryAddress: { simpleAddress: address },
      });
      new aws.ssmcontacts.Plan(`sre-${alias}-plan`, {
        contactId: contact.arn,
        stages: [
          {
            durationInMinutes: engagementOf(type),
            targets: [
              {
                channelTargetInfo: {
                  contactChannelId: channel.arn,
                  retryIntervalInMinutes: engagementOf(type),
                },
              },
            ],
          },
        ],
      });
      return [alias, contact];
    }),
  );
  const tokyo = new aws.ssm.ContactsRotation("sre-tokyo", {
    name: "tokyo",
    contactIds: [contacts.taro.arn, contacts.hanako.arn],
    // The API's StartTime is an instant (ssm-contacts CreateRotation, botocore 1.43).
    startTime: "2026-11-02T08:00:00+09:00",
    timeZoneId: "Asia/Tokyo",
    recurrence: {
      numberOfOnCalls: 1,
      recurrenceMultiplier: 1,
      weeklySettings: [{ dayOfWeek: "MON", handOffTime: hm("08:00") }],
      shiftCoverages: DAYS.map((d) => ({
        mapBlockKey: d,
        coverageTimes: [{ start: hm("08:00"), end: hm("20:00") }],
      })),
    },
  });
  const london = new aws.ssm.ContactsRotation("sre-london", {
    name: "london",
    contactIds: [contacts.jiro.arn],
    startTime: "2026-11-02T11:00:00Z",
    timeZoneId: "Europe/London",
    recurrence: {
      numberOfOnCalls: 1,
      recurrenceMultiplier: 1,
      dailySettings: [hm("11:00")],
      shiftCoverages: DAYS.map((d) => ({
        mapBlockKey: d,
        coverageTimes: [{ start: hm("11:00"), end: hm(londonEnd) }],
      })),
    },
  });
  const schedule = new native.ssmcontacts.Contact("sre-schedule", {
    alias: "sre-oncall",
    displayName: "sre on-call schedule",
    type: "ONCALL_SCHEDULE",
    plan: [{ rotationIds: [tokyo.arn, london.arn] }],
  });
  const escalation = new aws.ssmcontacts.Contact("payments-contact", {
    alias: "payments-escalation",
    displayName: "Payments",
    type: "ESCALATION",
  });
  new aws.ssmcontacts.Plan("payments-plan", {
    contactId: escalation.arn,
    stages: [
      {
        durationInMinutes: 5,
        targets: [{ contactTargetInfo: { contactId: schedule.arn, isEssential: true } }],
      },
      {
        durationInMinutes: 0,
        targets: [{ contactTargetInfo: { contactId: contacts.kenji.arn, isEssential: true } }],
      },
    ],
  });
  const incidentTemplate = { title: "Payments down", impact: 2 };
  for (const [name, arn] of [
    ["direct-schedule", schedule.arn],
    ["via-escalation", escalation.arn],
    ["direct-personal", contacts.kenji.arn],
  ] as const) {
    new aws.ssmincidents.ResponsePlan(`${name}-response-plan`, {
      name,
      incidentTemplate,
      engagements: [arn],
    });
  }
}

/** The scenario with `@pulumi/aws-native` resources only. */
export function withNative(native: typeof nativeTypes, londonEnd: string) {
  const contacts = Object.fromEntries(
    MEMBERS.map(([alias, type, address]) => {
      const contact = new native.ssmcontacts.Contact(`sre-${alias}`, {
        alias,
        displayName: alias,
        type: "PERSONAL",
      });
      const name = type.toLowerCase();
      const channel = new native.ssmcontacts.ContactChannel(`sre-${alias}-${name}`, {
        contactId: contact.arn,
        channelName: name,
        channelType: type,
        channelAddress: address,
      });
      new native.ssmcontacts.Plan(`sre-${alias}-plan`, {
        contactId: contact.arn,
        stages: [
          {
            durationInMinutes: engagementOf(type),
            targets: [
              {
                channelTargetInfo: {
                  channelId: channel.arn,
                  retryIntervalInMinutes: engagementOf(type),
                },
              },
            ],
          },
        ],
      });
      return [alias, contact];
    }),
  );
  const coverage = (start: string, end: string) =>
    DAYS.map((dayOfWeek) => ({ dayOfWeek, coverageTimes: [{ startTime: start, endTime: end }] }));
  // AWS::SSMContacts::Rotation StartTime is local to TimeZoneId (cfn-lint 1.51's schema).
  const tokyo = new native.ssmcontacts.Rotation("sre-tokyo", {
    name: "tokyo",
    contactIds: [contacts.taro.arn, contacts.hanako.arn],
    startTime: "2026-11-02T08:00:00",
    timeZoneId: "Asia/Tokyo",
    recurrence: {
      numberOfOnCalls: 1,
      recurrenceMultiplier: 1,
      weeklySettings: [{ dayOfWeek: "MON", handOffTime: "08:00" }],
      shiftCoverages: coverage("08:00", "20:00"),
    },
  });
  const london = new native.ssmcontacts.Rotation("sre-london", {
    name: "london",
    contactIds: [contacts.jiro.arn],
    startTime: "2026-11-02T11:00:00",
    timeZoneId: "Europe/London",
    recurrence: {
      numberOfOnCalls: 1,
      recurrenceMultiplier: 1,
      dailySettings: ["11:00"],
      shiftCoverages: coverage("11:00", londonEnd),
    },
  });
  const schedule = new native.ssmcontacts.Contact("sre-schedule", {
    alias: "sre-oncall",
    displayName: "sre on-call schedule",
    type: "ONCALL_SCHEDULE",
    plan: [{ rotationIds: [tokyo.arn, london.arn] }],
  });
  const escalation = new native.ssmcontacts.Contact("payments-contact", {
    alias: "payments-escalation",
    displayName: "Payments",
    type: "ESCALATION",
    plan: [
      {
        durationInMinutes: 5,
        targets: [{ contactTargetInfo: { contactId: schedule.arn, isEssential: true } }],
      },
      {
        durationInMinutes: 0,
        targets: [{ contactTargetInfo: { contactId: contacts.kenji.arn, isEssential: true } }],
      },
    ],
  });
  const incidentTemplate = { title: "Payments down", impact: 2 };
  for (const [name, arn] of [
    ["direct-schedule", schedule.arn],
    ["via-escalation", escalation.arn],
    ["direct-personal", contacts.kenji.arn],
  ] as const) {
    new native.ssmincidents.ResponsePlan(`${name}-response-plan`, {
      name,
      incidentTemplate,
      engagements: [arn],
    });
  }
}
