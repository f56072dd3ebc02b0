#!/usr/bin/env node
// A committed entry point, so npm links `fmz-conformance` at install time, before dist/ is built.
require("../dist/cli.js");
