import { strict as assert } from "assert";
import * as fs from "fs";
import ICAL from "ical.js";
import * as os from "os";
import * as path from "path";
import {
  escapeText,
  foldLine,
  nameBasedUid,
  onCallCalendars,
  uuidV5,
  writeOnCallCalendars,
  type CalendarSchedule,
  type OnCallCalendar,
} from "../../components/calendar";
import {
  coverage,
  rotationShifts,
  unsettledReadings,
  type RotationDefinition,
} from "../../components/coverage";
import { Capture, installCapture, reset, settle } from "../../testing";

const MINUTE = 60_000;
/** A fixed DTSTAMP, so the text does not depend on when the test runs. */
const STAMP = "2026-02-01T12:00:00Z";

/** London hands off every day at 09:00 local; New York every Monday, covering weekdays 08-18. */
const london: RotationDefinition = {
  name: "london",
  members: ["amy", "ben", "cal"],
  startTime: "2026-02-23T09:00:00",
  timeZone: "Europe/London",
  recurrence: { daily: ["09:00"] },
};
const newYork: RotationDefinition = {
  name: "new_york",
  members: ["dan", "eve"],
  startTime: "2026-02-23T08:00:00",
  timeZone: "America/New_York",
  recurrence: {
    weekly: [{ dayOfWeek: "MON", handOffTime: "08:00" }],
    coverage: Object.fromEntries(
      ["MON", "TUE", "WED", "THU", "FRI"].map((d) => [d, [{ start: "08:00", end: "18:00" }]]),
    ),
  },
};
const sre: CalendarSchedule = {
  team: "sre",
  schedule: "sre-oncall",
  rotations: [london, newYork],
  displayNames: { amy: "Amy Adams", ben: "Ben", cal: "Cal", dan: "Dan", eve: "Eve" },
};
/** Five weeks over both daylight-saving changes: New York on 2026-03-08, London on 2026-03-29. */
const WINDOW = { from: "2026-03-02T00:00Z", days: 35 };

interface ParsedEvent {
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  readonly startIsUtc: boolean;
  readonly summary: string;
  readonly description: string;
  readonly categories: string[];
  readonly rotation: string;
  readonly schedule: string;
  readonly team: string;
  readonly onCall: string[];
  readonly unsettled: string[];
  readonly stamp: number;
}

/** Reads a calendar back with Mozilla's ical.js, which shares no code with the writer. */
function parse(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    const prop = (name: string) => String(vevent.getFirstPropertyValue(name));
    return {
      uid: event.uid,
      start: event.startDate.toJSDate().getTime(),
      end: event.endDate.toJSDate().getTime(),
      startIsUtc: event.startDate.zone === ICAL.Timezone.utcTimezone,
      summary: event.summary,
      description: event.description,
      categories: vevent.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
      rotation: prop("x-incident-manager-rotation"),
      schedule: prop("x-incident-manager-schedule"),
      team: prop("x-incident-manager-team"),
      onCall: prop("x-incident-manager-on-call").split(","),
      unsettled: vevent
        .getAllProperties("x-incident-manager-unsettled")
        .map((p) => String(p.getFirstValue())),
      stamp: (vevent.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().getTime(),
    };
  });
  return { calendar, events };
}

/** Every on-call minute as `rotation|alias|minute`, from coverage(). */
function coverageMinutes(rotations: readonly RotationDefinition[], window: typeof WINDOW) {
  const out = new Set<string>();
  for (const interval of coverage(rotations, window).intervals) {
    for (let t = Date.parse(interval.start); t < Date.parse(interval.end); t += MINUTE) {
      for (const [rotation, members] of Object.entries(interval.rotations)) {
        for (const alias of members) out.add(`${rotation}|${alias}|${t}`);
      }
    }
  }
  return out;
}

