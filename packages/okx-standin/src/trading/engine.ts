// Matching and settlement. The book has unlimited depth at the ticker's touch, so an order either fills in
// full at once or rests: market orders fill at the ask (buy) / bid (sell); a marketable limit order fills at
// its own limit price; a resting order fills at its limit price when setTicker() moves the touch through it.
// No fees are charged, so balances change by exactly size × price.

import { abs, div, floorToStep, formatDecimal, isMultipleOf, mul } from "../decimal";
import { INSTRUMENTS_BY_ID, type Instrument, tradingBlock } from "../instruments";
import type { MarketState, Ticker } from "../market/state";
import { type Account, type MarginMode, type Position, type PosSide, positionKey } from "./account";
import { isLive, type Order, type Side } from "./order";
import { itemError, type ItemError, type OrderInput } from "./validate";

export type PlaceResult = { ok: true; order: Order } | { ok: false; err: ItemError };

/** Notional of q contracts at price p, in the settlement currency. */
function contractValue(inst: Instrument, q: bigint, p: bigint): bigint {
  const face = mul(q, inst.ctValU);
  return inst.ctType === "inverse" ? div(face, p) : mul(face, p);
}

export function marginFor(inst: Instrument, q: bigint, p: bigint, lever: bigint): bigint {
  return q === 0n ? 0n : div(contractValue(inst, q, p), lever);
}

/** PnL of closing q contracts of a position opened at `entry` (dir 1 long, -1 short) at `exit`. */
export function pnlFor(inst: Instrument, dir: bigint, q: bigint, entry: bigint, exit: bigint): bigint {
  const face = mul(q, inst.ctValU);
  // Inverse: face × (1/entry − 1/exit) = face × (exit − entry) / (entry × exit), computed in one division.
  const raw =
    inst.ctType === "inverse" ? div(mul(face, exit - entry), mul(entry, exit)) : mul(face, exit - entry);
  return dir * raw;
}

export class Engine {
  /** Live orders per instrument, for matching when the ticker moves. */
  private readonly liveByInst = new Map<string, Set<Order>>();
  private lastId = 0n;
  private tradeSeq = 700_000_000;

  constructor(private readonly market: MarketState) {}

  reset(): void {
    // Ids keep increasing across resets so a client never sees an id reused.
    this.liveByInst.clear();
  }

  /** Long numeric ids, increasing, shaped like OKX's (19 digits). */
  nextId(now: number): string {
    let id = BigInt(now) * 1_000_000n;
    if (id <= this.lastId) id = this.lastId + 1n;
    this.lastId = id;
    return id.toString();
  }

  private nextTradeId(): string {
    return String(++this.tradeSeq);
  }

  place(acct: Account, input: OrderInput, now: number, batchClOrdIds?: Set<string>): PlaceResult {
    const inst = INSTRUMENTS_BY_ID.get(input.instId);
    const ticker = this.market.get(input.instId);
    if (inst === undefined || ticker === undefined) return { ok: false, err: itemError("51001") };
    const block = tradingBlock(inst, now);
    if (block !== undefined) return { ok: false, err: itemError(block) };
    if (input.clOrdId !== "") {
      if (acct.liveClOrdIds.has(input.clOrdId) || batchClOrdIds?.has(input.clOrdId)) {
        return { ok: false, err: itemError("51016") };
      }
    }
    if (input.px !== undefined && !isMultipleOf(input.px, inst.tickU))
      return { ok: false, err: itemError("51000", "px") };
    return inst.instType === "SPOT"
      ? this.placeSpot(acct, inst, ticker, input, now)
      : this.placeSwap(acct, inst, ticker, input, now);
  }

  private newOrder(acct: Account, inst: Instrument, input: OrderInput, now: number): Order {
    const ordId = this.nextId(now);
    return {
      account: acct,
      inst,
      ordId,
      ordIdNum: BigInt(ordId),
      clOrdId: input.clOrdId,
      tag: input.tag,
      side: input.side,
      ordType: input.ordType,
      tdMode: input.tdMode,
      posSide: "net",
      sz: input.sz,
      px: input.px,
      tgtCcy: input.tgtCcy,
      reduceOnly: input.reduceOnly,
      state: "live",
      accFill: 0n,
      fillValue: 0n,
      fillPx: undefined,
      fillSz: 0n,
      fillTime: undefined,
      tradeId: "",
      frozen: 0n,
      frozenCcy: "",
      lever: "",
      pnl: 0n,
      cTime: now,
      uTime: now,
    };
  }

