import { IncidentManagerSetup, OnCallTeam } from "pulumi-aws-incident-manager";

const setup = new IncidentManagerSetup("incident-manager", {
  regions: ["ap-northeast-1", "ap-northeast-2"],
  tags: { team: "sre" },
});

// Tokyo covers 08:00-21:00 Tokyo time, London 12:00-24:00 London time. Tokyo has no daylight
// saving time and London does, so London's shift starts an hour earlier in UTC in summer: the two
// overlap then, and there is no gap in winter or in summer.
const everyDay = (start: string, end: string) =>
  Object.fromEntries(
    (["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"] as const).map((d) => [d, [{ start, end }]]),
  );

const team = new OnCallTeam("sre", {
  setup,
  defaultCountry: "JP",
  members: [
    {
      alias: "aki",
      displayName: "Aki Tanaka",
      channels: [
        { type: "VOICE", address: "090-1234-5678" },
        { type: "SMS", address: "090-1234-5678" },
        { type: "EMAIL", address: "aki@example.com" },
      ],
    },
    {
      alias: "ben",
      displayName: "Ben Ito",
      channels: [
        { type: "SMS", address: "080-9876-5432" },
        { type: "EMAIL", address: "ben@example.com" },
      ],
    },
    {
      alias: "liam",
      displayName: "Liam Clarke",
      channels: [
        { type: "VOICE", address: "+44 7911 123456" },
        { type: "EMAIL", address: "liam@example.com" },
      ],
      // Email first; the phone rings only if nobody has acknowledged within 5 minutes.
      engagement: [
        { channel: "EMAIL", afterMinutes: 0, retryIntervalInMinutes: 0 },
        { channel: "VOICE", afterMinutes: 5, retryIntervalInMinutes: 10 },
      ],
    },
    {
      alias: "mia",
      displayName: "Mia Evans",
      channels: [
        { type: "SMS", address: "+44 7911 123457" },
        { type: "EMAIL", address: "mia@example.com" },
      ],
    },
  ],
  rotations: [
    {
      name: "tokyo",
      members: ["aki", "ben"],
      startTime: "2026-01-05T08:00:00",
      timeZone: "Asia/Tokyo",
      recurrence: {
        weekly: [{ dayOfWeek: "MON", handOffTime: "08:00" }],
        coverage: everyDay("08:00", "21:00"),
      },
    },
    {
      name: "london",
      members: ["liam", "mia"],
      startTime: "2026-01-05T12:00:00",
      timeZone: "Europe/London",
      recurrence: {
        weekly: [{ dayOfWeek: "MON", handOffTime: "12:00" }],
        coverage: everyDay("12:00", "00:00"),
      },
    },
  ],
  tags: { team: "sre" },
});

export const contacts = team.contacts;
export const rotations = team.rotations;
export const scheduleArn = team.scheduleArn;
/** Who is on call on a winter Monday and a summer Monday (UTC). */
export const winter = team.coverage({ from: "2026-01-12T00:00Z", days: 1 });
export const summer = team.coverage({ from: "2026-07-13T00:00Z", days: 1 });
