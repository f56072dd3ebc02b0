import winston from "winston";
import { redactValue } from "./redact";

export type Logger = winston.Logger;
export type LogLevel = "error" | "warn" | "info" | "debug";
export const LOG_LEVELS: readonly LogLevel[] = ["error", "warn", "info", "debug"];

/** Last line of defence: whatever an adapter logs, secret-named fields are masked before output. */
const redactMeta = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === "level" || key === "message" || key === "timestamp") continue;
    const cleaned = redactValue({ [key]: info[key] }) as Record<string, unknown>;
    info[key] = cleaned[key];
  }
  return info;
});

const line = winston.format.printf((info) => {
  const { level, message, timestamp, ...meta } = info;
  const rest = Object.keys(meta).length > 0 ? ` ${JSON.stringify(meta)}` : "";
  return `${String(timestamp)} ${level} ${String(message)}${rest}`;
});

export interface LoggerOptions {
  level?: LogLevel;
  /** `text` (default) for people, `json` for log collectors. */
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

/** A logger that drops everything; for adapters constructed outside a gateway (unit tests). */
export function silentLogger(): Logger {
  return winston.createLogger({
    silent: true,
    transports: [new winston.transports.Console({ silent: true })],
  });
}
