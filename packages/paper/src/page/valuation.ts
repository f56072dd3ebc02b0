import { Dec, type Position, parseSymbol } from "@fmz-gateway/core";
import { positions } from "../engine/queries";
import type { PaperEngine } from "../engine/paper-engine";

/** An account's value in the main currency, and what could not be valued (left out of it). */
export interface Valuation {
  value: Dec;
  /** Currencies or positions without a price in the main currency: `ETH (no ETH_USDT price)`. */
  leftOut: string[];
  /** The open positions, with their profit at the mark (engine/mark.ts), as `positions` answers them. */
  positions: Position[];
}

/**
 * Last prices of `<CCY>_<MAIN>` from the mount's source, each asked once per valuation pass (a pass
 * values many accounts). A currency with no such pair (spot, else swap) has none.
 */
export class Prices {
  private readonly asked = new Map<string, Promise<Dec | undefined>>();

  constructor(
    private readonly engine: PaperEngine,
    readonly main: string,
  ) {}

  of(currency: string): Promise<Dec | undefined> {
    let price = this.asked.get(currency);
    if (!price) {
      price = this.ask(currency).catch(() => undefined);
      this.asked.set(currency, price);
    }
    return price;
  }

  private async ask(currency: string): Promise<Dec | undefined> {
    const { instruments, source } = this.engine.ctx;
    const markets = await instruments.markets();
    const pair = `${currency}_${this.main}`;
    const text = [pair, `${pair}.swap`].find((s) => Object.hasOwn(markets, s));
    if (!text) return undefined;
    const inst = await instruments.get(text);
    const ticker = await source.call("getTicker", { symbol: inst.symbol });
    const last = new Dec(ticker.last);
    return last.gt(0) ? last : undefined;
  }
}

/**
 * What an account is worth in `prices.main`: every balance (free + frozen, margin included) and the
 * unrealised profit of its open positions, other currencies at the last price of `<CCY>_<MAIN>`. Exact
 * decimals throughout; a profit is the engine's (views.ts), to its 15 significant digits.
 */
export async function valueAccount(engine: PaperEngine, account: number, prices: Prices): Promise<Valuation> {
  const main = prices.main;
  const leftOut: string[] = [];
  let value = new Dec(0);
  const add = async (currency: string, amount: Dec, what: string) => {
    if (amount.isZero()) return;
    if (currency === main) return void (value = value.plus(amount));
    const price = await prices.of(currency);
    if (price) value = value.plus(amount.mul(price));
    else leftOut.push(`${what} (no ${currency}_${main} price)`);
  };
  for (const b of engine.ctx.store.balances(account)) {
    await add(b.currency, new Dec(b.free).plus(b.frozen), b.currency);
  }
  const open: Position[] = [];
  // One question per instrument: in long/short mode it holds two positions, both answered at once.
  const symbols = [...new Set(engine.ctx.store.positions(account).map((row) => row.symbol))];
  for (const text of symbols) {
    const symbol = parseSymbol(text);
    try {
      for (const p of await positions(engine, account, symbol)) {
        open.push(p);
        // A linear contract's profit is in its quote currency.
        await add(symbol.kind === "instrument" ? symbol.quote : main, new Dec(p.profit), text);
      }
    } catch {
      leftOut.push(`${text} (no price)`);
    }
  }
  return { value, leftOut, positions: open };
}
