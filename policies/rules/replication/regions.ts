/** The regions of a replication set in either flavour. */
import { isNative, list, obj, str } from "../common";

export interface ReplicationRegion {
  readonly path: string;
  readonly name: unknown;
  /** The customer-managed key, or undefined for an AWS-owned key. */
  readonly key: string | undefined;
}

/** Classic: `regions[]` (or the older `region[]`) of `{ name, kmsKeyArn }`; aws-native: `regions[]` of `{ regionName, regionConfiguration.sseKmsKeyId }`. */
export function regionsOf(type: string, props: Record<string, unknown>): ReplicationRegion[] {
  const key =
    !isNative(type) && props.regions === undefined && props.region !== undefined
      ? "region"
      : "regions";
  return list(props[key]).map((r, i) => {
    const region = obj(r) ?? {};
    if (isNative(type)) {
      return {
        path: `${key}[${i}]`,
        name: region.regionName,
        key: str(obj(region.regionConfiguration)?.sseKmsKeyId),
      };
    }
    const arn = str(region.kmsKeyArn);
    // The classic provider spells the AWS-owned key "DefaultKey".
    return { path: `${key}[${i}]`, name: region.name, key: arn === "DefaultKey" ? undefined : arn };
  });
}
