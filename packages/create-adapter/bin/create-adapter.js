#!/usr/bin/env node
// A committed entry point, so npm links `create-adapter` at install time, before dist/ is built.
require("../dist/main.js");
