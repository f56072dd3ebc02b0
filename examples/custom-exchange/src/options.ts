/** A DEMOEX mount's options, as the config's `exchanges.<NAME>.options` gives them. */
export interface DemoExOptions {
  /** DEMOEX's REST root: the exchange, a proxy, or the stand-in. */
  baseUrl: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_BASE_URL = "http://127.0.0.1:18201";

/**
 * The host validates a mount's options against this at start-up and fills in the defaults, so the
 * adapter always sees complete options; a wrong key or type stops the gateway naming the config path.
 */
export const demoExOptionsSchema = {
  type: "object",
  additionalProperties: false,
  properties: {
    baseUrl: { type: "string", pattern: "^https?://", default: DEFAULT_BASE_URL },
    timeoutMs: { type: "integer", minimum: 100, maximum: 120_000, default: 10_000 },
  },
} as const;
