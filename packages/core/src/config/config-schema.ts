import type { FromSchema } from "json-schema-to-ts";

const PORT = { type: "integer", minimum: 0, maximum: 65535 } as const;
const CALL_TIMEOUT_MS = {
  type: "integer",
  minimum: 100,
  maximum: 600000,
  description: "Default per-call deadline in milliseconds.",
} as const;

/**
 * The gateway's config file (JSON): the one declaration of its keys, their rules and their meaning;
 * `GatewayConfig` is derived from it. Every key is optional; CLI flags override the file.
 */
export const configSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    host: { type: "string", minLength: 1 },
    port: PORT,
    logLevel: { enum: ["error", "warn", "info", "debug"] },
    logFormat: { enum: ["text", "json"] },
    record: {
      type: "string",
      minLength: 1,
      description: "Append each request and reply, secrets redacted, to this file.",
    },
    callTimeoutMs: CALL_TIMEOUT_MS,
    allow: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description:
        "Addresses and CIDR ranges that may call besides loopback; required to bind beyond loopback.",
    },
    allowOrigins: {
      type: "array",
      items: { type: "string", pattern: "^https?://[^/\\s]+$" },
      description:
        "Web origins whose pages may call the gateway (the FMZ docker sends no Origin); default none.",
    },
    hostnames: {
      type: "array",
      items: { type: "string", pattern: "^[A-Za-z0-9.:-]{1,253}$" },
      description:
        "Names or addresses the gateway answers to besides loopback, `localhost` and this machine's addresses.",
    },
    statusPort: {
      anyOf: [PORT, { const: false }],
      description:
        "Port of a second listener serving only the status page, `/status.json`, `/metrics` and `/health`. " +
        "Default 6680 when `port` is one browsers refuse (6666 is), else none; `false` turns it off.",
    },
    plugins: {
      type: "array",
      items: { type: "string", minLength: 1 },
      description: "Modules to load: package names resolved from the working directory, or paths.",
    },
    exchanges: {
      type: "object",
      description: "Path → adapter. Omitted: every loaded adapter at its own name.",
      propertyNames: { pattern: "^[A-Za-z0-9_.-]{1,64}$" },
      additionalProperties: {
        type: "object",
        required: ["adapter"],
        additionalProperties: false,
        properties: {
          adapter: {
            type: "string",
            minLength: 1,
            description: "Registered adapter name (`OKX`, `ccxt`), matched case-insensitively.",
          },
          options: {
            type: "object",
            description: "The adapter's own options (validated against its `optionsSchema`).",
          },
          callTimeoutMs: CALL_TIMEOUT_MS,
        },
      },
    },
  },
} as const;

/** The gateway's config file, as `configSchema` admits it. */
export type GatewayConfig = FromSchema<typeof configSchema>;
