// The route table: "METHOD /api/v5/path" → handler, and whether the endpoint needs a signature.

import type { Handler } from "./http/context";
import * as market from "./market/handlers";
import * as account from "./trading/account-handlers";
import * as trade from "./trading/trade-handlers";

export interface Route {
  private: boolean;
  handler: Handler;
}

const P = "/api/v5/";

const table: [method: string, path: string, isPrivate: boolean, handler: Handler][] = [
  ["GET", "public/time", false, market.publicTime],
  ["GET", "public/instruments", false, market.instruments],
  ["GET", "public/funding-rate", false, market.fundingRate],
  ["GET", "market/ticker", false, market.ticker],
  ["GET", "market/tickers", false, market.tickers],
  ["GET", "market/books", false, market.books],
  ["GET", "market/trades", false, market.trades],
  ["GET", "market/candles", false, market.candles],
  ["GET", "market/history-candles", false, market.historyCandles],
  ["GET", "account/balance", true, account.balance],
  ["GET", "account/positions", true, account.positions],
  ["POST", "account/set-leverage", true, account.setLeverage],
  ["GET", "account/config", true, account.accountConfig],
  ["POST", "account/set-position-mode", true, account.setPositionMode],
  ["GET", "asset/currencies", true, account.assetCurrencies],
  ["POST", "trade/order", true, trade.placeOrder],
  ["GET", "trade/order", true, trade.getOrder],
  ["POST", "trade/batch-orders", true, trade.batchOrders],
  ["POST", "trade/cancel-order", true, trade.cancelOrder],
  ["POST", "trade/cancel-batch-orders", true, trade.cancelBatchOrders],
  ["GET", "trade/orders-pending", true, trade.ordersPending],
  ["GET", "trade/orders-history", true, trade.ordersHistory],
  ["GET", "trade/orders-history-archive", true, trade.ordersHistoryArchive],
];

export const ROUTES: ReadonlyMap<string, Route> = new Map(
  table.map(([method, path, isPrivate, handler]) => [
    method + " " + P + path,
    { private: isPrivate, handler },
  ]),
);

/** Paths that exist under some method, to tell 405 (wrong method) from 404 (no such endpoint). */
export const KNOWN_PATHS: ReadonlySet<string> = new Set(table.map(([, path]) => P + path));

/** Endpoint list for the README and the CLI banner. */
export const ENDPOINTS: readonly string[] = table.map(
  ([m, path, isPrivate]) => `${m} ${P}${path}${isPrivate ? " (signed)" : ""}`,
);
