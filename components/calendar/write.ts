/** Writes on-call calendars to a folder (for `plan --ics` and programs). */
import * as fs from "fs";
import * as path from "path";
import type { OnCallCalendar } from "./calendars";

/**
 * Writes each calendar to `<dir>/<fileName>`, creating `dir` when needed and replacing a file of
 * the same name; other files in `dir` are left alone. Returns the paths written, in order.
 */
export function writeOnCallCalendars(dir: string, calendars: readonly OnCallCalendar[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return calendars.map((calendar) => {
    const file = path.join(dir, calendar.fileName);
    fs.writeFileSync(file, calendar.text, "utf8");
    return file;
  });
}
