import type { FromSchema } from "@fmz-gateway/core";

const DECIMAL = { type: "string", pattern: "^\\d+(\\.\\d+)?$" } as const;

/**
 * The options of one paper mount: the one declaration of each key, its rule, default and meaning
 * (`PaperOptions` is derived from it). The host validates a mount's options against it (ajv with
 * `useDefaults`), so the adapter always sees every field filled in.
 */
export const PAPER_OPTIONS_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    source: {
      type: "string",
      minLength: 1,
      default: "simulated",
      description:
        "Another mount's name whose public data is used (`OKX`), or `simulated` for the built-in market.",
    },
    market: {
      enum: ["spot", "swap"],
      default: "spot",
      description: "What a bare pair means and what `markets`, `tickers` and ranges cover.",
    },
    balances: {
      type: "object",
      propertyNames: { pattern: "^[A-Z0-9]{1,20}$" },
      additionalProperties: DECIMAL,
      default: { USDT: "10000" },
      description: "What a new account (a new Access Key) starts with: currency → decimal text.",
    },
    fees: {
      type: "object",
      additionalProperties: false,
      required: ["maker", "taker"],
      properties: { maker: DECIMAL, taker: DECIMAL },
      default: { maker: "0.0008", taker: "0.001" },
      description: "Fee rates as decimal text: maker for resting fills, taker for fills on arrival.",
    },
    database: {
      type: "string",
      minLength: 1,
      default: "paper.db",
      description: "The SQLite file, relative to the config file's folder.",
    },
    maxSlippage: {
      ...DECIMAL,
      default: "0.05",
      description:
        "How far a market order may walk the book from the best price before the rest is cancelled.",
    },
    maintenanceMargin: {
      ...DECIMAL,
      default: "0.005",
      description: "Maintenance margin as a fraction of notional; liquidation below it.",
    },
    defaultLeverage: {
      type: "integer",
      minimum: 1,
      maximum: 125,
      default: 10,
      description:
        "Leverage of an instrument until `marginlevel` sets one (at most the instrument's maximum leverage).",
    },
    maxLeverage: {
      type: "integer",
      minimum: 1,
      maximum: 1000,
      default: 20,
      description:
        "The highest leverage of a contract whose source states none (OKX and ccxt state theirs; the simulated swaps allow 100 and 75).",
    },
    positionMode: {
      enum: ["net", "long_short"],
      default: "net",
      description:
        "Contract mounts: one net position per instrument (`net`), or a long and a short side by side (`long_short`, hedge mode).",
    },
    checkIntervalMs: {
      type: "integer",
      minimum: 50,
      maximum: 3_600_000,
      default: 1_000,
      description:
        "How often resting orders and positions are checked against the market while any exist (ms).",
    },
    seed: {
      type: "integer",
      minimum: 0,
      maximum: 4294967295,
      default: 1,
      description: "Seed of the simulated market (same seed, same market).",
    },
  },
} as const;

/** The options of one paper mount once validated: every field filled in. */
export type PaperOptions = FromSchema<typeof PAPER_OPTIONS_SCHEMA>;

/** Whether the source is the built-in simulated market (not another mount). */
export function isSimulated(options: Pick<PaperOptions, "source">): boolean {
  return options.source.toLowerCase() === "simulated";
}
