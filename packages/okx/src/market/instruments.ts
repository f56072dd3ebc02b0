import { BadRequestError, type CacheFactory, type TtlCache, ttlCaches } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { OkxInstrumentRow } from "../okx-types";
import { fmzSymbolOf, type InstType, type ResolvedInstrument } from "./symbols";

/** One instrument's trading rules, as `public/instruments` lists them (decimal strings, exact). */
export interface Instrument {
  readonly instId: string;
  readonly instType: InstType;
  /** FMZ spelling: `BTC_USDT`, `BTC_USDT.swap`. */
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly tickSz: string;
  readonly lotSz: string;
  /** Base currency on spot, contracts on swaps. */
  readonly minSz: string;
  readonly maxLmtSz: string;
  readonly maxLmtAmt: string;
  /** Contract value ("1" on spot) and its currency (the base on spot; USD on coin-margined contracts). */
  readonly ctVal: string;
  readonly ctValCcy: string;
  /** Contracts: the margin and settlement currency (USDT, or the coin on inverse contracts). */
  readonly settleCcy: string;
  /** `linear`, `inverse`, or "" on spot. */
  readonly ctType: string;
  /** Contracts: the highest leverage OKX allows ("" on spot, where it is margin trading's). */
  readonly lever: string;
  /** Dated futures: delivery time (Unix ms), which decides what `.this_week` … means (market/futures.ts). */
  readonly expTime?: number;
  /** Dated futures: OKX's alias (`this_week` …), kept only as a cross-check of expTime. */
  readonly alias: string;
  readonly live: boolean;
}

/** Instruments change rarely (listings, tick-size changes); ten minutes keeps rounding current enough. */
const TTL_MS = 10 * 60_000;

/**
 * Per mount, a cache of `public/instruments` per instrument type and environment (demo lists differ from
 * live ones). Public data, not per caller: at most four entries. Concurrent callers share one load.
 */
export class InstrumentCache {
  private readonly cache: TtlCache<string, ReadonlyMap<string, Instrument>>;

  /** `caches`: the mount's (the container's `CACHE_FACTORY`, on its clock). */
  constructor(caches: CacheFactory = ttlCaches(Date.now)) {
    this.cache = caches.ttl({ ttlMs: TTL_MS, maxEntries: 8 });
  }

  list(call: OkxCall, instType: InstType): Promise<ReadonlyMap<string, Instrument>> {
    const key = `${instType}|${call.demo ? "demo" : "live"}`;
    return this.cache.get(key, async () => {
      const rows = await call.publicGet<OkxInstrumentRow>(
        "/api/v5/public/instruments",
        { instType },
        instType,
      );
      const map = new Map<string, Instrument>();
      for (const row of rows) {
        const inst = toInstrument(row);
        if (inst) map.set(inst.instId, inst);
      }
      return map;
    });
  }

  /** Drops a cached list, so the next `list` reads OKX's again (a future expired, OKX said 51027). */
  forget(call: OkxCall, instType: InstType): void {
    this.cache.delete(`${instType}|${call.demo ? "demo" : "live"}`);
  }

  /** A list loaded earlier, without asking OKX (undefined when none is cached). */
  peek(call: OkxCall, instType: InstType): ReadonlyMap<string, Instrument> | undefined {
    return this.cache.peek(`${instType}|${call.demo ? "demo" : "live"}`);
  }

  /** The rules of one instrument; a clear error when OKX does not list it. */
  async get(call: OkxCall, resolved: ResolvedInstrument): Promise<Instrument> {
    const inst = (await this.list(call, resolved.instType)).get(resolved.instId);
    if (!inst) {
      throw new BadRequestError(`OKX does not list the instrument ${resolved.instId} (${resolved.instType})`);
    }
    return inst;
  }
}

function toInstrument(row: OkxInstrumentRow): Instrument | undefined {
  if (row.instType !== "SPOT" && row.instType !== "SWAP" && row.instType !== "FUTURES") return undefined;
  if (!row.tickSz || !row.lotSz || !row.minSz) return undefined;
  let base: string;
  let quote: string;
  if (row.instType === "SPOT") {
    [base = "", quote = ""] =
      row.baseCcy && row.quoteCcy ? [row.baseCcy, row.quoteCcy] : row.instId.split("-");
  } else {
    // Contracts have no baseCcy/quoteCcy; the underlying (`BTC-USDT`) names the pair (ccxt does the same).
    [base = "", quote = ""] = (row.uly || row.instFamily || row.instId).split("-");
  }
  const spot = row.instType === "SPOT";
  return {
    instId: row.instId,
    instType: row.instType,
    symbol: fmzSymbolOf(row.instId),
    base,
    quote,
    tickSz: row.tickSz,
    lotSz: row.lotSz,
    minSz: row.minSz,
    maxLmtSz: row.maxLmtSz ?? "",
    maxLmtAmt: row.maxLmtAmt ?? "",
    ctVal: spot || !row.ctVal ? "1" : row.ctVal,
    ctValCcy: spot || !row.ctValCcy ? base : row.ctValCcy,
    settleCcy: row.settleCcy ?? "",
    ctType: row.ctType ?? "",
    lever: spot ? "" : (row.lever ?? ""),
    expTime: row.expTime ? Number(row.expTime) : undefined,
    alias: row.alias ?? "",
    live: (row.state ?? "live") === "live",
  };
}
