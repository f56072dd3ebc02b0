/**
 * The options of one paper mount, validated by the host against `PAPER_OPTIONS_SCHEMA` (ajv with
 * `useDefaults`), so the adapter always sees every field filled in.
 */
export interface PaperOptions {
  /** Another mount's name whose public data is used (`OKX`), or `simulated` for the built-in market. */
  source: string;
  /** What a bare pair means and what `markets`, `tickers` and ranges cover. */
  market: "spot" | "swap";
  /** What a new account (a new Access Key) starts with: currency → decimal text. */
  balances: Record<string, string>;
  /** Fee rates as decimal text: maker for resting fills, taker for fills on arrival. */
  fees: { maker: string; taker: string };
  /** The SQLite file, relative to the config file's folder. */
  database: string;
  /** How far a market order may walk the book from the best price before the rest is cancelled. */
  maxSlippage: string;
  /** Maintenance margin as a fraction of notional; liquidation below it. */
  maintenanceMargin: string;
  /** Leverage of an instrument until `marginlevel` sets one. */
  defaultLeverage: number;
  /** How often resting orders and positions are checked against the market while any exist (ms). */
  checkIntervalMs: number;
  /** Seed of the simulated market (same seed, same market). */
  seed: number;
}

const DECIMAL = { type: "string", pattern: "^\\d+(\\.\\d+)?$" };

export const PAPER_OPTIONS_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    source: { type: "string", minLength: 1, default: "simulated" },
    market: { enum: ["spot", "swap"], default: "spot" },
    balances: {
      type: "object",
      propertyNames: { pattern: "^[A-Z0-9]{1,20}$" },
      additionalProperties: DECIMAL,
      default: { USDT: "10000" },
    },
    fees: {
      type: "object",
      additionalProperties: false,
      required: ["maker", "taker"],
      properties: { maker: DECIMAL, taker: DECIMAL },
      default: { maker: "0.0008", taker: "0.001" },
    },
    database: { type: "string", minLength: 1, default: "paper.db" },
    maxSlippage: { ...DECIMAL, default: "0.05" },
    maintenanceMargin: { ...DECIMAL, default: "0.005" },
    defaultLeverage: { type: "integer", minimum: 1, maximum: 125, default: 10 },
    checkIntervalMs: { type: "integer", minimum: 50, maximum: 3_600_000, default: 1_000 },
    seed: { type: "integer", minimum: 0, maximum: 4294967295, default: 1 },
  },
} as const;

/** Whether the source is the built-in simulated market (not another mount). */
export function isSimulated(options: Pick<PaperOptions, "source">): boolean {
  return options.source.toLowerCase() === "simulated";
}
