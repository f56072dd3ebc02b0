import { Command, InvalidArgumentError, Option } from "commander";
import path from "node:path";
import type { GatewayConfig } from "../config/config-schema";
import { loadConfigFile, validateConfig } from "../config/load-config";
import { loadPlugins } from "../config/load-plugins";
import { statusPortFor } from "../host/browser-ports";
import { Gateway } from "../host/gateway";
import { LOG_LEVELS, type LogLevel, createLogger } from "../logging/logger";
import { exchangeRegistry } from "../registry/exchange-registry";
import { VERSION } from "../version";
import { doctorCommand } from "./doctor/doctor-command";
import { type DoctorFlags, runDoctor } from "./doctor/run-doctor";
import { type NewAdapterFlags, newAdapterCommand } from "./new-adapter/new-adapter-command";
import { runNewAdapter } from "./new-adapter/run-new-adapter";

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where log lines go; stderr by default. */
  logStream?: NodeJS.WritableStream;
  /** Sets the process's exit code (`doctor` exits 1 when a check fails); `process.exitCode` by default. */
  exitCode?: (code: number) => void;
}

interface CliFlags {
  config?: string;
  host?: string;
  port?: number;
  plugin: string[];
  logLevel?: LogLevel;
  logFormat?: "text" | "json";
  record?: string;
  callTimeout?: number;
  allow: string[];
  statusPort?: number | false;
}

function portOrFalse(value: string): number | false {
  if (value === "false") return false;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("expected a port or false");
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number");
  return n;
}

