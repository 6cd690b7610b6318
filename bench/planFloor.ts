/**
 * The floor of `plan` on the reference scenario: a fresh Node.js process that loads what plan's
 * run loads (@pulumi/pulumi, @pulumi/aws, @pulumi/aws-native, this package's components) and
 * starts the one-rule pack over the same analyzer protocol (spawn, GetAnalyzerInfo, Configure,
 * as plan/cli.ts and the Pulumi engine do), then ends it. Nothing else: no program, no mocks, no
 * report. `bench/measure.ts plan-floor` times it from spawn to exit, as it times `plan`.
 */
import "@pulumi/pulumi";
import "@pulumi/aws";
import "@pulumi/aws-native";
import "../components";
import { PolicyPackProcess } from "../plan/analyzer";
import { PACKS } from "./paths";

async function main(): Promise<void> {
  const pack = await PolicyPackProcess.start(PACKS.trivial);
  try {
    const info = await pack.info();
    await pack.configure(info.initialConfig);
  } finally {
    await pack.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
