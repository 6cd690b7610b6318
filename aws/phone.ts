/**
 * Phone numbers for SMS and VOICE channels, read with libphonenumber-js (full metadata, so the
 * number's line type is known).
 *
 * Incident Manager wants E.164: `+`, the country code, then the subscriber number with no trunk
 * prefix. libphonenumber-js is lenient and reads `+8109012345678` as the valid `+819012345678`,
 * but Incident Manager sends the activation code to the digits as written, so they never arrive.
 * We therefore compare the normalized number with the digits that were written.
 */
import { CountryCode, isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js/max";

export type PhoneChannelType = "SMS" | "VOICE";

/** A number that passed every check. */
export interface NormalizedPhoneNumber {
  readonly ok: true;
  /** E.164 form, e.g. `+819012345678`. */
  readonly e164: string;
  /** ISO 3166-1 alpha-2 country the number belongs to, when the library can tell. */
  readonly country?: string;
  /** The library's line type, e.g. `MOBILE`, `FIXED_LINE`, when it can tell. */
  readonly lineType?: string;
}

/** A number that failed a check. `rule` completes "`path` ...". */
export interface RejectedPhoneNumber {
  readonly ok: false;
  readonly rule: string;
  /** What to do about it. */
  readonly hint: string;
  /** The E.164 form the library would use, when there is one (for a safe rewrite). */
  readonly suggestion?: string;
}

export type PhoneCheck = NormalizedPhoneNumber | RejectedPhoneNumber;

/** True when `code` is an ISO 3166-1 alpha-2 code libphonenumber-js has metadata for. */
export function isPhoneCountry(code: string): code is CountryCode {
  return isSupportedCountry(code);
}

/**
 * Reads `written` as a phone number for an SMS or VOICE channel.
 *
 * @param written what the user wrote: `+81 90-1234-5678`, or `090-1234-5678` with `defaultCountry`.
 * @param defaultCountry how to read a number written in national format (no leading `+`).
 * @param type SMS numbers on a line the library knows to be fixed are rejected: a landline never
 *   receives the activation code, so the channel could never be activated.
 */
export function normalizePhoneNumber(
  written: string,
  defaultCountry?: string,
  type: PhoneChannelType = "VOICE",
): PhoneCheck {
  const trimmed = written.trim();
  const international = trimmed.startsWith("+");
  if (!international && defaultCountry === undefined) {
    return {
      ok: false,
      rule: "must be an E.164 number such as +819012345678",
      hint: "Write it with + and the country code, or set `defaultCountry` to read national numbers.",
    };
  }
  if (defaultCountry !== undefined && !isPhoneCountry(defaultCountry)) {
    return {
      ok: false,
      rule: `cannot be read: the default country ${JSON.stringify(defaultCountry)} is not an ISO 3166-1 alpha-2 code`,
      hint: 'Set `defaultCountry` to a code such as "JP" or "US".',
    };
  }
  const parsed = parsePhoneNumberFromString(
    trimmed,
    international ? undefined : (defaultCountry as CountryCode),
  );
  if (parsed === undefined) {
    return {
      ok: false,
      rule: "is not a phone number",
      hint: "Write it as + and the country code then the subscriber number, e.g. +819012345678.",
    };
  }
  const e164 = parsed.number;
  if (international) {
    const writtenDigits = trimmed.replace(/[\s().-]/g, "");
    if (writtenDigits !== e164) {
      const trunk = writtenDigits === `+${parsed.countryCallingCode}0${parsed.nationalNumber}`;
      return {
        ok: false,
        rule: trunk
          ? `keeps the trunk prefix 0 after the country code +${parsed.countryCallingCode}, so the activation code never arrives`
          : `is not in E.164 form (it dials as ${e164})`,
        hint: trunk ? `Drop the trunk 0 after the country code: write ${e164}.` : `Write ${e164}.`,
        suggestion: trunk ? e164 : undefined,
      };
    }
  }
  if (!parsed.isValid()) {
    return {
      ok: false,
      rule: `is not a valid number for ${parsed.country ?? `country code +${parsed.countryCallingCode}`}`,
      hint: "Check the number of digits and the area or mobile prefix.",
    };
  }
  const lineType = parsed.getType();
  if (type === "SMS" && lineType === "FIXED_LINE") {
    return {
      ok: false,
      rule: "is a fixed line, which cannot receive SMS (the activation code would never arrive)",
      hint: "Use a mobile number for SMS, or make this a VOICE channel.",
    };
  }
  return { ok: true, e164, country: parsed.country, lineType };
}

/**
 * Masks a phone number or email address for display: `+81******678`, `s*****@example.com`.
 * Phone numbers always show six stars, so the mask does not reveal the length either.
 */
export function maskAddress(address: string): string {
  const at = address.indexOf("@");
  if (at > 0) {
    return `${address[0]}${"*".repeat(Math.max(at - 1, 1))}${address.slice(at)}`;
  }
  if (address.startsWith("+") && address.length > 6) {
    return `${address.slice(0, 3)}******${address.slice(-3)}`;
  }
  return "*".repeat(address.length);
}
