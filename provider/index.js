// The plugin's entry point, as the Node.js language host loads it (`main` of package.json):
// `node @pulumi/pulumi/cmd/run-plugin <this folder> <engine address>`. It exports nothing, so
// run-plugin does not start the SDK's analysing ComponentProvider; it starts ours, compiled,
// which serves the committed schema.json. `npm run build` at the repository root writes the
// compiled files (npm runs build.js when it installs this folder).
//
// INCIDENT_MANAGER_PROVIDER_SOURCES=1 runs the TypeScript sources instead, transpiled without a
// type-check (the repository's tests do, so that they test the sources they sit next to).
"use strict";
const fs = require("fs");
const path = require("path");

const args = process.argv.slice(2);
if (process.env.INCIDENT_MANAGER_PROVIDER_SOURCES === "1") {
  // run-plugin registers ts-node with a type-check; hand .ts files to a transpile-only one.
  const tsnode = require("ts-node");
  const typeChecking = process[tsnode.REGISTER_INSTANCE];
  if (typeChecking) typeChecking.enabled(false);
  tsnode.register({ transpileOnly: true, project: path.join(__dirname, "..", "tsconfig.json") });
  require("./main.ts").serve(args);
} else {
  const compiled = path.join(__dirname, "..", "dist", "provider", "main.js");
  if (!fs.existsSync(compiled)) {
    console.error(
      `incident-manager: ${compiled} is missing. Run \`npm ci && npm run build\` in ` +
        `${path.dirname(__dirname)} (npm install in this folder does it), then try again.`,
    );
    process.exit(1);
  }
  require(compiled).serve(args);
}
