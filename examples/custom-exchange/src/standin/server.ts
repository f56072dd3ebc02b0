import http from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_ERRORS, type DemoOrderRequest } from "../api-types";
import { authenticate } from "./auth";
import { DemoApiError, invalidParam } from "./errors";
import { type DemoAccount, Ledger } from "./ledger";
import { BOOK_LEVELS, INTERVAL_MS, Market } from "./market";

export const DEFAULT_ACCOUNT: DemoAccount = { key: "demo-key", secret: "demo-secret" };

export interface DemoServerOptions {
  /** Default 0: a free port. */
  port?: number;
  host?: string;
  /** API keys the stand-in accepts; default one account, `demo-key` / `demo-secret`. */
  accounts?: DemoAccount[];
}

/**
 * Failures to inject into the next call of a route (`"POST /api/v1/orders"`):
 * - `drop-reply`: do the work (an order is placed), then hang up without answering: a lost reply;
 * - `rate-limit`: answer HTTP 429 with DEMOEX's code 42900, doing nothing;
 * - `garbage`: answer an HTML error page, doing nothing.
 */
export type DemoFault = "drop-reply" | "rate-limit" | "garbage";

export interface DemoServer {
  readonly url: string;
  readonly market: Market;
  readonly ledger: Ledger;
  /** Raw bodies of every authenticated `POST /api/v1/orders`, exactly as received. */
  readonly orderRequests: string[];
  /** Makes the next call of `route` fail with `fault`. */
  injectFault(route: string, fault: DemoFault): void;
  close(): Promise<void>;
}

interface Request {
  query: URLSearchParams;
  body: Record<string, unknown>;
  /** The authenticated API key, on private routes. */
  key: string;
}

interface Route {
  private: boolean;
  handle: (req: Request) => unknown;
}

const MAX_BODY = 64 * 1024;

/** Starts the DEMOEX stand-in: the API of README.md, over node:http, with in-memory state. */
export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const market = new Market();
  const ledger = new Ledger(market, opts.accounts ?? [DEFAULT_ACCOUNT]);
  const orderRequests: string[] = [];
  const faults = new Map<string, DemoFault[]>();
  const routes = buildRoutes(market, ledger);

  const server = http.createServer((req, res) => {
    readBody(req).then(
      (body) => handle(req, res, body),
      () => send(res, 400, { code: DEMO_ERRORS.invalidParameter, msg: "invalid parameter: body too large" }),
    );
  });

  function handle(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const method = req.method ?? "GET";
    const target = req.url ?? "/";
    const url = new URL(target, "http://standin");
    const name = `${method} ${url.pathname}`;
    try {
      const route = routes[name];
      if (!route) throw new DemoApiError(DEMO_ERRORS.unknownEndpoint, `unknown endpoint ${name}`, 404);
      const fault = faults.get(name)?.shift();
      if (fault === "rate-limit")
        throw new DemoApiError(DEMO_ERRORS.tooManyRequests, "too many requests", 429);
      if (fault === "garbage") {
        res.writeHead(502, { "Content-Type": "text/html" }).end("<html><body>502 Bad Gateway</body></html>");
        return;
      }
      const key = route.private
        ? authenticate(req.headers, method, target, body, (k) => ledger.account(k)).key
        : "";
      if (name === "POST /api/v1/orders") orderRequests.push(body);
      const data = route.handle({ query: url.searchParams, body: parseBody(body), key });
      if (fault === "drop-reply") {
        req.socket.destroy();
        return;
      }
      send(res, 200, { code: 0, data });
    } catch (err) {
      if (err instanceof DemoApiError) send(res, err.status, { code: err.code, msg: err.message });
      else send(res, 500, { code: 50000, msg: "internal error" });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    market,
    ledger,
    orderRequests,
    injectFault: (route, fault) => faults.set(route, [...(faults.get(route) ?? []), fault]),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function buildRoutes(market: Market, ledger: Ledger): Record<string, Route> {
  const pub = (handle: Route["handle"]): Route => ({ private: false, handle });
  const priv = (handle: Route["handle"]): Route => ({ private: true, handle });
  return {
    "GET /api/v1/instruments": pub(() => market.instruments()),
    "GET /api/v1/ticker": pub(({ query }) => market.ticker(need(query, "symbol"))),
    "GET /api/v1/tickers": pub(() => market.instruments().map((i) => market.ticker(i.symbol))),
    "GET /api/v1/depth": pub(({ query }) =>
      market.depth(need(query, "symbol"), count(query, "limit", 20, BOOK_LEVELS)),
    ),
    "GET /api/v1/trades": pub(({ query }) => {
      const tape = market.trades(need(query, "symbol"));
      return tape.slice(-count(query, "limit", 50, 100)).reverse();
    }),
    "GET /api/v1/candles": pub(({ query }) => {
      const symbol = need(query, "symbol");
      const name = need(query, "interval");
      // Own properties only: `constructor` must be an unknown interval, not Object's constructor.
      const interval = Object.hasOwn(INTERVAL_MS, name) ? INTERVAL_MS[name] : undefined;
      if (!interval) throw invalidParam(`interval must be one of ${Object.keys(INTERVAL_MS).join(", ")}`);
      const before = query.has("before") ? count(query, "before", 0, Number.MAX_SAFE_INTEGER) : undefined;
      market.instrument(symbol);
      return market.candles(symbol, interval, count(query, "limit", 100, 100), before);
    }),
    "GET /api/v1/balances": priv(({ key }) => ledger.balances(key)),
    "POST /api/v1/orders": priv(({ key, body }) => ledger.place(key, body as unknown as DemoOrderRequest)),
    "GET /api/v1/orders/open": priv(({ key, query }) => ledger.open(key, query.get("symbol") ?? undefined)),
    "GET /api/v1/orders/history": priv(({ key, query }) =>
      ledger.history(
        key,
        query.get("symbol") ?? undefined,
        query.has("since") ? count(query, "since", 0, Number.MAX_SAFE_INTEGER) : 0,
        count(query, "limit", 50, 100),
      ),
    ),
    "GET /api/v1/order": priv(({ key, query }) => {
      const orderId = query.get("orderId") ?? undefined;
      const clientOrderId = query.get("clientOrderId") ?? undefined;
      if (!orderId && !clientOrderId) throw invalidParam("orderId or clientOrderId is required");
      return ledger.find(key, need(query, "symbol"), { orderId, clientOrderId });
    }),
    "DELETE /api/v1/order": priv(({ key, query }) =>
      ledger.cancel(key, need(query, "symbol"), need(query, "orderId")),
    ),
  };
}

function need(query: URLSearchParams, name: string): string {
  const v = query.get(name);
  if (!v) throw invalidParam(`${name} is required`);
  return v;
}

function count(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const v = query.get(name);
  if (v === null) return fallback;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max)
    throw invalidParam(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

function parseBody(body: string): Record<string, unknown> {
  if (body === "") return {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed !== null && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw invalidParam("body must be a JSON object");
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) reject(new Error("too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: http.ServerResponse, status: number, payload: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(payload));
}
