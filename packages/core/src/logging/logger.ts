import winston from "winston";
import { escapeControl } from "./escape";
import { redactText, redactValue } from "./redact";

export type Logger = winston.Logger;
export type LogLevel = "error" | "warn" | "info" | "debug";
export const LOG_LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];

/**
 * The secret values of one call, carried by the call's child logger under a symbol (never printed:
 * symbol keys are skipped by every formatter), so whatever an adapter logs is scrubbed of that caller's
 * key, secret and passphrase even when it quotes caller text.
 */
export const CALL_SECRETS = Symbol("fmz-gateway.call-secrets");

/** Last line of defence: secret-named fields are masked and the call's secret values scrubbed. */
const redactMeta = winston.format((info) => {
  const secrets = (info as { [CALL_SECRETS]?: readonly string[] })[CALL_SECRETS] ?? [];
  if (secrets.length > 0 && typeof info.message === "string")
    info.message = redactText(info.message, secrets);
  for (const key of Object.keys(info)) {
    if (key === "level" || key === "message" || key === "timestamp") continue;
    const cleaned = redactValue({ [key]: info[key] }, secrets) as Record<string, unknown>;
    info[key] = cleaned[key];
  }
  return info;
});

/** One line per entry, whatever the message holds: caller text cannot start a line of its own. */
const line = winston.format.printf((info) => {
  const { level, message, timestamp, ...meta } = info;
  const rest = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : "";
  return `${String(timestamp)} ${level} ${escapeControl(String(message))}${rest}`;
});

export interface LoggerOptions {
  level?: LogLevel;
  /** `text` (default) for people, `json` for log collectors (JSON escapes control characters itself). */
  format?: "text" | "json";
  /** Where lines go; defaults to stderr so stdout stays free for the start banner. */
  stream?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const transport = opts.stream
    ? new winston.transports.Stream({ stream: opts.stream })
    : new winston.transports.Console({ stderrLevels: [...LOG_LEVELS] });
  return winston.createLogger({
    level: opts.level ?? "info",
    format: winston.format.combine(
      redactMeta(),
      winston.format.timestamp(),
      opts.format === "json" ? winston.format.json() : line,
    ),
    transports: [transport],
  });
}

/** A child of `logger` whose lines are scrubbed of `secrets` (one call's key, secret and passphrase). */
export function secretScrubbingLogger(logger: Logger, secrets: readonly string[]): Logger {
  return secrets.length === 0 ? logger : logger.child({ [CALL_SECRETS]: secrets });
}

/** A logger that drops everything; for adapters constructed outside a gateway (unit tests). */
export function silentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}
