import { Dec, type IoParams, NotSupportedError, parseDecimal } from "@fmz-gateway/core";
import type { PaperEngine } from "./engine/paper-engine";
import { PaperError } from "./engine/paper-error";
import { balanceView } from "./engine/views";

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
    const currency = String(p.params.currency ?? "")
      .trim()
      .toUpperCase();
    if (!/^[A-Z0-9]{1,20}$/.test(currency))
      throw new PaperError(ctx.exchange, "BAD_IO", "deposit needs currency=CODE");
    const amount = parseDecimal(p.params.amount, "amount");
    if (amount.lte(0)) throw new PaperError(ctx.exchange, "BAD_IO", "deposit needs amount above 0");
    ctx.store.tx(() => ctx.store.fund(account, { [currency]: new Dec(amount).toFixed() }, "deposit", now));
  }
  return { ok: true, balances: ctx.store.balances(account).map(balanceView) };
}