export function buildCommand(): Command {
  return (
    new Command("fmz-gateway")
      // Serving's flags belong before `doctor`; after it, the same names are doctor's own.
      .enablePositionalOptions()
      .addCommand(doctorCommand())
      .addCommand(newAdapterCommand())
      .description("Serve FMZ custom-protocol exchange adapters over HTTP: POST /<exchange name>")
      .version(VERSION, "-V, --version")
      .option("-c, --config <file>", "JSON config file (see docs/configuration.md)")
      .option("--host <address>", "address to bind (default 127.0.0.1: keys travel in plain text)")
      .option("-p, --port <port>", "port to listen on (default 6666)", integer)
      .option(
        "--plugin <module>",
        "adapter module to load (package name or path); repeatable",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .addOption(
        new Option("--log-level <level>", "error, warn, info or debug (default info)").choices([
          ...LOG_LEVELS,
        ]),
      )
      .addOption(new Option("--log-format <format>", "text or json (default text)").choices(["text", "json"]))
      .option(
        "--status-port <port>",
        "port of the status page's own listener, or false (default 6680 when --port is 6666)",
        portOrFalse,
      )
      .option("--record <file>", "append every request and reply, secrets redacted, as JSON lines")
      .option("--call-timeout <ms>", "default deadline of one call (default 30000)", integer)
      .option(
        "--allow <address>",
        "address or CIDR range that may call besides loopback; repeatable (needed to bind beyond loopback)",
        (v: string, acc: string[]) => [...acc, v],
        [],
      )
      .addHelpText(
        "after",
        `
Examples:
  fmz-gateway --plugin @fmz-gateway/okx                serve OKX at http://127.0.0.1:6666/OKX
  fmz-gateway --config fmz-gateway.json                 mounts, options and plugins from a file
  fmz-gateway --config fmz-gateway.json --record calls.jsonl
  fmz-gateway doctor --config fmz-gateway.json          check the setup: config, mounts, clock, keys
  fmz-gateway new-adapter myex                          scaffold an adapter package for exchange MYEX

On FMZ: add an exchange with protocol "custom", service address http://127.0.0.1:6666/<NAME>,
your exchange Access Key, and your Secret Key (extras comma-separated, e.g. SECRET,PASSPHRASE).`,
      )
  );
}

/**
 * The `fmz-gateway` command. Returns the running gateway (tests stop it), or undefined when it only
 * printed help or the version. Start-up errors are thrown with a readable message.
 */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<Gateway | undefined> {
  const cmd = buildCommand()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  let doctorFlags: DoctorFlags | undefined;
  cmd.action(() => undefined); // serving: a root action, so `doctor` is not needed to run
  (cmd.commands.find((c) => c.name() === "doctor") as Command)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .action((opts: DoctorFlags) => {
      doctorFlags = opts;
    });
  let newAdapter: { name: string; flags: NewAdapterFlags } | undefined;
  (cmd.commands.find((c) => c.name() === "new-adapter") as Command)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .action((name: string, flags: NewAdapterFlags) => {
      newAdapter = { name, flags };
    });
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  if (wantsHelp) {
    // Load what the user would load, so --help can list the adapters it offers.
    await loadFromArgs(argv).catch(() => undefined);
    const names = exchangeRegistry.list();
    cmd.addHelpText(
      "after",
      `\nAdapters loaded: ${names.length ? names.map((r) => r.name + (r.description ? ` (${r.description})` : "")).join(", ") : "none (add --plugin or a config with plugins)"}`,
    );
  }
  try {
    cmd.parse(["node", "fmz-gateway", ...argv]);
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help")
      return undefined;
    throw new Error((err as Error).message.replace(/^error: /, ""));
  }
  if (doctorFlags) {
    const report = await runDoctor(doctorFlags, io);
    (io.exitCode ?? ((code: number) => (process.exitCode = code)))(report.failed > 0 ? 1 : 0);
    return undefined;
  }
  if (newAdapter) {
    runNewAdapter(newAdapter.name, newAdapter.flags, io);
    return undefined;
  }
  const flags = cmd.opts<CliFlags>();
  const { config, dir } = flags.config
    ? loadConfigFile(flags.config)
    : { config: {} as GatewayConfig, dir: process.cwd() };
  const merged = validateConfig({
    ...config,
    // A recording path in the file is taken from the file's folder; one on the command line from here.
    ...(config.record ? { record: path.resolve(dir, config.record) } : {}),
    ...(flags.host !== undefined ? { host: flags.host } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.logLevel ? { logLevel: flags.logLevel } : {}),
    ...(flags.logFormat ? { logFormat: flags.logFormat } : {}),
    ...(flags.record ? { record: path.resolve(flags.record) } : {}),
    ...(flags.callTimeout !== undefined ? { callTimeoutMs: flags.callTimeout } : {}),
    ...(flags.allow.length ? { allow: [...(config.allow ?? []), ...flags.allow] } : {}),
    ...(flags.statusPort !== undefined ? { statusPort: flags.statusPort } : {}),
  });
  await loadPlugins(config.plugins ?? [], dir);
  await loadPlugins(flags.plugin, process.cwd());
  const logger = createLogger({ level: merged.logLevel, format: merged.logFormat, stream: io.logStream });
  const gateway = await Gateway.start({
    host: merged.host,
    port: merged.port,
    exchanges: merged.exchanges,
    logger,
    recordFile: merged.record,
    callTimeoutMs: merged.callTimeoutMs,
    baseDir: dir,
    allow: merged.allow,
    allowOrigins: merged.allowOrigins,
    hostnames: merged.hostnames,
    statusPort: statusPortFor(merged.port ?? 6666, merged.statusPort),
  });
  io.out(`fmz-gateway ${VERSION} listening on ${gateway.url}`);
  const width = Math.max(...[...gateway.mounts.keys()].map((n) => n.length), 4);
  for (const m of gateway.mounts.values()) {
    io.out(`  ${gateway.url}/${m.name.padEnd(width)}  → ${m.adapterName}${describeOptions(m.options)}`);
  }
  if (gateway.mounts.size === 0)
    io.out("  (no exchanges mounted: pass --plugin or a config with plugins and exchanges)");
  if (merged.record) io.out(`  recording requests to ${merged.record}`);
  // The page's own port first: browsers refuse the API's 6666 (ERR_UNSAFE_PORT).
  const page = gateway.statusUrl ?? gateway.url;
  io.out(`  status page ${page}/  metrics ${page}/metrics`);
  if (merged.allow?.length) io.out(`  also serving callers from ${merged.allow.join(", ")}`);
  return gateway;
}

async function loadFromArgs(argv: readonly string[]): Promise<void> {
  const plugins: string[] = [];
  for (let i = 0; i < argv.length - 1; i++) {
    if (argv[i] === "--plugin") plugins.push(argv[i + 1]);
    if (argv[i] === "--config" || argv[i] === "-c") {
      const { config, dir } = loadConfigFile(argv[i + 1]);
      await loadPlugins(config.plugins ?? [], dir);
    }
  }
  await loadPlugins(plugins);
}

/** Options worth showing at start (never credentials: adapters take those per call, not in options). */
function describeOptions(options: Record<string, unknown>): string {
  const shown = Object.entries(options)
    .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
    .map(([k, v]) => `${k}=${String(v)}`);
  return shown.length ? ` (${shown.join(", ")})` : "";
}

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(line + "\n"),
  err: (line) => process.stderr.write(line + "\n"),
};
