/**
 * `--policy-pack-config <file>`: the JSON file `pulumi preview --policy-pack-config` takes, read
 * and reconciled by the rules of Pulumi's CLI (pulumi/pulumi `pkg/resource/analyzer/config.go`:
 * parsePolicyPackConfig, extractEnforcementLevel, ReconcilePolicyPackConfig, applyConfig), so a
 * file that works there works here:
 *
 * - each key is a policy name, or `all`; its value is an enforcement level
 *   (`"advisory" | "mandatory" | "remediate" | "disabled"`) or an object of properties with an
 *   optional `enforcementLevel`; an empty file is no config; entries with neither are dropped;
 * - the config sent to the pack starts from each policy's level and the `default`s of its config
 *   schema, then the pack's initial config, then the file: `all` sets every policy's level first,
 *   then each policy's own entry sets its level and merges its properties over the defaults;
 * - every policy's properties are then validated against its config schema (as an object of
 *   those properties, with its `required` list), and any error stops the run.
 *
 * Where we differ, and why: Pulumi resolves an `environments` list through Pulumi ESC, which
 * needs the service, so offline it is an error; a key that names no policy, or a property a
 * policy's schema does not list, is accepted by Pulumi without a word, and here also accepted
 * but reported as a warning with the nearest name (a misspelt key would otherwise do nothing).
 */
import * as fs from "fs";
import { z } from "zod";
import { nearestKey } from "../components/nearestKey";
import { describeValue, fromZodIssues, formatPath } from "../components/validation";
import type { EnforcementLevel, PackConfig, PolicyInfo } from "./analyzer";

/** The enforcement levels Pulumi accepts (apitype.EnforcementLevel's IsValid). */
export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = [
  "advisory",
  "mandatory",
  "remediate",
  "disabled",
];

/** A policy config file that cannot be used: exit code 2, one message. */
export class PolicyConfigError extends Error {
  constructor(file: string, problems: readonly string[]) {
    const head = `--policy-pack-config ${file}`;
    super(
      problems.length === 1
        ? `${head}: ${problems[0]}`
        : `${head} has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "PolicyConfigError";
    this.stack = `${this.name}: ${this.message}`;
  }
}

const LEVELS_TEXT = ENFORCEMENT_LEVELS.map((l) => JSON.stringify(l)).join(", ");

function isLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && (ENFORCEMENT_LEVELS as readonly string[]).includes(value);
}

/** The file's entries, by Pulumi's parsing rules; every problem is collected. */
export function parsePolicyPackConfig(text: string, file: string): PackConfig {
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new PolicyConfigError(file, [
      `is not JSON: ${(err as Error).message.split("\n")[0]}. Write an object such as { "require-tags": "mandatory" }.`,
    ]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PolicyConfigError(file, [
      `must be a JSON object of policy names; got ${describeValue(value)}. Write an object such as { "require-tags": "mandatory" }.`,
    ]);
  }
  const problems: string[] = [];
  const config: PackConfig = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (key === "environments") {
      problems.push(
        `\`environments\` names Pulumi ESC environments, which plan cannot open offline; got ${describeValue(entry)}. Remove it and write the values into the file.`,
      );
      continue;
    }
    if (typeof entry === "string") {
      if (!isLevel(entry)) {
        problems.push(
          `\`${key}\` must be an enforcement level (${LEVELS_TEXT}) or an object; got ${describeValue(entry)}.`,
        );
        continue;
      }
      config[key] = { enforcementLevel: entry };
    } else if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) {
      const { enforcementLevel, ...props } = entry as Record<string, unknown>;
      if (enforcementLevel !== undefined && !isLevel(enforcementLevel)) {
        problems.push(
          `\`${key}.enforcementLevel\` must be one of ${LEVELS_TEXT}; got ${describeValue(enforcementLevel)}.`,
        );
        continue;
      }
      // Pulumi drops an entry with neither a level nor properties.
      if (enforcementLevel === undefined && Object.keys(props).length === 0) continue;
      config[key] = enforcementLevel === undefined ? props : { ...props, enforcementLevel };
    } else {
      problems.push(
        `\`${key}\` must be an enforcement level (${LEVELS_TEXT}) or an object of the policy's properties; got ${describeValue(entry)}.`,
      );
    }
  }
  if (problems.length > 0) throw new PolicyConfigError(file, problems);
  return config;
}

