/**
 * The longest chain in a captured dependency graph. A parent is not a dependency; only the
 * `dependencies` each registration carried (explicit `dependsOn` and input dependencies) count,
 * between custom resources.
 */
import type { CapturedResource } from "../plan/capture";

/** The shortest chain the resource types allow, from the replication set to an alarm. */
export const MINIMUM_CHAIN = [
  "replication set",
  "contact",
  "channel",
  "engagement plan",
  "escalation plan",
  "response plan",
  "alarm",
] as const;

/** The longest dependency chain, as the resources on it, first to last. */
export function longestChain(resources: readonly CapturedResource[]): CapturedResource[] {
  const byUrn = new Map(resources.filter((r) => r.custom).map((r) => [r.urn, r]));
  const memo = new Map<string, CapturedResource[]>();
  const chainTo = (r: CapturedResource): CapturedResource[] => {
    const known = memo.get(r.urn);
    if (known) return known;
    let longest: CapturedResource[] = [];
    for (const urn of new Set(r.dependencies)) {
      const dep = byUrn.get(urn);
      if (!dep) continue;
      const chain = chainTo(dep);
      if (chain.length > longest.length) longest = chain;
    }
    const chain = [...longest, r];
    memo.set(r.urn, chain);
    return chain;
  };
  let longest: CapturedResource[] = [];
  for (const r of byUrn.values()) {
    const chain = chainTo(r);
    if (chain.length > longest.length) longest = chain;
  }
  return longest;
}