/** Every on-call minute the events show, failing on a minute shown twice. */
function eventMinutes(events: readonly ParsedEvent[], only?: string) {
  const out = new Set<string>();
  for (const e of events) {
    for (let t = e.start; t < e.end; t += MINUTE) {
      for (const alias of only === undefined ? e.onCall : [only]) {
        const key = `${e.rotation}|${alias}|${t}`;
        assert.ok(!out.has(key), `minute ${key} is in two events`);
        out.add(key);
      }
    }
  }
  return out;
}

const byFile = (calendars: readonly OnCallCalendar[]) =>
  Object.fromEntries(calendars.map((c) => [c.fileName, c]));
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + "Z";

describe("onCallCalendars", () => {
  const calendars = onCallCalendars([sre], WINDOW, { stamp: STAMP });
  const files = byFile(calendars);

  it("writes one calendar per schedule, then one per person of its rotations", () => {
    assert.deepEqual(
      calendars.map((c) => [c.kind, c.alias, c.fileName, c.name]),
      [
        [
          "schedule",
          "sre-oncall",
          "schedule-sre-oncall.ics",
          "sre-oncall on-call schedule (team sre)",
        ],
        ["person", "amy", "person-amy.ics", "Amy Adams (amy) on call"],
        ["person", "ben", "person-ben.ics", "Ben (ben) on call"],
        ["person", "cal", "person-cal.ics", "Cal (cal) on call"],
        ["person", "dan", "person-dan.ics", "Dan (dan) on call"],
        ["person", "eve", "person-eve.ics", "Eve (eve) on call"],
      ],
    );
    const { calendar } = parse(files["schedule-sre-oncall.ics"].text);
    assert.equal(calendar.getFirstPropertyValue("version"), "2.0");
    assert.equal(
      calendar.getFirstPropertyValue("prodid"),
      "-//pulumi-aws-incident-manager//On-call calendars//EN",
    );
    assert.equal(calendar.getFirstPropertyValue("method"), "PUBLISH");
    assert.equal(
      calendar.getFirstPropertyValue("x-wr-calname"),
      "sre-oncall on-call schedule (team sre)",
    );
  });

  it("the schedule's calendar shows, minute for minute over both DST changes, what coverage() reports", () => {
    const { events } = parse(files["schedule-sre-oncall.ics"].text);
    assert.ok(events.every((e) => e.startIsUtc));
    const shown = eventMinutes(events);
    const expected = coverageMinutes(sre.rotations, WINDOW);
    assert.equal(shown.size, expected.size);
    assert.deepEqual(
      [...shown].filter((k) => !expected.has(k)),
      [],
    );
    // London: the shift running at the start, then 35 daily hand-offs; New York: 25 weekdays.
    assert.equal(events.filter((e) => e.rotation === "london").length, 36);
    assert.equal(events.filter((e) => e.rotation === "new_york").length, 25);
    assert.ok(events.every((e) => e.team === "sre" && e.schedule === "sre-oncall"));
  });

  it("each person's calendar shows exactly their minutes", () => {
    const expected = coverageMinutes(sre.rotations, WINDOW);
    for (const alias of ["amy", "ben", "cal", "dan", "eve"]) {
      const { events } = parse(files[`person-${alias}.ics`].text);
      const shown = eventMinutes(events, alias);
      const theirs = [...expected].filter((k) => k.split("|")[1] === alias);
      assert.equal(shown.size, theirs.length, alias);
      assert.deepEqual(
        theirs.filter((k) => !shown.has(k)),
        [],
        alias,
      );
      assert.ok(events.every((e) => e.onCall.includes(alias)));
    }
  });

  it("hand-offs keep their local time across the daylight-saving changes", () => {
    const { events } = parse(files["schedule-sre-oncall.ics"].text);
    const at = (rotation: string, start: string) =>
      events.find((e) => e.rotation === rotation && iso(e.start) === start);
    // London: 09:00 GMT on Friday 27 March, 09:00 BST (08:00 UTC) from Monday 30 March.
    assert.equal(iso(at("london", "2026-03-27T09:00Z")!.end), "2026-03-28T09:00Z");
    assert.equal(iso(at("london", "2026-03-28T09:00Z")!.end), "2026-03-29T08:00Z");
    assert.equal(at("london", "2026-03-28T09:00Z")!.summary, "Amy Adams on call (london)");
    // New York: 08:00-18:00 EST is 13:00-23:00 UTC; EDT from 8 March, 12:00-22:00 UTC.
    assert.equal(iso(at("new_york", "2026-03-06T13:00Z")!.end), "2026-03-06T23:00Z");
    assert.equal(iso(at("new_york", "2026-03-09T12:00Z")!.end), "2026-03-09T22:00Z");
    assert.deepEqual(at("new_york", "2026-03-06T13:00Z")!.onCall, ["eve"]);
    assert.deepEqual(at("new_york", "2026-03-09T12:00Z")!.onCall, ["dan"]);
    assert.equal(at("new_york", "2026-03-09T12:00Z")!.summary, "Dan on call (new_york)");
  });

  it("each event names its rotation, team and schedule, and who else is on call", () => {
    const { events } = parse(files["person-eve.ics"].text);
    const first = events[0];
    assert.equal(iso(first.start), "2026-03-02T13:00Z");
    assert.equal(first.summary, "On call: new_york (sre-oncall)");
    assert.equal(
      first.description,
      [
        "Eve (eve) on call in rotation new_york of on-call schedule sre-oncall (team sre).",
        "Shift starting 2026-03-02T13:00Z; hand-offs follow the rotation's time zone, America/New_York.",
      ].join("\n"),
    );
    assert.deepEqual(first.categories, ["On call"]);
    assert.deepEqual(first.unsettled, []);
  });

  it("UIDs come from the schedule, rotation, person and shift start: a later export updates the same events", () => {
    const later = byFile(
      onCallCalendars(
        [sre],
        { from: "2026-03-10T05:17Z", days: 10 },
        { stamp: "2026-03-10T05:17:00Z" },
      ),
    );
    for (const file of ["schedule-sre-oncall.ics", "person-amy.ics", "person-dan.ics"]) {
      const before = parse(files[file].text).events;
      const after = parse(later[file].text).events;
      assert.ok(after.length > 0);
      assert.equal(new Set(before.map((e) => e.uid)).size, before.length, `${file}: unique UIDs`);
      for (const e of after) {
        // The same shift, found by when its minutes are on call.
        const same = before.filter(
          (b) => b.rotation === e.rotation && b.start <= e.start && e.end <= b.end,
        );
        assert.equal(same.length, 1, `${file} ${iso(e.start)}`);
        assert.equal(e.uid, same[0].uid, `${file} ${iso(e.start)}`);
        assert.equal(e.stamp, Date.parse("2026-03-10T05:17:00Z"));
      }
      assert.ok(before.every((e) => e.stamp === Date.parse(STAMP)));
    }
    // The London shift running when the later window opens is cut to it, and keeps its UID.
    const cut = parse(later["schedule-sre-oncall.ics"].text).events.find(
      (e) => e.rotation === "london",
    )!;
    assert.equal(iso(cut.start), "2026-03-10T05:17Z");
    assert.equal(cut.uid, nameBasedUid("schedule/sre-oncall/london/2026-03-09T09:00Z"));
    assert.match(
      cut.description,
      /Shown from 2026-03-10T05:17Z, where this calendar's window starts\./,
    );
  });

  it("a person in a rotation without a shift in the window still gets an empty calendar", () => {
    // A Saturday: New York covers weekdays only.
    const quiet = byFile(
      onCallCalendars([sre], { from: "2026-03-07T00:00Z", days: 1 }, { stamp: STAMP }),
    );
    for (const file of ["person-dan.ics", "person-eve.ics"]) {
      assert.deepEqual(quiet[file].events, []);
      assert.deepEqual(parse(quiet[file].text).events, []);
    }
    assert.equal(parse(quiet["person-cal.ics"].text).events.length, 1);
  });

  it("marks every shift of a rotation that depends on a reading AWS's text does not settle", () => {
    const pairs: RotationDefinition = {
      name: "pairs",
      members: ["amy", "ben", "cal", "dan"],
      startTime: "2026-03-02T09:00:00",
      timeZone: "Europe/London",
      recurrence: { daily: ["09:00"], numberOfOnCalls: 2 },
    };
    const readings = unsettledReadings(pairs);
    assert.deepEqual(readings, ["2 on call at once: the next 2 members, wrapping"]);
    const marked = onCallCalendars(
      [{ team: "sre", schedule: "sre-oncall", rotations: [pairs, london] }],
      { from: "2026-03-02T09:00Z", days: 2 },
      { stamp: STAMP },
    );
    const { events } = parse(byFile(marked)["schedule-sre-oncall.ics"].text);
    const ofPairs = events.filter((e) => e.rotation === "pairs");
    assert.equal(ofPairs.length, 2);
    assert.deepEqual(ofPairs[0].onCall, ["amy", "ben"]);
    assert.deepEqual(ofPairs[1].onCall, ["cal", "dan"]);
    for (const e of ofPairs) {
      assert.deepEqual(e.categories, ["On call", "Unsettled reading"]);
      assert.deepEqual(e.unsettled, readings);
      assert.ok(
        e.description.includes(
          "Depends on a reading AWS's documentation does not settle (check it in the Incident Manager console): 2 on call at once: the next 2 members, wrapping.",
        ),
      );
    }
    for (const e of events.filter((x) => x.rotation === "london")) {
      assert.deepEqual(e.categories, ["On call"]);
      assert.deepEqual(e.unsettled, []);
    }
    const amy = parse(byFile(marked)["person-amy.ics"].text).events;
    const paired = amy.find((e) => e.rotation === "pairs")!;
    assert.match(paired.description, /\nWith: ben\.\n/);
    assert.deepEqual(paired.categories, ["On call", "Unsettled reading"]);
  });

  it("folds lines at 75 octets without splitting a character, escapes text, and parses back exactly", () => {
    const name = "山田 太郎 Yamada Tarō the Second of the Northern On-call Rotation";
    const team = 'platform, "core"; ops\\infra';
    const cals = onCallCalendars(
      [{ team, schedule: "core", rotations: [london], displayNames: { amy: name } }],
      { from: "2026-03-02T00:00Z", days: 1 },
      { stamp: STAMP },
    );
    for (const c of cals) {
      assert.ok(c.text.endsWith("\r\n"));
      const lines = c.text.slice(0, -2).split("\r\n");
      assert.ok(lines.every((l) => !l.includes("\n") && !l.includes("\r")));
      for (const line of lines) {
        assert.ok(Buffer.byteLength(line, "utf8") <= 75, `${Buffer.byteLength(line)}: ${line}`);
      }
      if (c.events.length > 0)
        assert.ok(
          lines.some((l) => l.startsWith(" ")),
          c.fileName,
        );
    }
    const amy = parse(byFile(cals)["person-amy.ics"].text);
    assert.equal(amy.calendar.getFirstPropertyValue("x-wr-calname"), `${name} (amy) on call`);
    assert.equal(amy.events[0].team, team);
    assert.equal(
      amy.events[0].description.split("\n")[0],
      `${name} (amy) on call in rotation london of on-call schedule core (team ${team}).`,
    );
  });

  it("writes each calendar to its file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ics-"));
    const written = writeOnCallCalendars(path.join(dir, "calendars"), calendars);
    assert.deepEqual(
      written.map((f) => path.relative(dir, f)),
      calendars.map((c) => path.join("calendars", c.fileName)),
    );
    assert.equal(fs.readFileSync(written[0], "utf8"), calendars[0].text);
  });

  it("refuses bad input with one ValidationError naming every broken rule", () => {
    assert.throws(
      () =>
        onCallCalendars(
          [
            sre,
            {
              team: "ops",
              schedule: "Ops On-call",
              rotations: [{ ...london, members: ["../amy"], timeZone: "JST" }],
            },
            { ...sre, displayNames: undefined },
          ],
          { from: "2026-03-02T00:00Z", days: 0 },
        ),
      (err: Error) => {
        assert.equal(err.name, "ValidationError");
        assert.equal(
          err.message,
          [
            "onCallCalendars 'calendars' has 5 invalid inputs:",
            '  - `schedules[1].schedule` must use only lower-case letters, digits, "_" and "-" (ssm-contacts CreateContact Alias: ^[a-z0-9_\\-]*$); got "Ops On-call". Changing an alias later replaces the contact, so pick it with care.',
            '  - `schedules[1].rotations[0].timeZone` must be an IANA time zone id such as Asia/Tokyo or America/Los_Angeles; got "JST". Abbreviations such as JST or PST are not time zones: write the Region/City id.',
            "  - `window.days` must be more than 0 and at most 366 days (the coverage engine's longest window); got 0.",
          ].join("\n") +
            err.message.slice(err.message.indexOf("\n  - `schedules[1].rotations[0].members")),
        );
        assert.match(
          err.message,
          /\n {2}- `schedules\[1\]\.rotations\[0\]\.members\[0\]` must use only lower-case letters.*got "\.\.\/amy"/,
        );
        assert.match(
          err.message,
          /\n {2}- `schedules\[2\]\.schedule` names the schedule "sre-oncall" again, like `schedules\[0\]\.schedule`: its calendar would be written twice\. List each schedule once\.$/,
        );
        return true;
      },
    );
  });

  it("refuses a window with both days and to, or one that ends first", () => {
    assert.throws(
      () => onCallCalendars([sre], { from: "2026-03-02T00:00Z", days: 2, to: "2026-03-03T00:00Z" }),
      {
        name: "ValidationError",
        message:
          "onCallCalendars 'calendars': `window` takes `days` or `to`, not both; got days 2 and to \"2026-03-03T00:00Z\". Keep one.",
      },
    );
    assert.throws(
      () => onCallCalendars([sre], { from: "2026-03-02T00:00Z", to: "2026-03-01T00:00Z" }),
      {
        name: "ValidationError",
        message:
          "onCallCalendars 'calendars': `window.to` must be after `window.from`; got \"2026-03-01T00:00Z\". Give a later end.",
      },
    );
    assert.throws(() => onCallCalendars([sre], { from: "soon" }), {
      name: "ValidationError",
      message:
        "onCallCalendars 'calendars': `window.from` must be a time, a Date or ISO 8601 with an offset such as 2026-03-02T00:00Z; got \"soon\".",
    });
  });
});

