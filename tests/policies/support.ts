/**
 * What every per-rule spec under tests/policies/rules/ shares: the violations a rule reports on a
 * fixture stack, a resource rule on one fixture, and the "Compliance" cases on both flavours.
 */
import { strict as assert } from "assert";
import { IncidentRule } from "../../policies/rules";
import type { CapturedResource } from "../../testing";
import { classicStack, nativeStack, pick } from "./fixtures";
import { ResourceFixture, messages, runResource, runStack, urnOf } from "./harness";

/** Every violation a rule reports on a stack: resource rules run on each fixture in turn. */
export async function violations(
  rule: IncidentRule,
  stack: readonly ResourceFixture[],
  config?: Record<string, unknown>,
): Promise<string[]> {
  if ("validateStack" in rule) return messages(await runStack(rule, stack, config));
  const out: string[] = [];
  for (const f of stack) out.push(...messages(await runResource(rule, f, config)));
  return out;
}

/** A resource rule on one fixture of a stack. */
export async function on(
  rule: IncidentRule,
  stack: readonly ResourceFixture[],
  name: string,
  type?: string,
): Promise<string[]> {
  return messages(await runResource(rule, pick(stack, name, type)));
}

/** The two fixture stacks, classic `@pulumi/aws` and `@pulumi/aws-native`. */
export const both = [
  ["classic", classicStack],
  ["aws-native", nativeStack],
] as const;

/** "Compliance": the rule reports nothing on the classic and on the aws-native fixture stack. */
export function compliance(rule: IncidentRule, what = "fixture stack"): void {
  for (const [flavour, stack] of both) {
    it(`Compliance: ${flavour} ${what}`, async () => {
      assert.deepEqual(await violations(rule, stack()), []);
    });
  }
}

/** A copy of fixture `name` renamed `as`, with `edit` applied to its props. */
export function copyOf(
  stack: readonly ResourceFixture[],
  name: string,
  as: string,
  edit: (props: Record<string, unknown>) => void = () => undefined,
  type?: string,
): ResourceFixture {
  const copy = structuredClone(pick(stack, name, type));
  edit(copy.props);
  return { ...copy, name: as };
}

/** A fixture as the capture records it (inputs = outputs), for the pack over the analyzer protocol. */
export function captured(f: ResourceFixture): CapturedResource {
  const deps = Object.fromEntries(
    Object.entries(f.propertyDependencies ?? {}).map(([k, names]) => [
      k,
      names.map((n) => urnOf("*", n)),
    ]),
  );
  return {
    urn: urnOf(f.type, f.name),
    type: f.type,
    name: f.name,
    inputs: f.props,
    secretInputs: [],
    state: f.props,
    custom: true,
    protect: f.protect ?? false,
    dependencies: [],
    propertyDependencies: deps,
    additionalSecretOutputs: [],
  };
}