/** Reads `file` with {@link parsePolicyPackConfig}. */
export function readPolicyPackConfig(file: string): PackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PolicyConfigError(file, [`cannot be read: ${(err as Error).message.split("\n")[0]}`]);
  }
  return parsePolicyPackConfig(text, file);
}

function withoutLevel(entry: PackConfig[string] | undefined): Record<string, unknown> {
  const { enforcementLevel: _level, ...props } = entry ?? {};
  void _level;
  return props;
}

/**
 * The config to send in Configure: every policy's level and properties, by Pulumi's
 * ReconcilePolicyPackConfig (defaults, then `initial`, then `given`), validated against each
 * policy's config schema. Throws one {@link PolicyConfigError} for every schema error; returns
 * the config and warnings for names the pack does not know.
 */
export function reconcilePolicyPackConfig(
  policies: readonly PolicyInfo[],
  initial: PackConfig,
  given: PackConfig,
  file: string,
): { config: PackConfig; warnings: string[] } {
  const result: PackConfig = {};
  for (const p of policies) {
    const defaults: Record<string, unknown> = {};
    for (const [k, schema] of Object.entries(p.configSchema?.properties ?? {})) {
      const d = (schema as { default?: unknown } | undefined)?.default;
      if (d !== undefined) defaults[k] = d;
    }
    result[p.name] = { ...defaults, enforcementLevel: p.enforcementLevel };
  }
  const apply = (config: PackConfig) => {
    const all = config.all?.enforcementLevel;
    if (all !== undefined) {
      for (const name of Object.keys(result))
        result[name] = { ...result[name], enforcementLevel: all };
    }
    for (const [name, entry] of Object.entries(config)) {
      // Pulumi keeps `all` as an entry of its own too; no policy reads it, so it is not sent.
      if (name === "all") continue;
      const level = entry.enforcementLevel ?? result[name]?.enforcementLevel;
      result[name] = {
        ...withoutLevel(result[name]),
        ...withoutLevel(entry),
        ...(level === undefined ? {} : { enforcementLevel: level }),
      };
    }
  };
  apply(initial);
  apply(given);

  const names = policies.map((p) => p.name);
  const warnings: string[] = [];
  for (const name of Object.keys(given)) {
    if (name === "all" || names.includes(name)) continue;
    const near = nearestKey(name, names);
    warnings.push(
      `--policy-pack-config ${file}: \`${name}\` is not a policy of this pack, so it changes nothing${near === undefined ? "" : ` (did you mean \`${near}\`?)`}.`,
    );
  }
  const problems: string[] = [];
  for (const p of policies) {
    const props = withoutLevel(result[p.name]);
    const known = Object.keys(p.configSchema?.properties ?? {});
    for (const key of Object.keys(withoutLevel(given[p.name]))) {
      if (known.includes(key)) continue;
      const near = nearestKey(key, known);
      warnings.push(
        `--policy-pack-config ${file}: \`${p.name}.${key}\` is not a property of this policy, so it changes nothing${near === undefined ? "" : ` (did you mean \`${near}\`?)`}.`,
      );
    }
    if (p.configSchema === undefined) continue;
    const schema = z.fromJSONSchema({
      type: "object",
      ...(known.length > 0 ? { properties: p.configSchema.properties } : {}),
      ...(p.configSchema.required.length > 0 ? { required: p.configSchema.required } : {}),
    } as Parameters<typeof z.fromJSONSchema>[0]);
    const checked = schema.safeParse(props, { reportInput: true });
    if (checked.success) continue;
    for (const issue of fromZodIssues(checked.error.issues)) {
      problems.push(`\`${formatPath(issue.path, p.name)}\` ${issue.message}.`);
    }
  }
  if (problems.length > 0) throw new PolicyConfigError(file, problems);
  return { config: result, warnings };
}
