import { Command } from "commander";

/**
 * The `doctor` subcommand's flags. Its action is attached by `runCli`, which owns the process's
 * output and exit code.
 */
export function doctorCommand(): Command {
  return new Command("doctor")
    .description(
      "check a setup: config, each mount's public call and latency, clock, and with keys a balance call",
    )
    .option("-c, --config <file>", "JSON config file, as for serving")
    .option(
      "--plugin <module>",
      "adapter module to load (package name or path); repeatable",
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option("--mount <name>", "check only this mount (default: every mount)")
    .option("--key <accessKey>", "Access Key for the private checks (or FMZ_ACCESS_KEY)")
    .option("--secret <secretKey>", "Secret Key, parts comma-separated as on FMZ (or FMZ_SECRET_KEY)")
    .option("--symbol <symbol>", "symbol of the ticker check (default: a market the mount lists)")
    .addHelpText(
      "after",
      `
Prints one row per check, ✓ or ✗, with the fix under each ✗; exits 1 when any check fails.
Examples:
  fmz-gateway doctor --config fmz-gateway.json
  FMZ_SECRET_KEY='SECRET,PASSPHRASE' fmz-gateway doctor --config fmz-gateway.json --mount OKX --key AK`,
    );
}
