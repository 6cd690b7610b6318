// `prepare`: npm runs it when it installs this folder (`npm install` with no package names, as
// the Node.js language host runs for `pulumi package add`). It installs the repository's
// dependencies if they are missing and compiles it, so that index.js finds dist/provider/main.js.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (args) =>
  execFileSync(npm, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
if (!fs.existsSync(path.join(root, "node_modules", "@pulumi", "pulumi"))) {
  run(["ci", "--no-audit", "--no-fund"]);
}
run(["run", "build"]);
