#!/usr/bin/env node
// `incident-manager-plan`: in a checkout of this repository (plan/cli.ts is there) it runs the
// TypeScript sources through ts-node, so a stale `dist/` never answers; in the published package
// it runs the compiled `dist/plan/cli.js`.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");

function load() {
  if (fs.existsSync(path.join(root, "plan", "cli.ts"))) {
    let tsNode;
    try {
      tsNode = require("ts-node");
    } catch {
      return undefined;
    }
    tsNode.register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
    return require("../plan/cli");
  }
  if (fs.existsSync(path.join(root, "dist", "plan", "cli.js"))) {
    return require("../dist/plan/cli");
  }
  return undefined;
}

const cli = load();
if (cli === undefined) {
  process.stderr.write(
    "incident-manager-plan: neither dist/plan/cli.js nor the TypeScript sources with ts-node are here; run `npm ci` in a checkout, or `npm run build` to compile.\n",
  );
  process.exit(2);
}
cli.main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  () => process.exit(3),
);
