/**
 * `incident-manager-adopt`: describes an existing Incident Manager setup as an
 * `incident-manager:spec` with import IDs, from the live account (`read`), a snapshot of it
 * (`read --snapshot`), or a CloudFormation stack (`convert`).
 *
 * Exit codes: 0 written, 2 bad arguments or input files, 3 the account could not be read.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import { parseArgs } from "util";
import { maskPersonalData } from "../tree";
import { AccountReadError, createClients, readAccount } from "./account";
import {
  parseStackResources,
  parseTemplate,
  TemplateError,
  templateToSnapshot,
} from "./cloudformation";
import { convertSnapshot, secretLine, type AdoptResult } from "./convert";
import { parseSnapshot, SnapshotError, type Snapshot } from "./snapshot";
import { SPEC_KEY } from "../../stack/spec";

const USAGE = `Usage:
  incident-manager-adopt read --region <primary region> [options]
  incident-manager-adopt read --snapshot <file> [options]
  incident-manager-adopt convert --template <file> --resources <file> [options]

read     reads the account (AWS SDK, default credentials) or a snapshot of it
convert  converts a CloudFormation stack: its template (YAML or JSON) and the output of
         \`aws cloudformation describe-stack-resources --stack-name <stack>\`

Options:
  --out <file>               the stack config to write (default: adopted.yaml), in the shape of
                             Pulumi.<stack>.yaml: aws:region, aws-native:region and ${SPEC_KEY}
  --secrets <file>           the \`pulumi config set --secret\` lines to write (default:
                             adopted-secrets.sh, mode 0600): one per channel address
  --write-snapshot <file>    read: also write what was read as a snapshot file
  --replication-set <file>   convert: the output of \`aws ssm-incidents get-replication-set\`,
                             when the stack does not hold the replication set
  --parameter <key=value>    convert: a template parameter's value (repeatable)
  --team <name>              the team of contacts no on-call schedule names (default: contacts)
  --show-addresses           print the secret lines with the addresses (masked by default)
  --force                    overwrite --out and --secrets if they exist
  -h, --help                 this text

Exit codes: 0 written, 2 bad arguments or input, 3 the account could not be read.`;

class UsageError extends Error {}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${file} is not JSON: ${(err as Error).message}`);
  }
}

function writeFile(file: string, text: string, force: boolean, mode?: number): void {
  if (!force && fs.existsSync(file)) {
    throw new UsageError(`${file} exists; pass --force to overwrite it, or choose another file.`);
  }
  fs.writeFileSync(file, text, { mode });
  if (mode !== undefined) fs.chmodSync(file, mode);
}

/** The stack config file: the spec with its notes as comments. */
export function renderConfig(result: AdoptResult, source: string): string {
  const primary = ((result.spec.setup.regions as string[] | undefined) ?? [])[0];
  const config: Record<string, unknown> = {};
  if (primary !== undefined) {
    config["aws:region"] = primary;
    config["aws-native:region"] = primary;
  }
  config[SPEC_KEY] = result.spec;
  const head = [
    `# ${SPEC_KEY} describing what exists, from ${source}, with the IDs to import.`,
    `# Channel addresses are "[secret]" here: run the \`pulumi config set --secret\` lines to set them.`,
    ...(result.notes.length === 0
      ? []
      : [
          "# Notes (what the spec cannot describe exactly, or assumed):",
          ...result.notes.map((n) => `#  - ${n}`),
        ]),
  ];
  return `${head.join("\n")}\n${yaml.dump({ config }, { lineWidth: -1, noRefs: true })}`;
}

/** The secret lines as a shell script. */
export function renderSecrets(result: AdoptResult): string {
  return [
    "#!/bin/sh",
    "# Sets each channel address as a secret config value of the selected stack.",
    "set -e",
    // An address the source did not give (an unresolved template parameter) is left for you.
    ...result.secrets.map((s) =>
      s.address === "" ? `# unknown address, set it: ${secretLine(s, true)}` : secretLine(s, true),
    ),
    "",
  ].join("\n");
}

/** What is printed: counts, imports, notes and the (masked) secret lines. */
export function summary(
  result: AdoptResult,
  files: { out: string; secrets: string },
  show: boolean,
): string {
  const { spec } = result;
  const adoptOf = (e: Record<string, unknown>) => e.adopt as Record<string, unknown>;
  const lines = [
    `Wrote ${files.out}: ${spec.teams.length} team(s), ${spec.escalations.length} escalation(s), ${spec.responsePlans.length} response plan(s).`,
    "Import IDs:",
    ...(spec.setup.replicationSetArn === undefined
      ? []
      : [`  setup: replication set ${spec.setup.replicationSetArn}`]),
    ...spec.teams.map((t) => {
      const a = adoptOf(t);
      const channels = Object.values((a.channels ?? {}) as Record<string, object>).reduce(
        (n, c) => n + Object.keys(c).length,
        0,
      );
      const rotations = Object.keys((a.rotations ?? {}) as object).length;
      return `  team ${t.name}: contacts ${(a.contacts as string[]).join(", ")}; ${channels} channel(s); ${rotations} rotation(s)`;
    }),
    ...spec.escalations.map((e) => `  escalation ${e.name}: contact ${e.alias} and its plan`),
    ...spec.responsePlans.map((p) => {
      const a = adoptOf(p);
      const alarms = (a.alarms as string[] | undefined) ?? [];
      return `  response plan ${p.responsePlanName ?? p.name}${alarms.length > 0 ? `; alarms ${alarms.join(", ")}` : ""}`;
    }),
  ];
  if (result.notes.length > 0) {
    lines.push("Notes:", ...result.notes.map((n) => `  - ${maskPersonalData(n) as string}`));
  }
  lines.push(
    `Channel addresses (${result.secrets.length}) are not in the spec. Set them as secrets: sh ${files.secrets}`,
    ...result.secrets.map((s) => `  ${secretLine(s, show)}`),
  );
  return `${lines.join("\n")}\n`;
}

