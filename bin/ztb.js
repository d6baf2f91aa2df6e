#!/usr/bin/env node
"use strict";
const { main } = require("../lib/policies/cli/main.js");
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`ztb: ${err && err.message ? err.message : String(err)}\n`); process.exitCode = 2; },
);
