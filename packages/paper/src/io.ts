import {
  BadRequestError,
  Dec,
  type IoParams,
  NotSupportedError,
  isGatewayError,
  parseClientDecimal,
  parseDecimal,
} from "@fmz-gateway/core";
import type { PaperEngine } from "./engine/paper-engine";
import { PaperError } from "./engine/paper-error";
import { balanceView } from "./engine/views";

/**
 * The largest single deposit: a thousand times a meme coin holding of 1e12, and still exact as the
 * JSON number (float64) `accounts` answers. Deposits within it are stored and read back unchanged.
 */
export const MAX_DEPOSIT = new Dec("1e15");
const DEPOSIT_RULE = `a deposit must be above 0 and at most ${MAX_DEPOSIT.toFixed()} (1e15)`;

/**
 * `exchange.IO("api", "POST", "/paper/reset")` gives the caller's account its starting balances again
 * (orders, fills and positions forgotten); `exchange.IO("api", "POST", "/paper/deposit",
 * "currency=USDT&amount=500")` adds funds. Both answer the account's balances.
 */
export function paperIo(engine: PaperEngine, account: number, p: IoParams): unknown {
  const ctx = engine.ctx;
  const now = ctx.source.now();
  if (p.httpMethod !== "POST" || !["/paper/reset", "/paper/deposit"].includes(p.path)) {
    throw new NotSupportedError(
      "IO",
      `${p.httpMethod} ${p.path} (the paper exchange offers POST /paper/reset and POST /paper/deposit)`,
    );
  }
  if (p.path === "/paper/reset") {
    ctx.store.tx(() => ctx.store.reset(account, ctx.options.balances, now));
  } else {
    const code = ownParam(p, "currency");
    const currency = typeof code === "string" || typeof code === "number" ? String(code).trim() : "";
    if (!/^[A-Z0-9]{1,20}$/i.test(currency))
      throw new PaperError(ctx.exchange, "BAD_IO", "deposit needs currency=CODE (1 to 20 letters or digits)");
    const amount = depositAmount(ctx.exchange, ownParam(p, "amount"));
    ctx.store.tx(() =>
      ctx.store.fund(account, { [currency.toUpperCase()]: amount.toFixed() }, "deposit", now),
    );
  }
  return { ok: true, balances: ctx.store.balances(account).map(balanceView) };
}

/** A query field the caller sent (own properties only: `constructor` is not a field). */
function ownParam(p: IoParams, name: string): unknown {
  return Object.hasOwn(p.params, name) ? p.params[name] : undefined;
}

/**
 * The deposit's amount within `MAX_DEPOSIT`, checked on the exact text (so `1000000000000001` is over
 * the bound, not rounded into it), then with float noise past 15 digits removed like an order's.
 */
function depositAmount(exchange: string, value: unknown): Dec {
  let exact: Dec;
  try {
    exact = parseDecimal(value, "amount");
  } catch (err) {
    if (!isGatewayError(err)) throw err;
    throw new BadRequestError(`${err.message}; ${DEPOSIT_RULE}`);
  }
  if (exact.lte(0) || exact.gt(MAX_DEPOSIT)) {
    throw new PaperError(exchange, "BAD_IO", `deposit amount ${exact.toFixed()}: ${DEPOSIT_RULE}`);
  }
  return parseClientDecimal(value, "amount");
}
