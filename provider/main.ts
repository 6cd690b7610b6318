/**
 * Starts the component provider: the gRPC server of `@pulumi/pulumi/provider` (`main`), which
 * prints its port on stdout for the engine, serving `provider/schema.json`.
 */
import * as fs from "fs";
import * as path from "path";
import * as provider from "@pulumi/pulumi/provider";
import * as components from "../components";
import { IncidentManagerProvider, type ComponentConstructor } from "./provider";
import { SERVED_COMPONENTS } from "./served";

/** True when running compiled (`dist/provider/main.js`), false from the TypeScript sources. */
const COMPILED = path.extname(__filename) === ".js";

/** The committed schema, next to this file in the sources. */
export const SCHEMA_FILE = path.join(__dirname, COMPILED ? "../../provider" : ".", "schema.json");

/** The classes served, by name. */
export function servedClasses(): Record<string, ComponentConstructor> {
  const all = components as unknown as Record<string, ComponentConstructor>;
  const out: Record<string, ComponentConstructor> = {};
  for (const name of SERVED_COMPONENTS) out[name] = all[name];
  return out;
}

/** Serves until the engine stops the process; `args` are the plugin's (the engine address). */
export function serve(args: string[]): Promise<void> {
  const schema = fs.readFileSync(SCHEMA_FILE, "utf8");
  return provider.main(new IncidentManagerProvider(schema, servedClasses()), args);
}
