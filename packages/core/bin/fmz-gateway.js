#!/usr/bin/env node
// A committed entry point, so npm links the `fmz-gateway` command at install time, before the
// TypeScript build has produced dist/ (a bin pointing into dist/ would not be linked by `npm ci`).
require("../dist/cli/main.js");
