/** IAM facts: role names, and how the Pulumi AWS provider names roles it auto-names. */
import { apiText, TextRule } from "./model";

/** Source: iam CreateRole RoleName (1-64, `[\w+=,.@-]+`). */
export const ROLE_NAME: TextRule = apiText("iam:CreateRole", "RoleName");

/**
 * Characters the provider adds to a resource name when it auto-names a role: `-` and 7 random
 * characters. Source: Pulumi docs, "Resource names" (auto-naming appends a random suffix to the
 * logical name; the suffix is 7 hexadecimal characters after a hyphen).
 * @see https://www.pulumi.com/docs/iac/concepts/resources/names/#autonaming
 */
export const AUTO_NAME_SUFFIX_LENGTH = 8;

/** The longest resource name whose auto-named role still fits IAM's RoleName limit (56). */
export const MAX_AUTO_NAMED_ROLE_RESOURCE_NAME = ROLE_NAME.max - AUTO_NAME_SUFFIX_LENGTH;

/**
 * The rule an auto-named role called `resourceName` breaks, if any (completes "`path` ..."):
 * its physical name, `resourceName` plus 8 characters, must fit 64 characters.
 */
export function checkAutoNamedRole(resourceName: string): string | undefined {
  if (resourceName.length <= MAX_AUTO_NAMED_ROLE_RESOURCE_NAME) return undefined;
  return `names an IAM role ${JSON.stringify(resourceName)} of ${resourceName.length} characters; with the provider's ${AUTO_NAME_SUFFIX_LENGTH}-character suffix it exceeds IAM's ${ROLE_NAME.max} (${ROLE_NAME.source})`;
}
