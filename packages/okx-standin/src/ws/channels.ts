// The channels the stand-in serves and the URL path each lives on (reference okx-ws.md §1.2, §3): tickers,
// books and trades on /ws/v5/public; candles (every bar /market/candles and /market/history-candles know,
// spelled as OKX spells them: candle1m, candle1H, candle1Dutc…) on /ws/v5/business.

import { INSTRUMENTS_BY_ID, type Instrument } from "../instruments";
import { BARS, type BarCalendar } from "../market/bars";
import { ERROR_TEXT, type SubscriptionArg } from "./events";

export type WsPath = "public" | "business" | "private";

/** The private channels /ws/v5/private serves (ws/private/); anywhere else they "don't exist" (60018). */
export const PRIVATE_CHANNELS: ReadonlySet<string> = new Set([
  "orders",
  "account",
  "positions",
  "balance_and_position",
]);
export type ChannelKind = "tickers" | "books" | "trades" | "candle";

export interface ChannelSpec {
  kind: ChannelKind;
  path: WsPath;
  /** Candle channels only. */
  bar?: BarCalendar;
}

const PUBLIC: ReadonlyMap<string, ChannelSpec> = new Map([
  ["tickers", { kind: "tickers", path: "public" }],
  ["books", { kind: "books", path: "public" }],
  ["trades", { kind: "trades", path: "public" }],
]);

export function channelSpec(channel: string): ChannelSpec | undefined {
  const spec = PUBLIC.get(channel);
  if (spec !== undefined) return spec;
  if (!channel.startsWith("candle")) return undefined;
  const bar = BARS.get(channel.slice("candle".length));
  return bar === undefined ? undefined : { kind: "candle", path: "business", bar };
}

export interface ResolvedArg {
  spec: ChannelSpec;
  inst: Instrument;
}

export interface ArgError {
  code: string;
  msg: string;
}

/** Checks one subscribe/unsubscribe arg against the connection's path, as OKX answers a bad one. */
export function resolveArg(raw: unknown, path: WsPath): ResolvedArg | ArgError {
  if (typeof raw !== "object" || raw === null) return { code: "60013", msg: ERROR_TEXT.invalidArgs() };
  const { channel, instId } = raw as Record<string, unknown>;
  if (typeof channel === "string" && PRIVATE_CHANNELS.has(channel)) {
    return { code: "60018", msg: ERROR_TEXT.doesNotExist(raw as Record<string, unknown>) };
  }
  if (typeof channel !== "string" || typeof instId !== "string") {
    return { code: "60013", msg: ERROR_TEXT.invalidArgs() };
  }
  const arg: SubscriptionArg = { channel, instId };
  const spec = channelSpec(channel);
  // Live OKX answers a candle channel on /public with 60018 (2025, sieblyio/okx-api#106) and a public
  // market channel on /business with 64002.
  if (spec === undefined || (spec.path === "business" && path === "public")) {
    return { code: "60018", msg: ERROR_TEXT.doesNotExist(arg) };
  }
  if (spec.path === "public" && path === "business")
    return { code: "64002", msg: ERROR_TEXT.notOnBusiness() };
  const inst = INSTRUMENTS_BY_ID.get(instId);
  if (inst === undefined) return { code: "60018", msg: ERROR_TEXT.doesNotExist(arg) };
  return { spec, inst };
}

export function isArgError(r: ResolvedArg | ArgError): r is ArgError {
  return "code" in r;
}
