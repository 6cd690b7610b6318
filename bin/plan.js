#!/usr/bin/env node
// `plan` from a checkout of this repository: compiles the TypeScript sources on the fly.
"use strict";
const path = require("path");
require("ts-node").register({
  transpileOnly: true,
  project: path.join(__dirname, "..", "tsconfig.json"),
});
require("../plan/cli")
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    () => process.exit(3),
  );
