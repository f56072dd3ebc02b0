import { OKX_OPTIONS_SCHEMA } from "@fmz-gateway/okx";
import { optionsSchema as CCXT_OPTIONS_SCHEMA } from "@fmz-gateway/ccxt";

const SCHEMAS: Record<"OKX" | "ccxt", { properties: object }> = {
  OKX: OKX_OPTIONS_SCHEMA,
  ccxt: CCXT_OPTIONS_SCHEMA,
};

/**
 * `{streams: on}` for an adapter whose options know `streams`, else nothing: a mount option the schema
 * does not know is refused at start, and the bench must run with adapters from before streams too.
 */
export function streamsOption(adapter: "OKX" | "ccxt", on: boolean): { streams?: boolean } {
  return "streams" in SCHEMAS[adapter].properties ? { streams: on } : {};
}
