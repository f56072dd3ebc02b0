// Turns one order object from a request body into typed input, with OKX's per-order error codes.
// Sizes and prices must be plain decimal strings (or JSON numbers that print as one): a client that sends
// "1e-5" or float noise is told "Parameter sz error", which is how tests catch unrounded amounts.

import { errorMsg } from "../errors";
import { parseDecimalField } from "../decimal";

export interface ItemError {
  sCode: string;
  sMsg: string;
}

/**
 * Per-order failure. Live OKX appends a space to per-order sMsg texts ("Parameter posSide error ",
 * "Order failed. Insufficient USDT margin in account "), so the stand-in does too.
 */
export function itemError(code: string, ...params: string[]): ItemError {
  const text = code === "51169" ? MSG_51169 : errorMsg(code, ...params);
  return { sCode: code, sMsg: text + " " };
}

// Not in the reference's error table; text as OKX words it for reduce-only orders without a position.
const MSG_51169 = "Order failed because you don't have any positions in this direction for this contract.";

export const ORDER_TYPES = new Set(["market", "limit", "post_only", "fok", "ioc", "optimal_limit_ioc"]);
const ID_PATTERN = /^[A-Za-z0-9]{1,32}$/;
const TAG_PATTERN = /^[A-Za-z0-9]{1,16}$/;

export interface OrderInput {
  instId: string;
  tdMode: string;
  side: "buy" | "sell";
  ordType: string;
  sz: bigint;
  px: bigint | undefined;
  clOrdId: string;
  tag: string;
  posSide: string;
  tgtCcy: string;
  reduceOnly: boolean;
}

const REQUIRED = ["instId", "tdMode", "side", "ordType", "sz"] as const;

function present(v: unknown): boolean {
  return v !== undefined && v !== null && v !== "";
}

/** The first required field that is missing, for a request-level 50014. */
export function missingRequired(raw: Record<string, unknown>): string | undefined {
  return REQUIRED.find((k) => !present(raw[k]));
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return v;
  return undefined;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Field-level checks that do not need the instrument or the account. */
export function parseOrderInput(raw: Record<string, unknown>): OrderInput | ItemError {
  const instId = text(raw.instId);
  if (instId === undefined || instId === "") return itemError("51000", "instId");
  const side = raw.side;
  if (side !== "buy" && side !== "sell") return itemError("51000", "side");
  const ordType = raw.ordType;
  if (typeof ordType !== "string" || !ORDER_TYPES.has(ordType)) return itemError("51000", "ordType");
  const tdMode = raw.tdMode;
  if (tdMode !== "cash" && tdMode !== "cross" && tdMode !== "isolated") return itemError("51000", "tdMode");
  const posSide = text(raw.posSide);
  // Which values are valid depends on the account's position mode; the engine checks that.
  if (posSide === undefined || !["", "net", "long", "short"].includes(posSide))
    return itemError("51000", "posSide");
  const clOrdId = text(raw.clOrdId);
  if (clOrdId === undefined || (clOrdId !== "" && !ID_PATTERN.test(clOrdId)))
    return itemError("51000", "clOrdId");
  const tag = text(raw.tag);
  if (tag === undefined || (tag !== "" && !TAG_PATTERN.test(tag))) return itemError("51000", "tag");
  const tgtCcy = text(raw.tgtCcy);
  if (tgtCcy === undefined || (tgtCcy !== "" && tgtCcy !== "base_ccy" && tgtCcy !== "quote_ccy")) {
    return itemError("51000", "tgtCcy");
  }
  const ro = raw.reduceOnly;
  let reduceOnly: boolean;
  if (ro === undefined || ro === null || ro === "" || ro === false || ro === "false") reduceOnly = false;
  else if (ro === true || ro === "true") reduceOnly = true;
  else return itemError("51000", "reduceOnly");
  const sz = parseDecimalField(raw.sz);
  if (sz === undefined || sz <= 0n) return itemError("51000", "sz");
  let px: bigint | undefined;
  // Market orders ignore px, as OKX does; every other type needs a positive price.
  if (ordType !== "market" && ordType !== "optimal_limit_ioc") {
    px = parseDecimalField(raw.px);
    if (px === undefined || px <= 0n) return itemError("51000", "px");
  }
  return { instId, tdMode, side, ordType, sz, px, clOrdId, tag, posSide, tgtCcy, reduceOnly };
}
