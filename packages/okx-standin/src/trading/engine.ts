// Matching and settlement. The book has unlimited depth at the ticker's touch, so an order either fills in
// full at once or rests: market orders fill at the ask (buy) / bid (sell); a marketable limit order fills at
// its own limit price; a resting order fills at its limit price when setTicker() moves the touch through it.
// No fees are charged, so balances change by exactly size × price.

import { abs, div, floorToStep, formatDecimal, isMultipleOf, mul } from "../decimal";
import { INSTRUMENTS_BY_ID, type Instrument, tradingBlock } from "../instruments";
import type { MarketState, Ticker } from "../market/state";
import { type Account, type MarginMode, type Position, type PosSide, positionKey } from "./account";
import { ChangeFeed, type ExecType } from "./changes";
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

// OKX's cancelSource codes for the cancels the stand-in makes.
const CANCELED_BY_USER = "1";
const CANCELED_BY_SYSTEM = "0";
const FOK_NOT_FILLED = "13";
const IOC_NOT_FILLED = "14";
const POST_ONLY_WOULD_TAKE = "31";

export class Engine {
  /** Every order, balance and position change, for the private websocket channels. */
  readonly changes = new ChangeFeed();
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
    const result = this.placeNow(acct, input, now, batchClOrdIds);
    this.changes.flush();
    return result;
  }

  private placeNow(acct: Account, input: OrderInput, now: number, batchClOrdIds?: Set<string>): PlaceResult {
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
      cancelSource: "",
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
    this.changes.order(o, now);
    const crosses = buy ? px >= t.ask : px <= t.bid;
    if (isMarket) this.fillSpot(o, baseQty, touch, now, "T");
    else if (crosses && input.ordType !== "post_only") this.fillSpot(o, baseQty, px, now, "T");
    else if (crosses || input.ordType === "ioc" || input.ordType === "fok") {
      // post_only that would take, or ioc/fok that cannot: accepted, then canceled at once (as OKX does).
      this.cancelAtOnce(o, now);
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
    this.changes.order(o, now);
    const crosses = buy ? px >= t.ask : px <= t.bid;
    if (isMarket) this.fillSwap(o, input.sz, touch, now, "T");
    else if (crosses && input.ordType !== "post_only") this.fillSwap(o, input.sz, px, now, "T");
    else if (crosses || input.ordType === "ioc" || input.ordType === "fok") this.cancelAtOnce(o, now);
    else this.rest(o, inst.settleCcy, need);
    return { ok: true, order: o };
  }

  private cancelAtOnce(o: Order, now: number): void {
    o.state = "canceled";
    o.cancelSource =
      o.ordType === "post_only"
        ? POST_ONLY_WOULD_TAKE
        : o.ordType === "fok"
          ? FOK_NOT_FILLED
          : IOC_NOT_FILLED;
    this.changes.order(o, now);
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

  /** A partial fill of a resting order releases the frozen funds of the part that filled. */
  private releasePart(o: Order, q: bigint): void {
    const remaining = o.sz - o.accFill;
    const released = (o.frozen * q) / remaining;
    o.frozen -= released;
    o.account.bal(o.frozenCcy).ordFrozen -= released;
  }

  private recordFill(o: Order, q: bigint, p: bigint, now: number, partial: boolean): void {
    o.accFill += q;
    o.fillValue += mul(q, p);
    o.fillPx = p;
    o.fillSz = q;
    o.fillTime = now;
    o.tradeId = this.nextTradeId();
    o.state = partial ? "partially_filled" : "filled";
    o.uTime = now;
    o.account.uTime = now;
  }

  private fillInfo(
    o: Order,
    execType: ExecType,
  ): { px: bigint; sz: bigint; tradeId: string; time: number; execType: ExecType } {
    return { px: o.fillPx as bigint, sz: o.fillSz, tradeId: o.tradeId, time: o.fillTime as number, execType };
  }

  private fillSpot(o: Order, q: bigint, p: bigint, now: number, execType: ExecType, partial = false): void {
    if (partial) this.releasePart(o, q);
    else this.unrest(o);
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
    this.recordFill(o, q, p, now, partial);
    this.changes.order(o, now, this.fillInfo(o, execType));
  }

  private fillSwap(o: Order, q: bigint, p: bigint, now: number, execType: ExecType, partial = false): void {
    if (partial) this.releasePart(o, q);
    else this.unrest(o);
    this.recordFill(o, q, p, now, partial);
    const { pnl, position } = applySwapFill(
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
    o.pnl += pnl;
    this.changes.order(o, now, this.fillInfo(o, execType));
    this.changes.position(o.account, position, now, "filled");
  }

  /** A user's cancel (REST cancel-order, cancel-batch-orders). */
  cancel(o: Order, now: number): void {
    this.cancelNow(o, now, CANCELED_BY_USER);
    this.changes.flush();
  }

  private cancelNow(o: Order, now: number, source: string): void {
    this.unrest(o);
    o.state = "canceled";
    o.cancelSource = source;
    o.uTime = now;
    o.account.uTime = now;
    this.changes.order(o, now);
  }

  /**
   * Fills `q` of a live limit order at its limit price, as a maker: `partially_filled` while some remains.
   * Throws (changing nothing) when q is not a positive multiple of the lot within what remains, or when a
   * closing swap order would close more than its side holds.
   */
  fillOrder(o: Order, q: bigint, now: number): void {
    if (!isLive(o) || o.px === undefined)
      throw new Error(`fillOrder: order ${o.ordId} is not a live limit order`);
    const remaining = o.sz - o.accFill;
    if (q <= 0n || q > remaining || !isMultipleOf(q, o.inst.lotU))
      throw new Error(
        `fillOrder: ${formatDecimal(q)} is not a whole number of lots within ${formatDecimal(remaining)}`,
      );
    const partial = q < remaining;
    if (o.inst.instType === "SPOT") this.fillSpot(o, q, o.px, now, "M", partial);
    else {
      if (q > this.closableBy(o, q))
        throw new Error(`fillOrder: order ${o.ordId} cannot close more than its side holds`);
      this.fillSwap(o, q, o.px, now, "M", partial);
    }
    this.changes.flush();
  }

  /** How much of q a closing contract order may fill: never more than the side it closes holds. */
  private closableBy(o: Order, q: bigint): bigint {
    const side = o.posSide as PosSide;
    const closingSide = side !== "net" && (side === "long") !== (o.side === "buy");
    if (!o.reduceOnly && !closingSide) return q;
    const pos = o.account.position(o.inst.instId, o.tdMode as MarginMode, side)?.pos ?? 0n;
    const closable = pos !== 0n && pos > 0n !== (o.side === "buy") ? abs(pos) : 0n;
    return closable < q ? closable : q;
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
      if (o.inst.instType === "SPOT") this.fillSpot(o, remaining, o.px, now, "M");
      else {
        // A closing order never opens or flips a position, even if the position shrank while it rested.
        const q = this.closableBy(o, remaining);
        if (q === 0n) this.cancelNow(o, now, CANCELED_BY_SYSTEM);
        else {
          this.fillSwap(o, q, o.px, now, "M");
          if (q < remaining) {
            o.state = "canceled";
            o.cancelSource = CANCELED_BY_SYSTEM;
            this.changes.order(o, now);
          }
        }
      }
      // Each order's change is its own push, sent before the next order is matched.
      this.changes.flush();
    }
  }
}

/**
 * Applies a contract fill to its position (the net one, or the long/short side the order named); returns
 * the realized PnL (credited to the settlement currency) and the position (out of the account once closed). A long/short order never flips its side: the
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
): { pnl: bigint; position: Position } {
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
  return { pnl, position: pos };
}
