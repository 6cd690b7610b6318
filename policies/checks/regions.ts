/**
 * AWS Region names, taken from the `Region` enum that `@pulumi/aws` ships, so the list moves with
 * the provider rather than with this package. Only the enum module is loaded (not the whole SDK),
 * which keeps the policy pack quick to start.
 */
import { Region } from "@pulumi/aws/types/enums";

/** Every Region name `@pulumi/aws` knows, e.g. `ap-northeast-1`. */
export const AWS_REGIONS: ReadonlySet<string> = new Set<string>(Object.values(Region));

/** True when `name` is a Region name `@pulumi/aws` knows. */
export function isAwsRegion(name: string): boolean {
  return AWS_REGIONS.has(name);
}
