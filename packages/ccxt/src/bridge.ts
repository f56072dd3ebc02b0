/**
 * What every method of a ccxt mount shares: the instance pool, symbol resolution, the capability check
 * and the call wrapper (deadline, abort, error mapping).
 */
import {
  BadRequestError,
  type CallContext,
  type InstrumentSymbol,
  NotSupportedError,
  TimeoutError,
} from "@fmz-gateway/core";
import { type CcxtExchange, type CcxtMarket, has, loadedMarkets, marketsById, ownValue } from "./ccxt-lib";
import { mapCcxtError } from "./errors";
import type { InstancePool } from "./instances";
import type { CcxtOptions } from "./options";
import { type SymbolContext, marketKind, resolveInstrument } from "./symbols";

export type Ctx = CallContext<CcxtOptions>;

/** The smallest ccxt timeout we set, however close the deadline. */
const MIN_TIMEOUT_MS = 100;

export class Bridge {
  constructor(
    readonly options: CcxtOptions,
    readonly pool: InstancePool,
  ) {}

  get id(): string {
    return this.options.exchange;
  }

  get symbolContext(): SymbolContext {
    return { exchangeId: this.id, mountMarket: this.options.market };
  }

  /** The mount's keyless instance, markets loaded, for public calls. */
  publicExchange(ctx: Ctx): Promise<CcxtExchange> {
    return raceAbort(this.pool.publicInstance(), ctx.signal);
  }

  /** The caller's instance, markets loaded, for private calls. */
  privateExchange(ctx: Ctx): Promise<CcxtExchange> {
    return raceAbort(this.pool.privateInstance(ctx.credentials), ctx.signal);
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

  /** Runs one ccxt call under the call's deadline; ccxt errors become gateway errors. */
  async run<T>(ctx: Ctx, ex: CcxtExchange, wire: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.runRaw(ctx, ex, fn);
    } catch (err) {
      throw mapCcxtError(err, this.id, wire);
    }
  }

  /**
   * The same without the mapping (order placement inspects ccxt's class first). ccxt has no abort
   * signal, so the call is raced against ctx.signal, and ccxt's own timeout is kept under half the time
   * left, which leaves room to look an order up when its reply is lost.
   */
  runRaw<T>(ctx: Ctx, ex: CcxtExchange, fn: () => Promise<T>): Promise<T> {
    const left = ctx.deadline - Date.now();
    ex.timeout = Math.max(MIN_TIMEOUT_MS, Math.min(this.options.timeoutMs, Math.floor(left / 2)));
    return raceAbort(Promise.resolve().then(fn), ctx.signal);
  }
}

/** Rejects as soon as `signal` aborts; the abandoned promise's outcome is swallowed. */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  const reason = () =>
    signal.reason instanceof Error
      ? signal.reason
      : new TimeoutError("the call was abandoned (deadline passed)");
  if (signal.aborted) {
    p.catch(() => undefined);
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/** A ccxt number (possibly undefined or NaN) as a reply number. */
export function num(v: number | string | undefined | null): number {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : 0;
}
