import type { LogLevel } from "../logging/logger";
import type { MountConfig } from "../host/mounts";

/** The gateway's config file (JSON). Every key is optional; CLI flags override the file. */
export interface GatewayConfig {
  host?: string;
  port?: number;
  logLevel?: LogLevel;
  logFormat?: "text" | "json";
  /** Append each request and reply, secrets redacted, to this file. */
  record?: string;
  /** Default per-call deadline in milliseconds. */
  callTimeoutMs?: number;
  /** Addresses and CIDR ranges that may call besides loopback; required to bind beyond loopback. */
  allow?: string[];
  /** Web origins whose pages may call the gateway (the FMZ docker sends no Origin); default none. */
  allowOrigins?: string[];
  /** Names or addresses the gateway answers to besides loopback, `localhost` and this machine's addresses. */
  hostnames?: string[];
  /**
   * Port of a second listener serving only the status page, `/status.json`, `/metrics` and `/health`.
   * Default 6680 when `port` is one browsers refuse (6666 is), else none; `false` turns it off.
   */
  statusPort?: number | false;
  /** Modules to load: package names resolved from the working directory, or paths. */
  plugins?: string[];
  /** Path → adapter. Omitted: every loaded adapter at its own name. */
  exchanges?: Record<string, MountConfig>;
}

export const configSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    host: { type: "string", minLength: 1 },
    port: { type: "integer", minimum: 0, maximum: 65535 },
    logLevel: { enum: ["error", "warn", "info", "debug"] },
    logFormat: { enum: ["text", "json"] },
    record: { type: "string", minLength: 1 },
    callTimeoutMs: { type: "integer", minimum: 100, maximum: 600000 },
    allow: { type: "array", items: { type: "string", minLength: 1 } },
    allowOrigins: { type: "array", items: { type: "string", pattern: "^https?://[^/\\s]+$" } },
    hostnames: { type: "array", items: { type: "string", pattern: "^[A-Za-z0-9.:-]{1,253}$" } },
    statusPort: { anyOf: [{ type: "integer", minimum: 0, maximum: 65535 }, { const: false }] },
    plugins: { type: "array", items: { type: "string", minLength: 1 } },
    exchanges: {
      type: "object",
      propertyNames: { pattern: "^[A-Za-z0-9_.-]{1,64}$" },
      additionalProperties: {
        type: "object",
        required: ["adapter"],
        additionalProperties: false,
        properties: {
          adapter: { type: "string", minLength: 1 },
          options: { type: "object" },
          callTimeoutMs: { type: "integer", minimum: 100, maximum: 600000 },
        },
      },
    },
  },
} as const;
