import { Exchange, ExchangeAdapter, type InstrumentParams, type Ticker } from "@fmz-gateway/core";

/**
 * The host's ceiling: an adapter whose ticker needs no upstream request, so a call measures only what
 * the gateway itself costs (HTTP, parsing, validation, dispatch, logging, reply).
 */
@Exchange("BENCH_NULL", { description: "bench: answers ticker without an exchange" })
export class NullAdapter extends ExchangeAdapter {
  override async getTicker(_ctx: unknown, p: InstrumentParams): Promise<Ticker> {
    return {
      symbol: p.symbol.text,
      buy: 100,
      sell: 100.1,
      high: 101,
      low: 99,
      open: 99.5,
      last: 100.05,
      vol: 1234.5,
      time: Date.now(),
    };
  }
}