describe("onCallCalendars of an OnCallTeam", () => {
  let capture: Capture;
  before(async () => {
    capture = await installCapture();
  });
  beforeEach(() => reset(capture));

  it("reads the team's schedule, rotations and display names, and carries no address", async () => {
    const { OnCallTeam } = await import("../../components/onCallTeam");
    const withRotations = new OnCallTeam("sre", {
      defaultCountry: "JP",
      members: [
        {
          alias: "taro",
          displayName: "Taro Yamada",
          channels: [
            { type: "VOICE", address: "090-1234-5678" },
            { type: "EMAIL", address: "taro@example.com" },
          ],
        },
        {
          alias: "hanako",
          displayName: "Hanako Sato",
          channels: [{ type: "SMS", address: "+81-80-9876-5432" }],
        },
      ],
      rotations: [
        {
          name: "primary",
          members: ["taro", "hanako"],
          startTime: "2026-04-06T09:00:00",
          timeZone: "Asia/Tokyo",
          recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
        },
      ],
    });
    const without = new OnCallTeam("leads", {
      members: [
        {
          alias: "saburo",
          displayName: "Saburo",
          channels: [{ type: "EMAIL", address: "s@example.com" }],
        },
      ],
    });
    await settle();
    const cals = onCallCalendars(
      [without, withRotations],
      { from: "2026-04-06T00:00Z", days: 14 },
      { stamp: STAMP },
    );
    assert.deepEqual(
      cals.map((c) => c.fileName),
      ["schedule-sre-oncall.ics", "person-taro.ics", "person-hanako.ics"],
    );
    const { events } = parse(cals[0].text);
    assert.deepEqual(
      events.map((e) => [iso(e.start), iso(e.end), e.summary]),
      [
        ["2026-04-06T00:00Z", "2026-04-13T00:00Z", "Taro Yamada on call (primary)"],
        ["2026-04-13T00:00Z", "2026-04-20T00:00Z", "Hanako Sato on call (primary)"],
      ],
    );
    assert.equal(events[0].team, "sre");
    const everything = cals.map((c) => c.text).join("");
    for (const personal of ["1234", "5678", "9876", "5432", "@example.com", "+81"]) {
      assert.ok(!everything.includes(personal), personal);
    }
  });
});

