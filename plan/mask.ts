/**
 * Masking of phone numbers and email addresses inside free text (error messages, stack traces,
 * remediated values), as the report masks them in values (./tree.ts maskPersonalData).
 */
import { maskAddress } from "../aws/phone";
import { maskMessage } from "../components/onCallTeam/rules";

/** A number in international form, possibly written with spaces, dashes, dots or brackets. */
const INTERNATIONAL = /\+\d[\d ().-]{4,}\d/g;
/** A national number with a trunk 0 and separators, such as 090-1234-5678. */
const NATIONAL = /\b0\d{1,4}[- ]\d{1,4}[- ]\d{3,4}\b/g;

function digits(text: string): number {
  return text.replace(/\D/g, "").length;
}

/** `text` with every email address and phone number masked (+81******678, s*****@example.com). */
export function maskText(text: string): string {
  return maskMessage(text, undefined)
    .replace(INTERNATIONAL, (p) => (digits(p) >= 6 ? maskAddress(p) : p))
    .replace(NATIONAL, (p) => `${p.slice(0, 3)}******${p.slice(-3)}`);
}

/** `value` with every string in it masked by {@link maskText}. */
export function maskValue(value: unknown): unknown {
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map(maskValue);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(v)]));
  }
  return value;
}

/**
 * A phone number masked with its writing kept (`+81 90-1234-5678` -> `+81 **-****-*678`,
 * `+819012345678` -> `+81*******678`): the country code and last 3 digits show, every other digit
 * is a `*`, and spaces, dashes and brackets stay, so a rewrite that only changes how a number is
 * written can be seen without the number. Anything else is masked by {@link maskValue}.
 */
export function maskKeepingForm(value: unknown): unknown {
  if (typeof value !== "string" || !/^\+\d[\d ().-]{4,}\d$/.test(value)) return maskValue(value);
  const total = digits(value);
  let seen = 0;
  return value.replace(/\d/g, (d) => {
    seen += 1;
    return seen <= 2 || seen > total - 3 ? d : "*";
  });
}
