import { strict as assert } from "assert";
import * as fs from "fs";
import ICAL from "ical.js";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { coverage, unsettledReadings, type RotationDefinition } from "../../components/coverage";
import { type PlanResult as Result, ROOT, runPlan as plan } from "../support/plan";

const FIXTURE = path.join(__dirname, "fixtures", "calendars.yaml");
const AT = "2026-03-02T00:00:00Z";
const MINUTE = 60_000;

/** The fixture's rotations as the coverage model reads them (the schema's defaults applied). */
function fixtureRotations(): RotationDefinition[] {
  const file = yaml.load(fs.readFileSync(FIXTURE, "utf8")) as {
    "incident-manager:spec": { teams: { rotations: RotationDefinition[] }[] };
  };
  return file["incident-manager:spec"].teams[0].rotations.map((r) => ({
    ...r,
    recurrence: { recurrenceMultiplier: 1, numberOfOnCalls: 1, ...r.recurrence },
  }));
}

interface Parsed {
  readonly uid: string;
  readonly start: number;
  readonly end: number;
  readonly rotation: string;
  readonly onCall: string[];
  readonly categories: string[];
  readonly unsettled: string[];
  readonly stamp: number;
}

function events(file: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    assert.equal(e.startDate.zone, ICAL.Timezone.utcTimezone);
    return {
      uid: e.uid,
      start: e.startDate.toJSDate().getTime(),
      end: e.endDate.toJSDate().getTime(),
      rotation: String(v.getFirstPropertyValue("x-incident-manager-rotation")),
      onCall: String(v.getFirstPropertyValue("x-incident-manager-on-call")).split(","),
      categories: v.getAllProperties("categories").flatMap((p) => p.getValues().map(String)),
      unsettled: v
        .getAllProperties("x-incident-manager-unsettled")
        .map((p) => String(p.getFirstValue())),
      stamp: (v.getFirstPropertyValue("dtstamp") as ICAL.Time).toJSDate().getTime(),
    };
  });
}

describe("plan --ics", function () {
  this.timeout(240_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-ics-"));
  const ics = path.join(dir, "calendars");
  let run: Result;
  let started: number;
  let finished: number;

  before(async () => {
    started = Math.floor(Date.now() / 1000) * 1000;
    run = await plan([
      "--spec",
      FIXTURE,
      "--no-policies",
      "--at",
      AT,
      "--ics",
      ics,
      "--json",
      path.join(dir, "plan.json"),
    ]);
    finished = Date.now();
  });

  it("writes the config-driven stack's calendars: one for the schedule, one per person", () => {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(
      run.stderr,
      `plan: wrote 1 schedule and 6 personal calendar(s), 28 days from 2026-03-02T00:00:00.000Z, to ${ics}\n`,
    );
    assert.deepEqual(fs.readdirSync(ics).sort(), [
      "person-amy.ics",
      "person-ben.ics",
      "person-cal.ics",
      "person-dan.ics",
      "person-eve.ics",
      "person-fay.ics",
      "schedule-atlantic-oncall.ics",
    ]);
  });

  it("shows, minute for minute over both DST changes, the coverage of the same rotations", () => {
    const rotations = fixtureRotations();
    const expected = new Set<string>();
    const report = coverage(rotations, { from: AT, days: 28 });
    for (const i of report.intervals) {
      for (let t = Date.parse(i.start); t < Date.parse(i.end); t += MINUTE) {
        for (const [rotation, members] of Object.entries(i.rotations)) {
          for (const alias of members) expected.add(`${rotation}|${alias}|${t}`);
        }
      }
    }
    const minutes = (list: readonly Parsed[], only?: string) => {
      const out = new Set<string>();
      for (const e of list) {
        for (let t = e.start; t < e.end; t += MINUTE) {
          for (const alias of only === undefined ? e.onCall : [only]) {
            const key = `${e.rotation}|${alias}|${t}`;
            assert.ok(!out.has(key), `${key} twice`);
            out.add(key);
          }
        }
      }
      return out;
    };
    const schedule = minutes(events(path.join(ics, "schedule-atlantic-oncall.ics")));
    assert.equal(schedule.size, expected.size);
    assert.deepEqual(
      [...expected].filter((k) => !schedule.has(k)),
      [],
    );
    for (const alias of ["amy", "ben", "cal", "dan", "eve", "fay"]) {
      const theirs = [...expected].filter((k) => k.split("|")[1] === alias);
      const shown = minutes(events(path.join(ics, `person-${alias}.ics`)), alias);
      assert.ok(theirs.length > 0, alias);
      assert.equal(shown.size, theirs.length, alias);
      assert.deepEqual(
        theirs.filter((k) => !shown.has(k)),
        [],
        alias,
      );
    }
  });

  it("agrees with the report's own coverage, and marks the rotation of pairs as unsettled", () => {
    const report = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"));
    const [team] = report.coverage;
    const list = events(path.join(ics, "schedule-atlantic-oncall.ics"));
    for (const interval of team.intervals) {
      const at = Date.parse(interval.start);
      const onCall = list.filter((e) => e.start <= at && at < e.end).flatMap((e) => e.onCall);
      assert.deepEqual([...new Set(onCall)].sort(), [...interval.onCall].sort(), interval.start);
    }
    const [, pairs] = fixtureRotations();
    for (const e of list) {
      if (e.rotation === "new_york") {
        assert.deepEqual(e.categories, ["On call", "Unsettled reading"]);
        assert.deepEqual(e.unsettled, unsettledReadings(pairs));
      } else {
        assert.deepEqual(e.categories, ["On call"]);
      }
    }
  });

  it("stamps events with the time of the export, and carries no phone number or email", () => {
    for (const file of fs.readdirSync(ics)) {
      const text = fs.readFileSync(path.join(ics, file), "utf8");
      for (const e of events(path.join(ics, file))) {
        assert.ok(e.stamp >= started && e.stamp <= finished, file);
      }
      for (const personal of [
        "+81",
        "+1",
        "090-1234",
        "9012345678",
        "9023456789",
        "2125550123",
        "@example.com",
      ]) {
        assert.ok(!text.includes(personal), `${file}: ${personal}`);
      }
    }
  });

  it("exits 2 when --ics names a file, before running the program", async () => {
    const file = path.join(dir, "plan.json");
    const result = await plan(["--no-policies", "--ics", file]);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      `--ics needs a folder for the calendar files; got ${JSON.stringify(file)}, which is a file. Give a folder (it is created when missing).\n`,
    );
    // Only the line naming the project is printed: the program never ran.
    assert.equal(result.stdout, `project: ${ROOT} (this package's reference project)\n`);
  });
});
