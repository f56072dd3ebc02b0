import { type Markets, parseSymbol } from "@fmz-gateway/core";
import type { DockerClient } from "../docker-client";
import { methodSpec } from "./methods";

/** The instrument's tick, lot and minimum, as `markets` gives them, and whether it is a contract. */
export interface InstrumentRules {
  /** The `markets` key it was found under (`BTC_USDT`, or `BTC_USDT.swap` for a bare pair on a swap mount). */
  key: string;
  tick: string;
  lot: string;
  /** 0 when `markets` gives none. */
  minQty: string;
  /** A swap or future: amounts are contracts, a market buy too. */
  contract: boolean;
}

const MARKETS = methodSpec("getMarkets");

/**
 * Reads the instrument's rules from `markets`; answers why not (a sentence) when it cannot: the method
 * failed, the instrument is not listed, or its tick or lot is not positive.
 */
export async function readInstrumentRules(
  client: DockerClient,
  symbol: string,
): Promise<InstrumentRules | string> {
  const reply = await client.call<Markets>(MARKETS.wire, {});
  if (reply.error !== undefined || reply.data === undefined || typeof reply.data !== "object") {
    return `${MARKETS.wire} answered ${JSON.stringify(reply.error ?? reply.data)}`;
  }
  const wanted = parseSymbol(symbol).text;
  const key = Object.hasOwn(reply.data, wanted)
    ? wanted
    : Object.keys(reply.data).find((k) => k.startsWith(`${wanted}.`));
  if (key === undefined) return `${MARKETS.wire} does not list ${wanted}`;
  const m = reply.data[key];
  const text = (v: unknown) => (typeof v === "number" ? String(v) : typeof v === "string" ? v : "");
  const tick = text(m.tickSize);
  const lot = text(m.amountSize);
  if (!(Number(tick) > 0 && Number(lot) > 0)) return `${MARKETS.wire} gives ${key} no positive tick and lot`;
  const minQty = Number(text(m.minQty)) > 0 ? text(m.minQty) : "0";
  return { key, tick, lot, minQty, contract: key.includes(".") };
}
