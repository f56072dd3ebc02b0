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

/**
 * `{privateStreams: on}` for an adapter whose options know it, else nothing (as `streamsOption`). Rows
 * that measure private calls by REST pass `false` explicitly: the OKX adapter's default is on.
 */
export function privateStreamsOption(adapter: "OKX" | "ccxt", on: boolean): { privateStreams?: boolean } {
  return "privateStreams" in SCHEMAS[adapter].properties ? { privateStreams: on } : {};
}

/** Both stream options off: every call by REST, as the bench's REST rows measure. */
export function restOnly(adapter: "OKX" | "ccxt"): { streams?: boolean; privateStreams?: boolean } {
  return { ...streamsOption(adapter, false), ...privateStreamsOption(adapter, false) };
}
