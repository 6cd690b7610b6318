/**
 * `plan --ics <dir>`: the on-call calendars of every OnCallTeam the program built, written as
 * iCalendar files (components/calendar), over {@link CALENDAR_DAYS} days from `--at`.
 */
import * as fs from "fs";
import {
  CALENDAR_DAYS,
  onCallCalendars,
  writeOnCallCalendars,
  type CalendarTeam,
  type OnCallCalendar,
} from "../components/calendar";
import type { BuiltComponent } from "./program";

function isCalendarTeam(c: BuiltComponent): boolean {
  const team = c.instance as unknown as Partial<CalendarTeam>;
  return (
    c.type === "incident-manager:index:OnCallTeam" &&
    Array.isArray(team.rotationDefinitions) &&
    // A team without rotations has no schedule, so no shifts.
    team.schedule !== undefined
  );
}

/** The calendars of every OnCallTeam with rotations in `components`, from `at`. */
export function calendarsOf(
  components: readonly BuiltComponent[],
  at: Date,
  stamp: Date = new Date(),
): OnCallCalendar[] {
  const teams = components.filter(isCalendarTeam).map((c) => c.instance as unknown as CalendarTeam);
  return onCallCalendars(teams, { from: at, days: CALENDAR_DAYS }, { stamp });
}

/**
 * The reason `dir` cannot take the calendars (a file is in the way), or undefined; checked
 * before the program runs, so a typo costs nothing.
 */
export function icsDirProblem(dir: string): string | undefined {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(dir);
  } catch {
    return undefined;
  }
  return stat.isDirectory()
    ? undefined
    : `--ics needs a folder for the calendar files; got ${JSON.stringify(dir)}, which is a file. Give a folder (it is created when missing).`;
}

/** Writes the calendars to `dir` and says what was written, in one line. */
export function writePlanCalendars(
  dir: string,
  components: readonly BuiltComponent[],
  at: Date,
): string {
  const calendars = calendarsOf(components, at);
  if (calendars.length === 0) return `plan: no on-call schedule, so no calendar written to ${dir}`;
  writeOnCallCalendars(dir, calendars);
  const schedules = calendars.filter((c) => c.kind === "schedule").length;
  const people = calendars.length - schedules;
  return `plan: wrote ${schedules} schedule and ${people} personal calendar(s), ${CALENDAR_DAYS} days from ${at.toISOString()}, to ${dir}`;
}