describe("iCalendar text", () => {
  it("escapes backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11)", () => {
    assert.equal(escapeText("a\\b;c,d\ne\r\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
  });

  it("folds at 75 octets, continuation lines starting with a space", () => {
    const line = `DESCRIPTION:${"x".repeat(150)}`;
    const folded = foldLine(line).split("\r\n");
    assert.deepEqual(
      folded.map((l) => l.length),
      [75, 75, 14],
    );
    assert.ok(folded.slice(1).every((l) => l.startsWith(" ")));
    assert.equal(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join(""), line);
    // A three-octet character that would cross octet 75 moves to the next line whole.
    const wide = foldLine(`${"x".repeat(74)}語`).split("\r\n");
    assert.deepEqual(wide, ["x".repeat(74), " 語"]);
  });

  it("makes version-5 UUIDs as RFC 9562 does", () => {
    // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
    assert.equal(
      uuidV5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com"),
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });
});

describe("rotationShifts", () => {
  it("keeps a hand-off to the same person apart, with the start each shift has whatever the window", () => {
    const solo: RotationDefinition = {
      name: "solo",
      members: ["amy"],
      startTime: "2026-03-27T09:00:00",
      timeZone: "Europe/London",
      recurrence: { daily: ["09:00"] },
    };
    assert.deepEqual(
      rotationShifts(solo, { from: "2026-03-28T12:00Z", days: 2 }).map((s) => [
        s.start,
        s.end,
        s.since,
        s.shiftStart,
        ...s.members,
      ]),
      [
        ["2026-03-28T12:00Z", "2026-03-29T08:00Z", "2026-03-28T09:00Z", "2026-03-28T09:00Z", "amy"],
        ["2026-03-29T08:00Z", "2026-03-30T08:00Z", "2026-03-29T08:00Z", "2026-03-29T08:00Z", "amy"],
        ["2026-03-30T08:00Z", "2026-03-30T12:00Z", "2026-03-30T08:00Z", "2026-03-30T08:00Z", "amy"],
      ],
    );
    // coverage() merges them: the same person throughout.
    assert.deepEqual(
      coverage([solo], { from: "2026-03-28T12:00Z", days: 2 }).intervals.map((i) => [
        i.start,
        i.end,
      ]),
      [["2026-03-28T12:00Z", "2026-03-30T12:00Z"]],
    );
  });

  it("gives each covered part of a shift its own start, inside the shift", () => {
    const parts = rotationShifts(newYork, { from: "2026-03-03T15:00Z", days: 2 });
    assert.deepEqual(
      parts.map((s) => [s.start, s.end, s.since, s.shiftStart, ...s.members]),
      [
        ["2026-03-03T15:00Z", "2026-03-03T23:00Z", "2026-03-03T13:00Z", "2026-03-02T13:00Z", "eve"],
        ["2026-03-04T13:00Z", "2026-03-04T23:00Z", "2026-03-04T13:00Z", "2026-03-02T13:00Z", "eve"],
        ["2026-03-05T13:00Z", "2026-03-05T15:00Z", "2026-03-05T13:00Z", "2026-03-02T13:00Z", "eve"],
      ],
    );
  });
});
