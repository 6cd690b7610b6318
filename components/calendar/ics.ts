/**
 * A small iCalendar (RFC 5545) writer: the few properties on-call calendars need, written with
 * the format's escaping and line folding. Times are UTC (`DTSTART:20260406T000000Z`), so no
 * `VTIMEZONE` is needed and every calendar application shows them in its own time zone.
 *
 * It writes text only; reading calendars back is left to a real parser (the tests use Mozilla's
 * ical.js), so the writer is checked by code that shares nothing with it.
 */
import { createHash } from "crypto";

/** The line break RFC 5545 §3.1 requires. */
const CRLF = "\r\n";
/** RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break." */
export const MAX_LINE_OCTETS = 75;

/**
 * A TEXT value escaped per RFC 5545 §3.3.11: a backslash, `;` and `,` get a backslash before them
 * and a line break becomes `\n`.
 */
export function escapeText(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * A content line folded per RFC 5545 §3.1: at most 75 octets a line (UTF-8), each continuation
 * starting with one space, which counts toward its 75. A character is never split across lines
 * (a multi-octet UTF-8 sequence stays whole).
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = ` ${char}`;
      octets = 1 + size;
    } else {
      current += char;
      octets += size;
    }
  }
  out.push(current);
  return out.join(CRLF);
}

/** An instant as an RFC 5545 DATE-TIME in UTC (§3.3.5, form #2): `20260406T000000Z`. */
export function utcDateTime(value: Date | string): string {
  const ms = typeof value === "string" ? Date.parse(value) : value.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`ics: ${String(value)} is not a valid time`);
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}/, "")
    .replace(/[-:]/g, "");
}

/** The namespace of this package's name-based UIDs (a fixed UUID of its own; changing it would change every UID). */
const UID_NAMESPACE = "3f0b6a52-9d1e-4c7a-8e55-2b7c1d9a4e60";

/** A name-based UUID, version 5 (SHA-1, RFC 9562 §5.5), of `name` in `namespace` (a UUID). */
export function uuidV5(namespace: string, name: string): string {
  const space = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1")
    .update(Buffer.concat([space, Buffer.from(name, "utf8")]))
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The UID of the event named `name`: a name-based UUID in this package's namespace, so the same
 * name always gives the same UID, and the UID carries nothing readable about the person or the
 * account (RFC 7986 §5.3 asks that a UID not identify a user, host or domain).
 */
export function nameBasedUid(name: string): string {
  return uuidV5(UID_NAMESPACE, name);
}

/** One property: a name, and a value already in its iCalendar form (see {@link text}). */
export type IcsProperty = readonly [name: string, value: string];

/** A TEXT property, escaped. */
export function text(name: string, value: string): IcsProperty {
  return [name, escapeText(value)];
}

/**
 * A non-standard (`X-`) TEXT property, escaped, with `VALUE=TEXT` said outright: RFC 5545
 * §3.8.8.2 makes TEXT their default, but a parser that does not know the name may keep the value
 * raw, escapes included, unless the type is given.
 */
export function xText(name: string, value: string): IcsProperty {
  return [`${name};VALUE=TEXT`, escapeText(value)];
}

/** A property holding a list of TEXT values (such as CATEGORIES), each escaped, joined by `,`. */
export function textList(name: string, values: readonly string[]): IcsProperty {
  return [name, values.map(escapeText).join(",")];
}

/** A component: `BEGIN:<name>`, its properties, its subcomponents, `END:<name>`. */
export interface IcsComponent {
  readonly name: string;
  readonly properties: readonly IcsProperty[];
  readonly components?: readonly IcsComponent[];
}

function lines(component: IcsComponent): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(([name, value]) => foldLine(`${name}:${value}`)),
    ...(component.components ?? []).flatMap(lines),
    `END:${component.name}`,
  ];
}

/** The iCalendar text of a component (a VCALENDAR), every line ended by CRLF. */
export function renderIcs(component: IcsComponent): string {
  return lines(component).join(CRLF) + CRLF;
}
