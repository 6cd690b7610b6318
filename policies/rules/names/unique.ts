/**
 * What the stack-wide name rules share: the scope AWS keeps a name unique in (an account and a
 * region, read from a resource's `region` input or its provider's), and one report per resource
 * that repeats a name an earlier resource of the stack already has.
 */
import type { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { z } from "zod";
import { isKind, obj, ResourceKind, str } from "../common";
import { propsOf } from "../graph";

/** The config every name rule takes: names that may repeat on purpose. */
export const uniqueNamesConfig = z.object({
  /**
   * Names that may repeat, e.g. one alias used in two accounts through two providers (the pack
   * cannot tell accounts apart).
   */
  allowedDuplicates: z.array(z.string()).default([]),
});

/**
 * A resource's region: its own `region` input (classic `@pulumi/aws` 7), else its provider's
 * `region`, else the stack's default provider region, which every such resource shares.
 */
export function regionOf(resource: PolicyResource): string {
  return (
    str(propsOf(resource).region) ??
    str(obj(resource.provider?.props)?.region) ??
    "the provider's region"
  );
}

/** One resource's name in its scope; `undefined` when it has none (AWS or Pulumi names it). */
export interface Claim {
  readonly scope: string;
  readonly name: string;
}

/**
 * Reports each resource of `kinds` whose name, in its scope, an earlier one already has.
 * `message` completes "<second> ..." with the first resource and the claim.
 */
export function reportRepeatedNames(
  args: StackValidationArgs,
  report: ReportViolation,
  kinds: readonly ResourceKind[],
  allowed: readonly string[],
  claimOf: (resource: PolicyResource) => Claim | undefined,
  message: (second: PolicyResource, first: PolicyResource, claim: Claim) => string,
): void {
  const seen = new Map<string, PolicyResource>();
  for (const resource of args.resources) {
    if (!kinds.some((kind) => isKind(resource.type, kind))) continue;
    const claim = claimOf(resource);
    if (claim === undefined || allowed.includes(claim.name)) continue;
    const key = JSON.stringify([claim.scope, claim.name]);
    const first = seen.get(key);
    if (first === undefined) seen.set(key, resource);
    else report(message(resource, first, claim), resource.urn);
  }
}