  private placeSpot(acct: Account, inst: Instrument, t: Ticker, input: OrderInput, now: number): PlaceResult {
    // Spot here means a cash account: margin trading on spot pairs (tdMode cross/isolated) is not offered.
    if (input.tdMode !== "cash") return { ok: false, err: itemError("51000", "tdMode") };
    if (input.ordType === "optimal_limit_ioc") return { ok: false, err: itemError("51000", "ordType") };
    const isMarket = input.ordType === "market";
    const buy = input.side === "buy";
    const touch = buy ? t.ask : t.bid;
    // OKX: tgtCcy applies to spot market orders only, default quote_ccy for buys and base_ccy for sells.
    const tgtCcy = isMarket ? input.tgtCcy || (buy ? "quote_ccy" : "base_ccy") : input.tgtCcy;
    let baseQty: bigint;
    let quoteBudget: bigint | undefined;
    if (isMarket && tgtCcy === "quote_ccy") {
      // sz is an amount of quote currency; the fill is the largest whole number of lots it buys (or sells).
      if (input.sz > inst.maxMktU) return { ok: false, err: itemError("51202") };
      baseQty = floorToStep(div(input.sz, touch), inst.lotU);
      if (baseQty < inst.minU) return { ok: false, err: itemError("51020") };
      quoteBudget = input.sz;
    } else {
      if (!isMultipleOf(input.sz, inst.lotU)) return { ok: false, err: itemError("51000", "sz") };
      if (input.sz < inst.minU) return { ok: false, err: itemError("51020") };
      if (!isMarket && input.sz > inst.maxLmtU) return { ok: false, err: itemError("51005") };
      if (isMarket && mul(input.sz, touch) > inst.maxMktU) return { ok: false, err: itemError("51202") };
      baseQty = input.sz;
    }
    const px = input.px ?? touch;
    const fundsCcy = buy ? inst.quoteCcy : inst.baseCcy;
    let need: bigint;
    if (!buy) need = baseQty;
    else if (isMarket) need = quoteBudget ?? mul(baseQty, touch);
    else need = mul(baseQty, px);
    if (need > acct.available(fundsCcy)) return { ok: false, err: itemError("51008", fundsCcy) };

    const o = this.newOrder(acct, inst, input, now);
    o.tgtCcy = tgtCcy;
    acct.addOrder(o);
    acct.uTime = now;
    const crosses = buy ? px >= t.ask : px <= t.bid;
    if (isMarket) this.fillSpot(o, baseQty, touch, now);
    else if (crosses && input.ordType !== "post_only") this.fillSpot(o, baseQty, px, now);
    else if (crosses || input.ordType === "ioc" || input.ordType === "fok") {
      // post_only that would take, or ioc/fok that cannot: accepted, then canceled at once (as OKX does).
      o.state = "canceled";
    } else this.rest(o, fundsCcy, need);
    return { ok: true, order: o };
  }

