import { strict as assert } from "assert";
import fc from "fast-check";
import { Settings } from "luxon";
import {
  coverage,
  CoverageTime,
  onCallAt,
  RotationDefinition,
  unsettledReadings,
  Weekday,
  WEEKDAYS,
} from "../../components/coverage";

/** Intervals as [start, end, ...onCall] for compact exact assertions. */
const rows = (report: ReturnType<typeof coverage>) =>
  report.intervals.map((i) => [i.start, i.end, ...i.onCall]);

const businessHours: Partial<Record<Weekday, CoverageTime[]>> = Object.fromEntries(
  (["MON", "TUE", "WED", "THU", "FRI"] as Weekday[]).map((d) => [
    d,
    [{ start: "09:00", end: "18:00" }],
  ]),
);

describe("coverage", () => {
  it("a 24x7 weekly rotation has no gaps and hands off every Monday at 09:00 local", () => {
    const report = coverage(
      [
        {
          name: "primary",
          members: ["aki", "ben", "chie"],
          startTime: "2026-03-02T09:00:00",
          timeZone: "Asia/Tokyo",
          recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
        },
      ],
      { from: "2026-03-02T00:00Z", days: 21 },
    );
    assert.deepEqual(rows(report), [
      ["2026-03-02T00:00Z", "2026-03-09T00:00Z", "aki"],
      ["2026-03-09T00:00Z", "2026-03-16T00:00Z", "ben"],
      ["2026-03-16T00:00Z", "2026-03-23T00:00Z", "chie"],
    ]);
    assert.deepEqual(report.gaps, []);
    assert.equal(report.gapMinutes, 0);
    assert.equal(report.coveredMinutes, 21 * 24 * 60);
    assert.deepEqual(report.intervals[1].rotations, { primary: ["ben"] });
  });

  it("a business-hours rotation leaves exact gaps at night and at the weekend", () => {
    const report = coverage(
      [
        {
          name: "office",
          members: ["aki", "ben"],
          startTime: "2026-03-02T09:00:00",
          timeZone: "Asia/Tokyo",
          recurrence: {
            weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
            coverage: businessHours,
          },
        },
      ],
      // Monday 00:00 in Tokyo for a week.
      { from: "2026-03-01T15:00Z", days: 7 },
    );
    assert.deepEqual(report.gaps, [
      { start: "2026-03-01T15:00Z", end: "2026-03-02T00:00Z" },
      { start: "2026-03-02T09:00Z", end: "2026-03-03T00:00Z" },
      { start: "2026-03-03T09:00Z", end: "2026-03-04T00:00Z" },
      { start: "2026-03-04T09:00Z", end: "2026-03-05T00:00Z" },
      { start: "2026-03-05T09:00Z", end: "2026-03-06T00:00Z" },
      { start: "2026-03-06T09:00Z", end: "2026-03-08T15:00Z" },
    ]);
    assert.deepEqual(
      report.intervals.filter((i) => i.onCall.length > 0).map((i) => [i.start, i.end, ...i.onCall]),
      [2, 3, 4, 5, 6].map((d) => [`2026-03-0${d}T00:00Z`, `2026-03-0${d}T09:00Z`, "aki"]),
    );
    assert.equal(report.coveredMinutes, 5 * 9 * 60);
    assert.equal(report.gapMinutes, 7 * 24 * 60 - 5 * 9 * 60);
  });

  describe("follow the sun", () => {
    const tokyo: RotationDefinition = {
      name: "tokyo",
      members: ["aki", "ben"],
      startTime: "2026-01-05T09:00:00",
      timeZone: "Asia/Tokyo",
      recurrence: {
        daily: ["09:00"],
        coverage: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: "09:00", end: "21:00" }]])),
      },
    };
    const london: RotationDefinition = {
      name: "london",
      members: ["liam", "mia"],
      startTime: "2026-01-05T12:00:00",
      timeZone: "Europe/London",
      recurrence: {
        daily: ["12:00"],
        coverage: Object.fromEntries(WEEKDAYS.map((d) => [d, [{ start: "12:00", end: "00:00" }]])),
      },
    };

    it("Tokyo and London together cover 24x7 in winter", () => {
      const report = coverage([tokyo, london], { from: "2026-01-05T00:00Z", days: 2 });
      assert.deepEqual(rows(report), [
        ["2026-01-05T00:00Z", "2026-01-05T12:00Z", "aki"],
        ["2026-01-05T12:00Z", "2026-01-06T00:00Z", "liam"],
        ["2026-01-06T00:00Z", "2026-01-06T12:00Z", "ben"],
        ["2026-01-06T12:00Z", "2026-01-07T00:00Z", "mia"],
      ]);
      assert.deepEqual(report.gaps, []);
    });

    it("in British summer time London's shift moves an hour: an overlap and a one-hour gap", () => {
      const report = coverage([tokyo, london], { from: "2026-07-06T00:00Z", days: 1 });
      // 183 days after 5 January: Tokyo's shift 182 (even: aki), London's 182 (even: liam).
      assert.deepEqual(rows(report), [
        ["2026-07-06T00:00Z", "2026-07-06T11:00Z", "aki"],
        ["2026-07-06T11:00Z", "2026-07-06T12:00Z", "aki", "liam"],
        ["2026-07-06T12:00Z", "2026-07-06T23:00Z", "liam"],
        ["2026-07-06T23:00Z", "2026-07-07T00:00Z"],
      ]);
      assert.deepEqual(report.gaps, [{ start: "2026-07-06T23:00Z", end: "2026-07-07T00:00Z" }]);
      assert.deepEqual(report.intervals[1].rotations, { tokyo: ["aki"], london: ["liam"] });
    });
  });

  describe("unsettledReadings", () => {
    const base: RotationDefinition = {
      name: "r",
      members: ["amy", "bob", "cy"],
      startTime: "2026-03-02T09:00:00",
      timeZone: "America/New_York",
      recurrence: { weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }] },
    };
    it("finds none in a plain weekly rotation", () => {
      assert.deepEqual(unsettledReadings(base), []);
    });
    it("names each reading AWS's text does not settle", () => {
      assert.deepEqual(
        unsettledReadings({
          ...base,
          startTime: "2026-11-01T01:30:00",
          recurrence: {
            monthly: [
              { dayOfMonth: 1, handOffTime: "09:00" },
              { dayOfMonth: 31, handOffTime: "09:00" },
            ],
            recurrenceMultiplier: 2,
            numberOfOnCalls: 2,
            coverage: {
              FRI: [{ start: "22:00", end: "06:00" }],
              MON: [{ start: "09:00", end: "17:00" }],
            },
          },
        }),
        [
          "a multiplier (recurrenceMultiplier 2) with 2 hand-offs: counted in hand-offs",
          "2 on call at once: the next 2 members, wrapping",
          "a monthly hand-off on day 31: a shorter month's last day",
          "overnight coverage (FRI): runs into the next day",
          "a start time in the hour a daylight-saving change repeats: the earlier one",
        ],
      );
      assert.deepEqual(unsettledReadings({ ...base, startTime: "2026-03-08T02:30:00" }), [
        "a start time in the hour a daylight-saving change skips: an hour later",
      ]);
    });
  });

  describe("a start time AWS's text leaves open, resolved the same whenever the code runs", () => {
    const realNow = Settings.now;
    afterEach(() => {
      Settings.now = realNow;
    });
    /** The first interval of a rotation starting at `startTime` in New York, with luxon's now at `now`. */
    const firstShift = (startTime: string, now: string) => {
      Settings.now = () => Date.parse(now);
      const report = coverage(
        [
          {
            name: "nyc",
            members: ["amy", "bob"],
            startTime,
            timeZone: "America/New_York",
            recurrence: { daily: ["09:00"] },
          },
        ],
        { from: "2026-10-31T00:00Z", to: "2026-11-03T00:00Z" },
      );
      return rows(report).slice(0, 2);
    };

    it("01:30 on 1 November 2026 (repeated by the fall-back change) is the earlier 01:30, EDT", () => {
      // Computed with luxon's clock in summer (EDT) and in winter (EST): the same instant.
      for (const now of ["2026-07-01T12:00:00Z", "2027-01-15T12:00:00Z"]) {
        assert.deepEqual(firstShift("2026-11-01T01:30:00", now), [
          ["2026-10-31T00:00Z", "2026-11-01T05:30Z"],
          ["2026-11-01T05:30Z", "2026-11-01T14:00Z", "amy"],
        ]);
      }
    });

    it("a start time's seconds are dropped, so covered and gap minutes stay whole", () => {
      const report = coverage(
        [
          {
            name: "utc",
            members: ["amy"],
            startTime: "2026-05-01T09:00:30",
            timeZone: "UTC",
            recurrence: { daily: ["09:00"] },
          },
        ],
        { from: "2026-05-01T08:00Z", to: "2026-05-01T10:00Z" },
      );
      assert.equal(report.gapMinutes, 60);
      assert.equal(report.coveredMinutes, 60);
    });
  });

  describe("across the daylight-saving change in America/New_York (8 March 2026)", () => {
    it("a daily 09:00 hand-off moves from 14:00Z to 13:00Z, leaving a 23-hour shift", () => {
      const report = coverage(
        [
          {
            name: "nyc",
            members: ["amy", "bob"],
            startTime: "2026-03-06T09:00:00",
            timeZone: "America/New_York",
            recurrence: { daily: ["09:00"] },
          },
        ],
        { from: "2026-03-06T14:00Z", days: 4 },
      );
      assert.deepEqual(rows(report), [
        ["2026-03-06T14:00Z", "2026-03-07T14:00Z", "amy"],
        ["2026-03-07T14:00Z", "2026-03-08T13:00Z", "bob"],
        ["2026-03-08T13:00Z", "2026-03-09T13:00Z", "amy"],
        ["2026-03-09T13:00Z", "2026-03-10T13:00Z", "bob"],
        ["2026-03-10T13:00Z", "2026-03-10T14:00Z", "amy"],
      ]);
    });

    it("in autumn (1 November 2026) the shift over the change lasts 25 hours", () => {
      const report = coverage(
        [
          {
            name: "nyc",
            members: ["amy", "bob"],
            startTime: "2026-10-30T09:00:00",
            timeZone: "America/New_York",
            recurrence: { daily: ["09:00"] },
          },
        ],
        { from: "2026-10-31T13:00Z", to: "2026-11-02T14:00Z" },
      );
      assert.deepEqual(rows(report), [
        ["2026-10-31T13:00Z", "2026-11-01T14:00Z", "bob"],
        ["2026-11-01T14:00Z", "2026-11-02T14:00Z", "amy"],
      ]);
    });

    it("business hours follow local time on both sides of the change", () => {
      const report = coverage(
        [
          {
            name: "nyc",
            members: ["amy"],
            startTime: "2026-03-02T09:00:00",
            timeZone: "America/New_York",
            recurrence: {
              weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
              coverage: businessHours,
            },
          },
        ],
        { from: "2026-03-06T00:00Z", to: "2026-03-10T00:00Z" },
      );
      assert.deepEqual(rows(report), [
        ["2026-03-06T00:00Z", "2026-03-06T14:00Z"],
        ["2026-03-06T14:00Z", "2026-03-06T23:00Z", "amy"],
        ["2026-03-06T23:00Z", "2026-03-09T13:00Z"],
        ["2026-03-09T13:00Z", "2026-03-09T22:00Z", "amy"],
        ["2026-03-09T22:00Z", "2026-03-10T00:00Z"],
      ]);
    });
  });

  it("applies the multiplier and the number on call, wrapping round the members", () => {
    const report = coverage(
      [
        {
          name: "pairs",
          members: ["a", "b", "c"],
          startTime: "2026-05-01T00:00:00",
          timeZone: "UTC",
          recurrence: { daily: ["00:00"], recurrenceMultiplier: 2, numberOfOnCalls: 2 },
        },
      ],
      { from: "2026-05-01T00:00Z", days: 6 },
    );
    assert.deepEqual(rows(report), [
      ["2026-05-01T00:00Z", "2026-05-03T00:00Z", "a", "b"],
      ["2026-05-03T00:00Z", "2026-05-05T00:00Z", "c", "a"],
      ["2026-05-05T00:00Z", "2026-05-07T00:00Z", "b", "c"],
    ]);
  });

  it("nobody is on call before a rotation starts; monthly hand-offs use the month's last day", () => {
    const report = coverage(
      [
        {
          name: "monthly",
          members: ["a", "b"],
          startTime: "2026-01-31T10:00:00",
          timeZone: "Europe/Paris",
          recurrence: { monthly: [{ dayOfMonth: 31, handOffTime: "10:00" }] },
        },
      ],
      { from: "2026-01-31T00:00Z", to: "2026-03-02T00:00Z" },
    );
    assert.deepEqual(rows(report), [
      ["2026-01-31T00:00Z", "2026-01-31T09:00Z"],
      ["2026-01-31T09:00Z", "2026-02-28T09:00Z", "a"],
      ["2026-02-28T09:00Z", "2026-03-02T00:00Z", "b"],
    ]);
  });

  it("onCallAt answers for one minute", () => {
    const rotations: RotationDefinition[] = [
      {
        name: "office",
        members: ["aki", "ben"],
        startTime: "2026-03-02T09:00:00",
        timeZone: "Asia/Tokyo",
        recurrence: {
          weekly: [{ dayOfWeek: "MON", handOffTime: "09:00" }],
          coverage: businessHours,
        },
      },
    ];
    assert.deepEqual(onCallAt(rotations, new Date("2026-03-10T03:30:15Z")), ["ben"]);
    assert.deepEqual(onCallAt(rotations, new Date("2026-03-10T12:00Z")), []);
  });

  it("rejects a window that is empty or too long", () => {
    assert.throws(
      () => coverage([], { from: "2026-01-01T00:00Z", to: "2026-01-01T00:00Z" }),
      /^RangeError: coverage: the window must end after it starts$/,
    );
    assert.throws(
      () => coverage([], { from: "2026-01-01T00:00Z", days: 400 }),
      /^RangeError: coverage: the window may span at most 366 days$/,
    );
    assert.throws(() => coverage([], { from: "yesterday" }), /`from` is not a valid time/);
  });

  it("property: intervals are ordered, disjoint and tile the window; gaps are the empty ones", () => {
    const zones = ["UTC", "Asia/Tokyo", "America/New_York", "Europe/London", "Australia/Sydney"];
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
      .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
    const rotation = fc.record({
      name: fc.constantFrom("r1", "r2", "r3"),
      members: fc.uniqueArray(fc.constantFrom("a", "b", "c", "d"), { minLength: 1 }),
      startTime: fc
        .integer({ min: 0, max: 120 })
        .map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86400000).toISOString().slice(0, 10))
        .chain((day) => time.map((t) => `${day}T${t}:00`)),
      timeZone: fc.constantFrom(...zones),
      recurrence: fc.oneof(
        fc.record({
          daily: fc.array(time, { minLength: 1, maxLength: 3 }),
          recurrenceMultiplier: fc.integer({ min: 1, max: 3 }),
          numberOfOnCalls: fc.integer({ min: 1, max: 2 }),
        }),
        fc.record({
          weekly: fc.array(
            fc.record({ dayOfWeek: fc.constantFrom(...WEEKDAYS), handOffTime: time }),
            {
              minLength: 1,
              maxLength: 3,
            },
          ),
          coverage: fc.dictionary(
            fc.constantFrom(...WEEKDAYS),
            fc.array(fc.record({ start: time, end: time }), { maxLength: 2 }),
          ),
        }),
      ),
    });
    fc.assert(
      fc.property(
        // Rotation names are unique within a team (OnCallTeam rejects a repeat).
        fc.uniqueArray(rotation, { maxLength: 3, selector: (r) => r.name }),
        fc.integer({ min: 0, max: 150 * 24 * 60 }),
        fc.integer({ min: 1, max: 10 * 24 * 60 }),
        (rotations, offset, minutes) => {
          const from = Date.UTC(2026, 0, 1) + offset * 60000;
          const report = coverage(rotations as RotationDefinition[], {
            from: new Date(from),
            to: new Date(from + minutes * 60000),
          });
          assert.equal(report.intervals[0].start, report.start);
          assert.equal(report.intervals[report.intervals.length - 1].end, report.end);
          for (let i = 0; i < report.intervals.length; i++) {
            const cur = report.intervals[i];
            assert.ok(cur.start < cur.end);
            if (i > 0) {
              assert.equal(cur.start, report.intervals[i - 1].end);
              assert.notDeepEqual(cur.rotations, report.intervals[i - 1].rotations);
            }
          }
          assert.deepEqual(
            report.gaps,
            report.intervals
              .filter((i) => i.onCall.length === 0)
              .map((i) => ({
                start: i.start,
                end: i.end,
              })),
          );
          assert.equal(report.coveredMinutes + report.gapMinutes, minutes);
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});
