import { BadRequestError, type FmzSymbol, type InstrumentSymbol } from "@fmz-gateway/core";
import type { OkxCall } from "../okx-call";
import type { Instrument } from "./instruments";
import {
  classifySymbol,
  type FuturesAlias,
  FUTURES_ID,
  fmzSymbolOf,
  type ResolvedInstrument,
  resolveRange,
  type Target,
} from "./symbols";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/** The last Friday of its month (OKX delivers on Fridays at 08:00 UTC). */
function isMonthEnd(t: number): boolean {
  return new Date(t + WEEK).getUTCMonth() !== new Date(t).getUTCMonth();
}

function isQuarterEnd(t: number): boolean {
  return isMonthEnd(t) && new Date(t).getUTCMonth() % 3 === 2;
}

/**
 * What each of one family's contracts is called today, from `expTime` alone, as OKX recommends (its
 * `alias` is "not recommended for use", reference §4.8). The two nearest deliveries within one and two
 * weeks are this_week and next_week (OKX's fixture keeps that name even when the second falls on a
 * quarter's last Friday); of the rest, month-end deliveries are this_month/next_month where the family
 * lists months (a month-end outside March/June/September/December is listed), and quarter-end ones are
 * quarter/next_quarter. Contracts delivered at or before `now` are left out.
 */
export function classifyFutures(family: readonly Instrument[], now: number): Map<FuturesAlias, Instrument> {
  const open = family
    .filter((i) => i.live && i.expTime !== undefined && i.expTime > now)
    .sort((a, b) => (a.expTime ?? 0) - (b.expTime ?? 0));
  const out = new Map<FuturesAlias, Instrument>();
  const taken = new Set<Instrument>();
  const take = (alias: FuturesAlias, inst: Instrument | undefined) => {
    if (inst === undefined) return;
    out.set(alias, inst);
    taken.add(inst);
  };
  const until = (i: Instrument | undefined, ms: number) =>
    i && (i.expTime ?? 0) - now <= ms ? i : undefined;
  take("this_week", until(open[0], WEEK));
  take(
    "next_week",
    until(
      open.find((i) => !taken.has(i)),
      2 * WEEK,
    ),
  );
  const rest = open.filter((i) => !taken.has(i));
  const monthEnds = rest.filter((i) => isMonthEnd(i.expTime ?? 0));
  if (monthEnds.some((i) => !isQuarterEnd(i.expTime ?? 0))) {
    take("this_month", monthEnds[0]);
    take("next_month", monthEnds[1]);
  }
  const quarters = rest.filter((i) => !taken.has(i) && isQuarterEnd(i.expTime ?? 0));
  take("quarter", quarters[0]);
  take("next_quarter", quarters[1]);
  return out;
}

/** OKX's time as this mount knows it (the measured offset; the host clock before the first private call). */
function okxNow(call: OkxCall): number {
  return call.client.clock.now();
}

function familyOf(list: ReadonlyMap<string, Instrument>, family: string): Instrument[] {
  return [...list.values()].filter((i) => FUTURES_ID.exec(i.instId)?.slice(1, 3).join("-") === family);
}

const warned = new Set<string>();

/**
 * The live FUTURES contract for `BTC_USDT.quarter`. A cached list holding a contract already delivered is
 * read again once (OKX has rolled its aliases by then). Clear errors: a family OKX lists no futures for, an
 * alias it does not list (`this_month` on a family without month contracts), a contract delivered before
 * OKX listed the next.
 */