  private placeSwap(acct: Account, inst: Instrument, t: Ticker, input: OrderInput, now: number): PlaceResult {
    if (input.tdMode !== "cross" && input.tdMode !== "isolated")
      return { ok: false, err: itemError("51000", "tdMode") };
    const isMarket = input.ordType === "market" || input.ordType === "optimal_limit_ioc";
    const buy = input.side === "buy";
    if (!isMultipleOf(input.sz, inst.lotU)) return { ok: false, err: itemError("51000", "sz") };
    if (input.sz < inst.minU) return { ok: false, err: itemError("51020") };
    if (!isMarket && input.sz > inst.maxLmtU) return { ok: false, err: itemError("51005") };
    if (isMarket && input.sz > inst.maxMktU) return { ok: false, err: itemError("51202") };
    const mgnMode: MarginMode = input.tdMode;
    // Net mode: posSide is optional and can only be `net`; long/short mode: it is mandatory, long or short.
    const hedged = acct.posMode === "long_short_mode";
    const validSide = hedged
      ? input.posSide === "long" || input.posSide === "short"
      : input.posSide === "" || input.posSide === "net";
    if (!validSide) return { ok: false, err: itemError("51000", "posSide") };
    const posSide: PosSide = hedged ? (input.posSide as PosSide) : "net";
    const posAmt = acct.position(inst.instId, mgnMode, posSide)?.pos ?? 0n;
    let opening: bigint;
    if (hedged) {
      // buy+long and sell+short open; sell+long and buy+short close that side, never beyond it.
      const opens = (posSide === "long") === buy;
      if (!opens && (posAmt === 0n || input.sz > abs(posAmt))) return { ok: false, err: itemError("51169") };
      opening = opens ? input.sz : 0n;
    } else {
      const reducing = posAmt !== 0n && posAmt > 0n !== buy;
      if (input.reduceOnly && (!reducing || input.sz > abs(posAmt)))
        return { ok: false, err: itemError("51169") };
      if (input.reduceOnly) opening = 0n;
      else if (!reducing) opening = input.sz;
      else opening = input.sz > abs(posAmt) ? input.sz - abs(posAmt) : 0n;
    }
    const touch = buy ? t.ask : t.bid;
    const px = input.px ?? touch;
    const lever = acct.lever(inst.instId, mgnMode, posSide);
    const need = marginFor(inst, opening, isMarket ? touch : px, lever);
    if (need > acct.available(inst.settleCcy)) {
      return {
        ok: false,
        err: { sCode: "51008", sMsg: `Order failed. Insufficient ${inst.settleCcy} margin in account ` },
      };
    }

    const o = this.newOrder(acct, inst, input, now);
    o.posSide = posSide;
    o.lever = formatDecimal(lever);
    acct.addOrder(o);
    acct.uTime = now;
    const crosses = buy ? px >= t.ask : px <= t.bid;
    if (isMarket) this.fillSwap(o, input.sz, touch, now);
    else if (crosses && input.ordType !== "post_only") this.fillSwap(o, input.sz, px, now);
    else if (crosses || input.ordType === "ioc" || input.ordType === "fok") o.state = "canceled";
    else this.rest(o, inst.settleCcy, need);
    return { ok: true, order: o };
  }

  private rest(o: Order, ccy: string, amount: bigint): void {
    o.frozen = amount;
    o.frozenCcy = ccy;
    o.account.bal(ccy).ordFrozen += amount;
    if (o.clOrdId !== "") o.account.liveClOrdIds.set(o.clOrdId, o);
    let set = this.liveByInst.get(o.inst.instId);
    if (set === undefined) {
      set = new Set();
      this.liveByInst.set(o.inst.instId, set);
    }
    set.add(o);
  }

  private unrest(o: Order): void {
    if (o.frozen !== 0n) {
      o.account.bal(o.frozenCcy).ordFrozen -= o.frozen;
      o.frozen = 0n;
    }
    if (o.clOrdId !== "" && o.account.liveClOrdIds.get(o.clOrdId) === o)
      o.account.liveClOrdIds.delete(o.clOrdId);
    this.liveByInst.get(o.inst.instId)?.delete(o);
  }

  private recordFill(o: Order, q: bigint, p: bigint, now: number): void {
    o.accFill += q;
    o.fillValue += mul(q, p);
    o.fillPx = p;
    o.fillSz = q;
    o.fillTime = now;
    o.tradeId = this.nextTradeId();
    o.state = "filled";
    o.uTime = now;
    o.account.uTime = now;
  }

  private fillSpot(o: Order, q: bigint, p: bigint, now: number): void {
    this.unrest(o);
    const a = o.account;
    const cost = mul(q, p);
    const base = a.bal(o.inst.baseCcy);
    const quote = a.bal(o.inst.quoteCcy);
    if (o.side === "buy") {
      quote.cash -= cost;
      base.cash += q;
    } else {
      base.cash -= q;
      quote.cash += cost;
    }
    this.recordFill(o, q, p, now);
  }

