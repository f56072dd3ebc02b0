import { Command } from "commander";

/** The `new-adapter` subcommand's flags. */
export interface NewAdapterFlags {
  dir?: string;
  package?: string;
}

/**
 * The `new-adapter` subcommand's arguments and flags. Its action is attached by `runCli`, which owns the
 * process's output and exit code.
 */
export function newAdapterCommand(): Command {
  return new Command("new-adapter")
    .description("create a TypeScript adapter package for exchange NAME, with a stand-in exchange and tests")
    .argument("<name>", "the exchange's name: letters, digits, - and _ (served at /<NAME in upper case>)")
    .option("--dir <path>", "where to create it (default ./<name in lower case>); must be empty or absent")
    .option("--package <name>", "the npm package name (default fmz-gateway-<name in lower case>)")
    .addHelpText(
      "after",
      `
Works offline: the templates ship inside @fmz-gateway/core.
Examples:
  fmz-gateway new-adapter myex
  fmz-gateway new-adapter myex --dir packages/myex --package @me/fmz-myex`,
    );
}