interface Parsed {
  command: "read" | "convert";
  values: Record<string, string | boolean | string[] | undefined>;
}

function parse(argv: readonly string[]): Parsed | "help" {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help") return "help";
  if (command !== "read" && command !== "convert") {
    throw new UsageError(`unknown command ${JSON.stringify(command)}; use read or convert.`);
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: {
        region: { type: "string" },
        snapshot: { type: "string" },
        "write-snapshot": { type: "string" },
        template: { type: "string" },
        resources: { type: "string" },
        "replication-set": { type: "string" },
        parameter: { type: "string", multiple: true },
        team: { type: "string" },
        out: { type: "string" },
        secrets: { type: "string" },
        "show-addresses": { type: "boolean" },
        force: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    });
    if (values.help) return "help";
    return { command, values };
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Runs the command; resolves to the exit code. `out` receives what is printed. */
export async function main(
  argv: readonly string[],
  io: {
    out?: (text: string) => void;
    err?: (text: string) => void;
    read?: typeof readAccount;
    clients?: typeof createClients;
  } = {},
): Promise<number> {
  const out = io.out ?? ((t: string) => process.stdout.write(t));
  const err = io.err ?? ((t: string) => process.stderr.write(t));
  try {
    const parsed = parse(argv);
    if (parsed === "help") {
      out(`${USAGE}\n`);
      return 0;
    }
    const v = parsed.values;
    const force = v.force === true;
    const files = {
      out: (v.out as string | undefined) ?? "adopted.yaml",
      secrets: (v.secrets as string | undefined) ?? "adopted-secrets.sh",
    };
    let snapshot: Snapshot;
    let source: string;
    const extraNotes: string[] = [];
    if (parsed.command === "read") {
      if (v.snapshot !== undefined) {
        snapshot = parseSnapshot(readJson(v.snapshot as string), v.snapshot as string);
        source = `the snapshot ${v.snapshot}`;
      } else {
        const region = (v.region as string | undefined) ?? process.env.AWS_REGION;
        if (region === undefined || region === "") {
          throw new UsageError(
            "read needs --region <the replication set's first region> (or AWS_REGION), or --snapshot <file>.",
          );
        }
        const read = await (io.read ?? readAccount)((io.clients ?? createClients)(region), {
          region,
        });
        snapshot = read.snapshot;
        source = `the account in ${region}`;
        if (v["write-snapshot"] !== undefined) {
          writeFile(
            v["write-snapshot"] as string,
            `${JSON.stringify(snapshot, null, 2)}\n`,
            force,
            0o600,
          );
        }
      }
    } else {
      if (v.template === undefined || v.resources === undefined) {
        throw new UsageError("convert needs --template <file> and --resources <file>.");
      }
      const templateFile = v.template as string;
      let text: string;
      try {
        text = fs.readFileSync(templateFile, "utf8");
      } catch (e) {
        throw new UsageError(`cannot read ${templateFile}: ${(e as Error).message}`);
      }
      const template = parseTemplate(text, templateFile);
      const resources = parseStackResources(readJson(v.resources as string), v.resources as string);
      const parameters: Record<string, string> = {};
      for (const p of (v.parameter as string[] | undefined) ?? []) {
        const eq = p.indexOf("=");
        if (eq <= 0)
          throw new UsageError(`--parameter must be key=value; got ${JSON.stringify(p)}`);
        parameters[p.slice(0, eq)] = p.slice(eq + 1);
      }
      const set =
        v["replication-set"] === undefined
          ? undefined
          : (readJson(v["replication-set"] as string) as Snapshot["getReplicationSet"]);
      const converted = templateToSnapshot(template, resources, {
        parameters,
        getReplicationSet: set,
      });
      snapshot = converted.snapshot;
      extraNotes.push(...converted.notes);
      source = `the CloudFormation template ${templateFile}`;
    }
    const converted = convertSnapshot(snapshot, { teamName: v.team as string | undefined });
    const result: AdoptResult = { ...converted, notes: [...extraNotes, ...converted.notes] };
    writeFile(files.out, renderConfig(result, source), force);
    writeFile(files.secrets, renderSecrets(result), force, 0o600);
    out(summary(result, files, v["show-addresses"] === true));
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof SnapshotError || e instanceof TemplateError) {
      err(`incident-manager-adopt: ${e.message}\n`);
      return 2;
    }
    if (e instanceof AccountReadError) {
      err(`incident-manager-adopt: ${e.message}\n`);
      return 3;
    }
    err(`incident-manager-adopt: ${(e as Error)?.message ?? String(e)}\n`);
    return 3;
  }
}
