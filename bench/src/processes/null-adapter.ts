import { Exchange, ExchangeAdapter, type InstrumentParams, type Ticker } from "@fmz-gateway/core";
import { FIXED_TICKER } from "./fixed-ticker";

/**
 * The host's ceiling: an adapter whose ticker needs no upstream request, so a call measures only what
 * the gateway itself costs (HTTP, parsing, validation, dispatch, logging, reply).
 */
@Exchange("BENCH_NULL", { description: "bench: answers ticker without an exchange" })
export class NullAdapter extends ExchangeAdapter {
  override async getTicker(_ctx: unknown, p: InstrumentParams): Promise<Ticker> {
    return { symbol: p.symbol.text, ...FIXED_TICKER, time: Date.now() };
  }
}
