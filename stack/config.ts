/**
 * Reading the spec from the stack's config, keeping channel addresses secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../components";
import { CONTEXT, SPEC_KEY } from "./schema";

/**
 * Whether the engine marked a config key secret. `isConfigSecret` is exported by the SDK's
 * runtime (it reads PULUMI_CONFIG_SECRET_KEYS) but not declared in its types.
 */
function isSecretKey(key: string): boolean {
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  return runtime.isConfigSecret?.(key) ?? false;
}

/**
 * The spec with every channel address made a secret Output, for a spec that holds secure values
 * (`pulumi config set --secret --path 'incident-manager:spec.teams[0].members[0].channels[0].address'`).
 * Pulumi hands a program the whole structured value decrypted, as one secret key, without saying
 * which leaves were secure; addresses are the personal data a spec holds, so each stays secret.
 * A `[secret]` placeholder (where `plan` cannot decrypt) is passed on as such: OnCallTeam checks
 * the channel as far as possible (its type and name) and leaves that address unchecked.
 */
export function withSecretAddresses(spec: unknown): unknown {
  const teams = (spec as { teams?: unknown })?.teams;
  if (!Array.isArray(teams)) return spec;
  const secretAddress = (address: unknown) =>
    typeof address === "string" ? pulumi.secret(address) : address;
  return {
    ...(spec as object),
    teams: teams.map((team: unknown) => {
      const members = (team as { members?: unknown })?.members;
      if (!Array.isArray(members)) return team;
      return {
        ...(team as object),
        members: members.map((member: unknown) => {
          const channels = (member as { channels?: unknown })?.channels;
          if (!Array.isArray(channels)) return member;
          return {
            ...(member as object),
            channels: channels.map((c: unknown) =>
              typeof c === "object" && c !== null && "address" in c
                ? { ...c, address: secretAddress((c as { address: unknown }).address) }
                : c,
            ),
          };
        }),
      };
    }),
  };
}

/** `setup.pagerDutySecret`, when the spec has one as an object. */
function pagerDutySecretOf(spec: unknown): Record<string, unknown> | undefined {
  const setup = (spec as { setup?: unknown } | undefined)?.setup;
  const secret = (setup as { pagerDutySecret?: unknown } | undefined)?.pagerDutySecret;
  return typeof secret === "object" && secret !== null && !Array.isArray(secret)
    ? (secret as Record<string, unknown>)
    : undefined;
}

/**
 * The spec with the PagerDuty secret's token and email made secret Outputs (the component keeps
 * them secret as well; this keeps them secret from the moment the program reads them).
 */
export function withSecretCredentials(spec: unknown): unknown {
  const credentials = pagerDutySecretOf(spec);
  if (credentials === undefined) return spec;
  const secret = (v: unknown) => (typeof v === "string" ? pulumi.secret(v) : v);
  const setup = (spec as { setup: object }).setup;
  return {
    ...(spec as object),
    setup: {
      ...setup,
      pagerDutySecret: {
        ...credentials,
        pagerDutyToken: secret(credentials.pagerDutyToken),
        pagerDutyFromEmail: secret(credentials.pagerDutyFromEmail),
      },
    },
  };
}

/**
 * Reads the spec from the stack's config: `incident-manager:spec`. When the key holds secure
 * values, channel addresses and the PagerDuty credentials are kept secret (see
 * {@link withSecretAddresses}, {@link withSecretCredentials}). A PagerDuty token in a spec without
 * secure values is refused: it would sit readable in Pulumi.<stack>.yaml.
 */
export function readSpec(): unknown {
  const spec = new pulumi.Config("incident-manager").getObject<unknown>("spec");
  if (spec !== undefined && isSecretKey(SPEC_KEY)) {
    return withSecretCredentials(withSecretAddresses(spec));
  }
  const token = pagerDutySecretOf(spec)?.pagerDutyToken;
  if (typeof token === "string") {
    throw new ValidationError(CONTEXT, [
      {
        path: ["setup", "pagerDutySecret", "pagerDutyToken"],
        message: `must be a secret config value, not plain text in the stack's config file; got a plain string of ${[...token].length} characters. Set it with \`pulumi config set --secret --path '${SPEC_KEY}.setup.pagerDutySecret.pagerDutyToken' <token>\` (the file then holds only its ciphertext).`,
      },
    ]);
  }
  if (spec === undefined) {
    throw new ValidationError(CONTEXT, [
      {
        path: [],
        message: `is not set in the stack's config; got nothing. Add it to Pulumi.<stack>.yaml (Pulumi.dev.yaml holds an example) or pass \`--spec <file>\` to plan.`,
      },
    ]);
  }
  return spec;
}