  private fillSwap(o: Order, q: bigint, p: bigint, now: number): void {
    this.unrest(o);
    this.recordFill(o, q, p, now);
    o.pnl = applySwapFill(
      o.account,
      o.inst,
      o.tdMode as MarginMode,
      o.posSide as PosSide,
      o.side,
      q,
      p,
      now,
      o.tradeId,
      this.nextId(now),
    );
  }

  cancel(o: Order, now: number): void {
    this.unrest(o);
    o.state = "canceled";
    o.uTime = now;
    o.account.uTime = now;
  }

  /** Fills resting orders the new touch has reached, at their limit prices. */
  matchResting(instId: string, now: number): void {
    const set = this.liveByInst.get(instId);
    const t = this.market.get(instId);
    if (set === undefined || t === undefined) return;
    for (const o of [...set]) {
      if (!isLive(o) || o.px === undefined) continue;
      const crosses = o.side === "buy" ? t.ask <= o.px : t.bid >= o.px;
      if (!crosses) continue;
      const remaining = o.sz - o.accFill;
      if (o.inst.instType === "SPOT") {
        this.fillSpot(o, remaining, o.px, now);
        continue;
      }
      let q = remaining;
      const side = o.posSide as PosSide;
      const closingSide = side !== "net" && (side === "long") !== (o.side === "buy");
      if (o.reduceOnly || closingSide) {
        // A closing order never opens or flips a position, even if the position shrank while it rested.
        const pos = o.account.position(o.inst.instId, o.tdMode as MarginMode, side)?.pos ?? 0n;
        const closable = pos !== 0n && pos > 0n !== (o.side === "buy") ? abs(pos) : 0n;
        if (closable < q) q = closable;
      }
      if (q === 0n) this.cancel(o, now);
      else {
        this.fillSwap(o, q, o.px, now);
        if (q < remaining) o.state = "canceled";
      }
    }
  }
}

/**
 * Applies a contract fill to its position (the net one, or the long/short side the order named); returns
 * the realized PnL (credited to the settlement currency). A long/short order never flips its side: the
 * engine only lets a closing order close what the side holds.
 */
export function applySwapFill(
  acct: Account,
  inst: Instrument,
  mgnMode: MarginMode,
  posSide: PosSide,
  side: Side,
  q: bigint,
  p: bigint,
  now: number,
  tradeId: string,
  newPosId: string,
): bigint {
  const key = positionKey(inst.instId, mgnMode, posSide);
  let pos: Position | undefined = acct.positions.get(key);
  if (pos === undefined) {
    pos = {
      inst,
      mgnMode,
      posSide,
      posId: newPosId,
      pos: 0n,
      avgPx: 0n,
      margin: 0n,
      lever: acct.lever(inst.instId, mgnMode, posSide),
      realizedPnl: 0n,
      tradeId,
      cTime: now,
      uTime: now,
    };
    acct.positions.set(key, pos);
  }
  const buy = side === "buy";
  let remaining = q;
  let pnl = 0n;
  if (pos.pos !== 0n && pos.pos > 0n !== buy) {
    const held = abs(pos.pos);
    const closeQ = remaining < held ? remaining : held;
    pnl = pnlFor(inst, pos.pos > 0n ? 1n : -1n, closeQ, pos.avgPx, p);
    const released = (pos.margin * closeQ) / held;
    pos.margin -= released;
    pos.pos += buy ? closeQ : -closeQ;
    pos.realizedPnl += pnl;
    acct.bal(inst.settleCcy).cash += pnl;
    remaining -= closeQ;
  }
  if (remaining > 0n) {
    const held = abs(pos.pos);
    if (held === 0n) {
      pos.avgPx = p;
      pos.margin = 0n;
      pos.lever = acct.lever(inst.instId, mgnMode, posSide);
      pos.cTime = now;
    } else {
      pos.avgPx = div(mul(held, pos.avgPx) + mul(remaining, p), held + remaining);
    }
    pos.margin += marginFor(inst, remaining, p, pos.lever);
    pos.pos += buy ? remaining : -remaining;
  }
  pos.uTime = now;
  pos.tradeId = tradeId;
  if (pos.pos === 0n) acct.positions.delete(key);
  return pnl;
}
