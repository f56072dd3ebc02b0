/**
 * What every method of a ccxt mount shares: the instance pool, symbol resolution, the capability check
 * and the call wrapper (deadline, abort, error mapping).
 */
import {
  BadRequestError,
  type CallContext,
  type InstrumentSymbol,
  NotSupportedError,
  withinDeadline,
} from "@fmz-gateway/core";
import { type CcxtExchange, type CcxtMarket, has, loadedMarkets, marketsById, ownValue } from "./ccxt-lib";
import { mapCcxtError } from "./errors";
import type { InstancePool } from "./instances";
import type { CcxtOptions } from "./options";
import type { CcxtAccountStream, CcxtPrivate } from "./private/ccxt-private";
import { type SymbolContext, marketKind, resolveInstrument } from "./symbols";

export type Ctx = CallContext<CcxtOptions>;

export class Bridge {
  constructor(
    readonly options: CcxtOptions,
    readonly pool: InstancePool,
    /** The mount's private streams; absent with `privateStreams: false`. */
    readonly privates?: CcxtPrivate,
  ) {}

  /**
   * The caller's private stream (opened by this call when the account has none), or `undefined` when the
   * mount has no private streams or the keys do not fill the exchange's credentials: those calls go by
   * REST, exactly as without private streams.
   */
  privateAccount(ctx: Ctx): CcxtAccountStream | undefined {
    return this.privates?.account(ctx.credentials);
  }

  get id(): string {
    return this.options.exchange;
  }

  get symbolContext(): SymbolContext {
    return { exchangeId: this.id, mountMarket: this.options.market };
  }

  /**
   * The mount's keyless instance, markets loaded, for public calls. Once they are loaded (nearly every
   * call) it is answered at once: a race with the deadline would cost a timer and an abort signal per call
   * for nothing to wait on.
   */
  publicExchange(ctx: Ctx): Promise<CcxtExchange> {
    const ready = this.pool.readyPublicInstance();
    if (ready) return Promise.resolve(ready);
    return withinDeadline(ctx, () => this.pool.publicInstance());
  }

  /** The caller's instance, markets loaded, for private calls. */
  privateExchange(ctx: Ctx): Promise<CcxtExchange> {
    return withinDeadline(ctx, () => this.pool.privateInstance(ctx.credentials));
  }

  /** Refuses a unified method the exchange does not offer: `not supported: <method> on <exchange>`. */
  require(ex: CcxtExchange, feature: string, wire: string): void {
    if (!has(ex, feature)) throw new NotSupportedError(wire, `on ${this.id} (ccxt has no ${feature})`);
  }

  markets(ex: CcxtExchange): Record<string, CcxtMarket> {
    const m = loadedMarkets(ex);
    if (!m) throw new Error(`${this.id}: markets used before they were loaded`);
    return m;
  }

  /** The ccxt market an FMZ instrument names. */
  market(ex: CcxtExchange, symbol: InstrumentSymbol): CcxtMarket {
    return resolveInstrument(this.markets(ex), symbol, this.symbolContext);
  }

  /** The contract market an FMZ instrument names; a futures-only method on spot is "not supported". */
  contractMarket(ex: CcxtExchange, symbol: InstrumentSymbol, wire: string): CcxtMarket {
    const m = this.market(ex, symbol);
    if (marketKind(m) === "spot") {
      throw new NotSupportedError(
        wire,
        `on spot ${symbol.text} (a contract is needed, e.g. ${symbol.base}_${symbol.quote}.swap)`,
      );
    }
    return m;
  }

  /** The market an order id's instrument part names (`BTC-USDT-SWAP`), preferring the mount's kind. */
  marketOfOrderId(ex: CcxtExchange, instrument: string, hint?: CcxtMarket): CcxtMarket {
    const candidates = marketsById(ex, instrument);
    if (candidates.length === 0) {
      throw new BadRequestError(
        `unknown instrument "${instrument}" in the order id: ${this.id} lists no such market`,
      );
    }
    return (
      candidates.find((m) => hint !== undefined && m.symbol === hint.symbol) ??
      candidates.find((m) => marketKind(m) === this.options.market) ??
      candidates[0]
    );
  }

  /** The ccxt market of a unified symbol found in a ccxt structure. */
  marketOfSymbol(ex: CcxtExchange, symbol: string | undefined): CcxtMarket | undefined {
    return symbol ? ownValue(this.markets(ex), symbol) : undefined;
  }

  /**
   * Runs one ccxt call under the call's deadline; ccxt errors become gateway errors. ccxt takes no abort
   * signal and reads its timeout from the instance, which concurrent calls share (the public instance,
   * and a private one per key): so the instance keeps the mount's fixed `timeoutMs`, set once, and each
   * request is raced with its own call's deadline and signal instead (core's `withinDeadline`). A call
   * whose deadline comes before ccxt's timeout is answered at its deadline; the abandoned request ends
   * at ccxt's timeout. Order placement races the same way but maps ccxt's classes itself.
   */
  async run<T>(ctx: Ctx, wire: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await withinDeadline(ctx, fn);
    } catch (err) {
      throw mapCcxtError(err, this.id, wire);
    }
  }
}

/** A ccxt number (possibly undefined or NaN) as a reply number. */
export function num(v: number | string | undefined | null): number {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}
