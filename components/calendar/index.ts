/** On-call calendars: iCalendar (RFC 5545) files of on-call shifts, from the coverage engine. */
export {
  CALENDAR_DAYS,
  ON_CALL_CATEGORY,
  PRODUCT_ID,
  UNSETTLED_CATEGORY,
  calendarScheduleOf,
  onCallCalendars,
  type CalendarOptions,
  type CalendarSchedule,
  type CalendarTeam,
  type CalendarWindow,
  type OnCallCalendar,
  type OnCallEvent,
} from "./calendars";
export { writeOnCallCalendars } from "./write";
export { escapeText, foldLine, nameBasedUid, utcDateTime, uuidV5, MAX_LINE_OCTETS } from "./ics";
