import http from "node:http";
import type { AddressInfo } from "node:net";
import type { CallContext } from "../../adapter/call-context";
import { ExchangeAdapter, type MountInfo } from "../../adapter/exchange-adapter";
import { ExchangeError } from "../../errors/gateway-errors";
import { HttpClient, parseJsonBody } from "../../helpers/http-client";
import { RateLimiter } from "../../helpers/rate-limiter";
import type { InstrumentParams, OrderIdParams } from "../../protocol/params";
import type { Depth, Order, Ticker, Trade } from "../../protocol/reply-types";
import { Exchange } from "../../registry/exchange-registry";
import type { StreamSnapshot } from "../../telemetry/telemetry";

/**
 * A tiny exchange for the observe tests: a loopback HTTP server speaking JSON (`/api/ticker`,
 * `/api/orders/<id>`; a symbol starting `ERR` gets HTTP 500) and an adapter that reaches it through
 * core's HttpClient and RateLimiter with its mount's telemetry, and holds two streams, one live and
 * one down, so every source of the metrics and the status page is fed the way a real adapter feeds it.
 */
export async function startUpstream(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const fail = (url.searchParams.get("instId") ?? "").startsWith("ERR");
    res.writeHead(fail ? 500 : 200, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify(fail ? { code: 50001, msg: "service temporarily unavailable" } : { last: "101.5" }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Options {
  baseUrl: string;
}

@Exchange("OBSERVED", { description: "observe test exchange", autoMount: false })
export class ObservedAdapter extends ExchangeAdapter<Options> {
  private http?: HttpClient;
  /** Depth: one a minute, so a second is refused (past the 1 s longest wait); trades: one per 300 ms, queued. */
  private limiter?: RateLimiter;

  override async init(mount: MountInfo<Options>): Promise<void> {
    await super.init(mount);
    const telemetry = mount.telemetry;
    this.http = new HttpClient({ exchange: "OBSERVED", baseUrl: mount.options.baseUrl, telemetry });
    this.limiter = new RateLimiter({ exchange: "OBSERVED", maxWaitMs: 1_000, telemetry });
    const streams: StreamSnapshot[] = [
      { channel: "tickers", key: "BTC-USDT", state: "live", reconnects: 2, lastMessageAt: Date.now() },
      { channel: "tickers", key: "ETH-USDT", state: "down", reconnects: 0, lastMessageAt: 0 },
    ];
    telemetry.addStreamSource(() => streams);
    telemetry.stream("tickers", "connecting", true);
    telemetry.stream("tickers", "live");
  }

  override async close(): Promise<void> {
    await this.http?.close();
  }

  override async getTicker(ctx: CallContext<Options>, p: InstrumentParams): Promise<Ticker> {
    // An adapter that (wrongly) quotes the caller's secret in an error: the host must scrub it.
    if (p.symbol.base === "LEAK")
      throw new ExchangeError("OBSERVED", "401", `signature mismatch for ${ctx.credentials.secret}`);
    const instId = `${p.symbol.base}-${p.symbol.quote}`;
    const res = await this.http!.send({
      method: "GET",
      path: `/api/ticker?instId=${instId}`,
      signal: ctx.signal,
    });
    const body = parseJsonBody<{ last?: string; code?: number; msg?: string }>(res, "OBSERVED");
    if (res.status !== 200)
      throw new ExchangeError("OBSERVED", String(body.code), String(body.msg), res.status);
    const last = Number(body.last);
    return {
      symbol: p.symbol.text,
      buy: last,
      sell: last,
      high: last,
      low: last,
      open: last,
      last,
      vol: 1,
      time: 1,
    };
  }

  override async getOrder(ctx: CallContext<Options>, p: OrderIdParams): Promise<Order> {
    await this.http!.send({
      method: "GET",
      path: `/api/orders/${p.id.orderId}`,
      endpoint: "/api/orders/{id}",
      signal: ctx.signal,
    });
    return {
      id: p.id.text,
      symbol: "BTC_USDT",
      amount: 1,
      price: 1,
      deal_amount: 0,
      avg_price: 0,
      type: "buy",
      status: "pending",
    };
  }

  /** Reports its raw path, order id included: core templates the endpoint label (`/v1/order/{id}`). */
  override async cancelOrder(ctx: CallContext<Options>, p: OrderIdParams): Promise<true> {
    await this.http!.send({ method: "DELETE", path: `/v1/order/${p.id.orderId}`, signal: ctx.signal });
    return true;
  }

  override async getDepth(ctx: CallContext<Options>, p: InstrumentParams): Promise<Depth> {
    await this.limiter!.acquire(`depth|${p.symbol.text}`, { capacity: 1, intervalMs: 60_000 }, ctx.signal);
    return { time: 1, asks: [], bids: [] };
  }

  override async getTrades(ctx: CallContext<Options>, p: InstrumentParams): Promise<Trade[]> {
    await this.limiter!.acquire(`trades|${p.symbol.text}`, { capacity: 1, intervalMs: 300 }, ctx.signal);
    return [];
  }
}

export const SECRET = "sEcReT-value-9f8e7d6c5b4a";
export const PASSPHRASE = "PaSs-phrase-0a1b2c3d";
export const ACCESS = "AK-full-access-key-1234567890";

/** A docker-like call: POST /<mount> with the keys in the body, as FMZ sends them. */
export async function fmzCall(
  base: string,
  mount: string,
  method: string,
  params: Record<string, unknown>,
): Promise<{ data?: unknown; error?: string }> {
  const res = await fetch(`${base}/${mount}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      access_key: ACCESS,
      secret_key: `${SECRET},${PASSPHRASE}`,
      nonce: 1,
      method,
      params,
    }),
  });
  return (await res.json()) as { data?: unknown; error?: string };
}