export async function resolveFutures(
  call: OkxCall,
  family: string,
  alias: FuturesAlias,
  text: string,
): Promise<Instrument> {
  const now = okxNow(call);
  let rows = familyOf(await call.instruments.list(call, "FUTURES"), family);
  if (rows.some((i) => (i.expTime ?? Infinity) <= now)) {
    call.instruments.forget(call, "FUTURES");
    rows = familyOf(await call.instruments.list(call, "FUTURES"), family);
  }
  const byExpiry = classifyFutures(rows, now);
  const inst = byExpiry.get(alias) ?? rows.find((i) => i.alias === alias && (i.expTime ?? 0) > now);
  if (inst) {
    crossCheck(call, inst, alias, byExpiry.has(alias));
    return inst;
  }
  if (rows.length === 0) {
    throw new BadRequestError(`OKX lists no dated futures for ${family} (${text})`);
  }
  const expired = rows.find((i) => i.alias === alias && (i.expTime ?? 0) <= now);
  if (expired) {
    throw new BadRequestError(
      `${text}: ${expired.instId} expired at ${new Date(expired.expTime ?? 0).toISOString()} and OKX lists no next ${alias} contract yet`,
    );
  }
  const listed = [...byExpiry].map(([a, i]) => `${a} ${i.instId}`).join(", ") || "none";
  throw new BadRequestError(
    `OKX does not list a ${alias} contract for ${family} (${text}); it lists ${listed}`,
  );
}

/** OKX's alias disagreeing with the expiry: trade by the expiry (OKX's advice), and say so once. */
function crossCheck(call: OkxCall, inst: Instrument, alias: FuturesAlias, byExpiry: boolean): void {
  if (inst.alias === alias || inst.alias === "") return;
  const key = `${inst.instId}|${alias}`;
  if (warned.has(key)) return;
  warned.add(key);
  call.ctx.logger.warn(
    byExpiry
      ? `OKX calls ${inst.instId} "${inst.alias}", its expiry makes it "${alias}"; trading it as ${alias} by expTime`
      : `no OKX contract's expiry makes it "${alias}"; using ${inst.instId}, which OKX calls "${alias}"`,
  );
}

/** Any instrument symbol → instId and type: fixed ones at once, dated futures from OKX's list. */
export async function resolveInstrument(
  call: OkxCall,
  symbol: InstrumentSymbol,
  _method: string,
): Promise<ResolvedInstrument> {
  const req = classifySymbol(symbol, call.options.market);
  if (req.kind === "fixed") return req.inst;
  const inst = await resolveFutures(call, req.family, req.alias, req.text);
  return { instId: inst.instId, instType: "FUTURES" };
}

/** `resolveTarget` for every market: an instrument (dated futures resolved) or a range. */
export async function resolveTargetAsync(call: OkxCall, symbol: FmzSymbol, method: string): Promise<Target> {
  return symbol.kind === "range"
    ? { kind: "range", filter: resolveRange(symbol, method), text: symbol.text }
    : { kind: "instrument", inst: await resolveInstrument(call, symbol, method), text: symbol.text };
}

/**
 * Today's FMZ names of the dated futures in a list: `BTC-USDT-261225` → `BTC_USDT.quarter`. Contracts no
 * FMZ name fits (a `third_quarter`) are left out.
 */
export function futuresSymbols(list: ReadonlyMap<string, Instrument>, now: number): Map<string, string> {
  const families = new Map<string, Instrument[]>();
  for (const inst of list.values()) {
    const m = FUTURES_ID.exec(inst.instId);
    if (!m) continue;
    const key = `${m[1]}_${m[2]}`;
    families.set(key, [...(families.get(key) ?? []), inst]);
  }
  const out = new Map<string, string>();
  for (const [pair, rows] of families) {
    for (const [alias, inst] of classifyFutures(rows, now)) out.set(inst.instId, `${pair}.${alias}`);
  }
  return out;
}

/**
 * The FMZ symbol for an instId in an order or position: dated futures by today's alias when their list is
 * cached (it is, after any call that resolved one), else OKX's id.
 */
export function symbolOf(call: OkxCall, instId: string): string {
  if (!FUTURES_ID.test(instId)) return fmzSymbolOf(instId);
  const list = call.instruments.peek(call, "FUTURES");
  return (list && futuresSymbols(list, okxNow(call)).get(instId)) ?? instId;
}

/** The contract code FMZ shows in `contract_type`: `swap`, `quarter` …, or the instId of an unnamed future. */
export function contractTypeFor(call: OkxCall, instId: string): string {
  if (!FUTURES_ID.test(instId)) return "swap";
  const symbol = symbolOf(call, instId);
  const dot = symbol.indexOf(".");
  return dot < 0 ? instId : symbol.slice(dot + 1);
}
