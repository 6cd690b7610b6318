/**
 * The longest chain in a captured dependency graph. A parent is not a dependency; only the
 * `dependencies` each registration carried (explicit `dependsOn` and input dependencies) count,
 * between custom resources.
 */
import type { CapturedResource } from "../testing";

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

/** The type of the resource the minimum chain ends at. */
export const ALARM_TYPE = "aws:cloudwatch/metricAlarm:MetricAlarm";

/** The longest chain ending at each custom resource, by URN, computed once per resource. */
function chainFinder(resources: readonly CapturedResource[]) {
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
  return { custom: [...byUrn.values()], chainTo };
}

/**
 * The longest dependency chain, as the resources on it, first to last; with `endsAt`, the longest
 * of those that end at a resource it accepts (empty when none does). Of chains of equal length,
 * the first found is kept.
 */
export function longestChain(
  resources: readonly CapturedResource[],
  endsAt: (r: CapturedResource) => boolean = () => true,
): CapturedResource[] {
  const { custom, chainTo } = chainFinder(resources);
  let longest: CapturedResource[] = [];
  for (const r of custom.filter(endsAt)) {
    const chain = chainTo(r);
    if (chain.length > longest.length) longest = chain;
  }
  return longest;
}

/** For each resource type, the length of the longest chain ending at a resource of that type. */
export function depthByType(resources: readonly CapturedResource[]): Record<string, number> {
  const { custom, chainTo } = chainFinder(resources);
  const depths: Record<string, number> = {};
  for (const r of custom) depths[r.type] = Math.max(depths[r.type] ?? 0, chainTo(r).length);
  return depths;
}
