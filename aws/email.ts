import { z } from "zod";
import { SIMPLE_ADDRESS } from "./contacts";

/** Source: ssm-contacts CreateContactChannel DeliveryAddress.SimpleAddress (at most 320). */
export const EMAIL_MAX_LENGTH = SIMPLE_ADDRESS.max;

const emailSchema = z.email();

/**
 * Checks an EMAIL channel address. Returns `undefined` when it is valid, or the rule it breaks,
 * written to follow "`path` must ...".
 */
export function checkEmailAddress(address: string): string | undefined {
  if (address.length > EMAIL_MAX_LENGTH) {
    return `must be an email address of at most ${EMAIL_MAX_LENGTH} characters (${SIMPLE_ADDRESS.source}), not ${address.length}`;
  }
  if (!emailSchema.safeParse(address).success) {
    return "must be a valid email address such as oncall@example.com";
  }
  return undefined;
}
