import { z } from "zod";

/** Incident Manager accepts EMAIL channel addresses of 6 to 1000 characters (console limit). */
export const EMAIL_MIN_LENGTH = 6;
export const EMAIL_MAX_LENGTH = 1000;

const emailSchema = z.email();

/**
 * Checks an EMAIL channel address. Returns `undefined` when it is valid, or the rule it breaks,
 * written to follow "`path` must ...".
 */
export function checkEmailAddress(address: string): string | undefined {
  if (address.length < EMAIL_MIN_LENGTH || address.length > EMAIL_MAX_LENGTH) {
    return `must be an email address of ${EMAIL_MIN_LENGTH}-${EMAIL_MAX_LENGTH} characters`;
  }
  if (!emailSchema.safeParse(address).success) {
    return "must be a valid email address such as oncall@example.com";
  }
  return undefined;
}
