import http from "node:http";
import { wireName } from "@fmz-gateway/core";
import { type CallResult, DockerClient } from "@fmz-gateway/testkit";
import type { StandinCredential } from "@fmz-gateway/okx-standin";
import { type Op, PAIRS, pick, pickOp } from "./call-mix";
import { fmzSecretKey } from "./credentials";
import type { SoakStats } from "./stats";

/** The wire name each of the soak's operations sends (a market trade is a `trade` too). */
const WIRE: Record<Exclude<Op, "market-trade">, string> = {
  ticker: wireName("getTicker"),
  depth: wireName("getDepth"),
  trades: wireName("getTrades"),
  records: wireName("getRecords"),
  accounts: wireName("getAccount"),
  orders: wireName("getOrders"),
  order: wireName("getOrder"),
  cancel: wireName("cancelOrder"),
  trade: wireName("createOrder"),
};

/**
 * One docker-like client: its own key, its own keep-alive connection (a docker is one process calling
 * one after another), a mix of calls until `stopAt`. Orders it placed are looked up and canceled later.
 */
export class SoakClient {
  private readonly docker: DockerClient;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly open: Array<{ id: string; symbol: string }> = [];

  constructor(
    readonly mount: string,
    gatewayUrl: string,
    credential: StandinCredential,
    private readonly stats: SoakStats,
    deadlineMs: number,
    private readonly thinkMs: [number, number],
  ) {
    this.docker = new DockerClient({
      baseUrl: gatewayUrl,
      exchange: mount,
      accessKey: credential.apiKey,
      secretKey: fmzSecretKey(credential),
      timeoutMs: deadlineMs,
      agent: this.agent,
    });
  }

  async run(stopAt: number): Promise<void> {
    while (Date.now() < stopAt) {
      await this.step(pickOp());
      const [lo, hi] = this.thinkMs;
      await new Promise((r) => setTimeout(r, lo + Math.random() * (hi - lo)));
    }
    this.agent.destroy();
  }

  private async step(op: Op): Promise<void> {
    const pair = pick(PAIRS);
    switch (op) {
      case "ticker":
      case "depth":
      case "trades":
        return void (await this.call(op, WIRE[op], {
          symbol: pair.symbol,
          ...(op === "depth" ? { limit: 20 } : {}),
        }));
      case "records":
        return void (await this.call(op, WIRE.records, { symbol: pair.symbol, period: 1, limit: 50 }));
      case "accounts":
        return void (await this.call(op, WIRE.accounts, {}));
      case "orders":
        return void (await this.call(op, WIRE.orders, { symbol: pair.symbol }));
      case "trade":
        if (this.open.length >= 20) return this.step("cancel");
        return this.trade(op, pair.symbol, { type: "buy", price: pair.price, amount: pair.amount });
      case "market-trade":
        return Math.random() < 0.5
          ? this.trade(op, pair.symbol, { type: "buy", price: -1, amount: "2" })
          : this.trade(op, PAIRS[0].symbol, { type: "sell", price: -1, amount: PAIRS[0].marketSell });
      case "order": {
        const o = this.open.length > 0 ? pick(this.open) : undefined;
        if (!o) return this.step("trade");
        return void (await this.call(op, WIRE.order, { id: o.id, symbol: o.symbol }));
      }
      case "cancel": {
        const o = this.open.shift();
        if (!o) return this.step("trade");
        return void (await this.call(op, WIRE.cancel, { id: o.id, symbol: o.symbol }));
      }
    }
  }

  private async trade(op: Op, symbol: string, p: Record<string, unknown>): Promise<void> {
    const r = await this.call(op, WIRE.trade, { symbol, ...p });
    const id = (r?.data as { id?: unknown } | undefined)?.id;
    if (typeof id === "string") {
      this.stats.acked(id, this.mount);
      if (op === "trade") this.open.push({ id, symbol });
    } else if (r?.error !== undefined) {
      this.stats.tradeError(r.error);
    }
  }

  /** One call, timed; a reply that is not JSON or comes after the deadline is a failure. */
  private async call(
    op: Op,
    method: string,
    params: Record<string, unknown>,
  ): Promise<CallResult | undefined> {
    const started = performance.now();
    try {
      const r = await this.docker.call(method, params);
      this.stats.reply(this.mount, op, performance.now() - started, r);
      return r;
    } catch (err) {
      this.stats.failure(this.mount, op, performance.now() - started, err);
      return undefined;
    }
  }
}
