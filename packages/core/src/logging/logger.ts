import os from "node:os";
import winston from "winston";
import { escapeControl } from "./escape";
import { isoNow } from "./iso-time";
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
  const format = winston.format.combine(
    redactMeta(),
    winston.format.timestamp(),
    opts.format === "json" ? winston.format.json() : line,
  );
  const logger = winston.createLogger({ level: opts.level ?? "info", format, transports: [transport] });
  // Any change of transports through winston's API (configure calls these too) ends the short way.
  let transportsChanged = false;
  for (const method of ["add", "remove", "clear"] as const) {
    const original = logger[method] as (...args: unknown[]) => Logger;
    logger[method] = ((...args: unknown[]) => {
      transportsChanged = true;
      return original.apply(logger, args);
    }) as never;
  }
  const stream = opts.stream;
  const json = opts.format === "json";
  directWriters.set(logger, {
    // Only while the logger is as made here: changed transports, format or meta, or silence, go
    // through winston. The level test is winston's (a smaller number is more severe), without the
    // arrays its `transports` getter makes on every read.
    usable: () =>
      !transportsChanged &&
      !logger.silent &&
      !transport.silent &&
      transport.level === undefined &&
      logger.format === format &&
      !logger.defaultMeta,
    enabled: (level) => logger.levels[level] <= logger.levels[logger.level],
    write: (level, message) => {
      const time = isoNow();
      const text = json
        ? `{"level":"${level}","message":${JSON.stringify(message)},"timestamp":"${time}"}`
        : `${time} ${level} ${escapeControl(message)}`;
      if (stream) stream.write(text + os.EOL);
      else writeStderr(text);
    },
  });
  return logger;
}

/**
 * The per-call line's short way out: the same text winston would write for a plain message (no meta,
 * no call secrets), written straight to the destination, without winston's object streams, format
 * chain and `logged` event per line. Only for loggers made by `createLogger` (a child carries the
 * call's secrets and is not in this map).
 */
interface DirectWriter {
  usable(): boolean;
  enabled(level: LogLevel): boolean;
  write(level: LogLevel, message: string): void;
}
const directWriters = new WeakMap<Logger, DirectWriter>();

/** Whether a line at `level` would be written; cheap for `createLogger`'s loggers. */
export function isLogged(logger: Logger, level: LogLevel): boolean {
  const direct = directWriters.get(logger);
  return direct && direct.usable() ? direct.enabled(level) : logger.isLevelEnabled(level);
}

/**
 * Logs one plain line at `level`: straight out when the logger is one of `createLogger`'s, through
 * winston otherwise. For messages that are already free of secrets (the dispatcher's per-call line);
 * control characters are escaped here as the text format does. Nothing is done below the level.
 */
export function logLine(logger: Logger, level: LogLevel, message: string): void {
  const direct = directWriters.get(logger);
  if (!direct || !direct.usable()) {
    if (logger.isLevelEnabled(level)) logger.log(level, message);
  } else if (direct.enabled(level)) {
    direct.write(level, message);
  }
}

/** The Console transport's own way to stderr (`console._stderr`, else `console.error`). */
function writeStderr(text: string): void {
  const stderr = (console as unknown as { _stderr?: NodeJS.WritableStream })._stderr;
  if (stderr) stderr.write(text + os.EOL);
  else console.error(text);
}

/** A child of `logger` whose lines are scrubbed of `secrets` (one call's key, secret and passphrase). */
export function secretScrubbingLogger(logger: Logger, secrets: readonly string[]): Logger {
  if (secrets.length === 0) return logger;
  // A docker calls with one set of keys: the last child is used again while the secrets are the same
  // (a child holds nothing but them), instead of a new one per call that asks for its logger.
  const last = lastChild.get(logger);
  if (last && sameSecrets(last.secrets, secrets)) return last.child;
  const child = logger.child({ [CALL_SECRETS]: secrets });
  lastChild.set(logger, { secrets: [...secrets], child });
  return child;
}

const lastChild = new WeakMap<Logger, { secrets: readonly string[]; child: Logger }>();

function sameSecrets(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A logger that drops everything; for adapters constructed outside a gateway (unit tests). */
export function silentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}
