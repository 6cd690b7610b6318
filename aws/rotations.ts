/** SSM Contacts facts: on-call rotations and schedules. */
import { apiRange, apiText, cfnRange, cfnText, RangeRule, TextRule } from "./model";

/** Source: ssm-contacts CreateRotation Name (1-255, `^[a-zA-Z0-9_\-\s\.]*$`). */
export const ROTATION_NAME: TextRule = apiText("ssm-contacts:CreateRotation", "Name");

/** Source: AWS::SSMContacts::Rotation Name (1-255, `^[a-zA-Z0-9_]*$`). */
export const CFN_ROTATION_NAME: TextRule = cfnText("AWS::SSMContacts::Rotation", "Name");

/** Source: ssm-contacts CreateRotation TimeZoneId (1-255, `^[:a-zA-Z0-9_\-\s\.\\/]*$`: no `+`). */
export const TIME_ZONE_ID: TextRule = apiText("ssm-contacts:CreateRotation", "TimeZoneId");

/** Source: AWS::SSMContacts::Rotation TimeZoneId (same pattern as the API). */
export const CFN_TIME_ZONE_ID: TextRule = cfnText("AWS::SSMContacts::Rotation", "TimeZoneId");

/** Source: ssm-contacts CreateRotation ContactIds (1-30). */
export const ROTATION_CONTACTS: RangeRule = apiRange("ssm-contacts:CreateRotation", "ContactIds");

/** Source: AWS::SSMContacts::Rotation ContactIds (minItems 1, maxItems 30). */
export const CFN_ROTATION_CONTACTS: RangeRule = cfnRange(
  "AWS::SSMContacts::Rotation",
  "ContactIds",
);

/** Source: ssm-contacts CreateRotation Recurrence.RecurrenceMultiplier (1-100). */
export const RECURRENCE_MULTIPLIER: RangeRule = apiRange(
  "ssm-contacts:CreateRotation",
  "Recurrence.RecurrenceMultiplier",
);

/** Source: ssm-contacts CreateRotation Recurrence.NumberOfOnCalls (at least 1, no maximum). */
export const NUMBER_OF_ON_CALLS: RangeRule = apiRange(
  "ssm-contacts:CreateRotation",
  "Recurrence.NumberOfOnCalls",
);

/** Source: ssm-contacts CreateRotation Recurrence.MonthlySettings[].DayOfMonth (1-31). */
export const DAY_OF_MONTH: RangeRule = apiRange(
  "ssm-contacts:CreateRotation",
  "Recurrence.MonthlySettings[].DayOfMonth",
);

/**
 * Source: Incident Manager user guide, "Managing responder rotations with on-call schedules"
 * ("Each on-call schedule supports up to eight rotations"). The API's Plan.RotationIds allows 25.
 * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/incident-manager-on-call-schedule.html
 */
export const ROTATIONS_PER_SCHEDULE = 8;

/**
 * The shortest shift coverage window we accept, in minutes. Not in AWS's models (CoverageTime has
 * only hours and minutes); kept from this package's earlier reading of the console, which refuses
 * shorter windows. AWS's text does not state it.
 */
export const MIN_COVERAGE_MINUTES = 30;

/**
 * The rule a rotation's time zone breaks, if any (completes "`path` ..."): an IANA zone id that
 * `Intl` knows, not an abbreviation, that also matches AWS's TimeZoneId pattern (`Etc/GMT+9`
 * does not: the pattern has no `+`).
 */
export function checkTimeZoneId(zone: string): string | undefined {
  const shown = JSON.stringify(zone);
  if (
    zone.length > TIME_ZONE_ID.max ||
    (TIME_ZONE_ID.pattern && !TIME_ZONE_ID.pattern.test(zone))
  ) {
    const suggestion = etcSuggestion(zone) ?? " Use a Region/City id such as Asia/Tokyo.";
    return `must match AWS's time zone pattern ${TIME_ZONE_ID.patternText} (${TIME_ZONE_ID.source}); got ${shown}.${suggestion}`;
  }
  if (!isKnownZone(zone)) {
    return `must be an IANA time zone id such as Asia/Tokyo or America/Los_Angeles; got ${shown}. Abbreviations such as JST or PST are not time zones: write the Region/City id.`;
  }
  return undefined;
}

/** True when `zone` is a Region/City id (or UTC) that `Intl` knows; abbreviations are not. */
export function isKnownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    return false;
  }
  return zone.includes("/") || zone === "UTC";
}

/** IANA zones without daylight saving time, by UTC offset in hours, to replace `Etc/GMT+N`. */
const FIXED_WEST: Readonly<Record<number, string>> = {
  1: "Atlantic/Cape_Verde",
  2: "America/Noronha",
  3: "America/Montevideo",
  4: "America/Puerto_Rico",
  5: "America/Panama",
  6: "America/Guatemala",
  7: "America/Phoenix",
  8: "Pacific/Pitcairn",
  9: "Pacific/Gambier",
  10: "Pacific/Honolulu",
  11: "Pacific/Pago_Pago",
};

/** What to write instead of `Etc/GMT+N`, whose `+` AWS's pattern refuses. */
function etcSuggestion(zone: string): string | undefined {
  const match = /^Etc\/GMT\+(\d{1,2})$/.exec(zone);
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const west = FIXED_WEST[hours];
  return ` ${zone} is UTC-${hours} (POSIX inverts the sign): use ${west ?? "a Region/City id of that offset"}${west === undefined ? "" : " for UTC-" + hours}, or Etc/GMT-${hours} if you meant UTC+${hours}.`;
}
