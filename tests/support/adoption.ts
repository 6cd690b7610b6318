/** Helpers for specs that build what `incident-manager-adopt` wrote. */
import type { AdoptResult } from "../../plan/adopt/convert";

/** The account the adoption fixtures' ARNs name (AWS's example account). */
export const FIXTURE_ACCOUNT = "111122223333";

/** The spec with each secret address set at its config path, as the secrets script does. */
export function withAddresses(result: AdoptResult): Record<string, unknown> {
  const spec = JSON.parse(JSON.stringify(result.spec)) as Record<string, unknown>;
  for (const { path: configPath, address } of result.secrets) {
    const keys = configPath
      .replace(/^incident-manager:spec\./, "")
      .split(/\.|\[(\d+)\]/)
      .filter((k) => k !== undefined && k !== "");
    let node = spec as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = address;
  }
  return spec;
}
