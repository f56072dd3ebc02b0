/** The method matrix of the README: what each FMZ method maps to, per exchange, from ccxt's `has`. */
import { wireName } from "@fmz-gateway/core";
import * as ccxt from "ccxt";
import { type CcxtExchange, createExchange, requiredCredentialNames } from "../ccxt-lib";
import { credentialLayout, secretKeyFormat } from "../credentials";
import { createProExchange, proHas } from "../streams/pro-lib";

/**
 * What a mount with `privateStreams` serves from ccxt.pro for the exchange, from its pro class's `has`:
 * `orders, balance` (watchOrders and watchBalance), plus `positions` (watchPositions), or ✗ when it lacks
 * either of the first two (the option is refused at start).
 */
export function privateStreamsCell(id: string): string {
  const ex = createProExchange(id, {});
  if (!ex || !proHas(ex, "watchOrders") || !proHas(ex, "watchBalance")) return "✗";
  return proHas(ex, "watchPositions") ? "orders, balance, positions" : "orders, balance";
}

/** FMZ wire method → the ccxt features that serve it (any one is enough). */
export const MATRIX_METHODS: ReadonlyArray<readonly [string, readonly string[]]> = [
  [wireName("getTicker"), ["fetchTicker"]],
  [wireName("getDepth"), ["fetchOrderBook"]],
  [wireName("getTrades"), ["fetchTrades"]],
  [wireName("getRecords"), ["fetchOHLCV"]],
  [wireName("getMarkets"), ["fetchMarkets"]],
  [wireName("getTickers"), ["fetchTickers"]],
  [`${wireName("getAccount")}/${wireName("getAssets")}`, ["fetchBalance"]],
  [wireName("createOrder"), ["createOrder"]],
  ["spot market buy (quote amount)", ["createMarketBuyOrderWithCost"]],
  [wireName("getOrders"), ["fetchOpenOrders"]],
  [wireName("getOrder"), ["fetchOrder"]],
  [wireName("getHistoryOrders"), ["fetchCanceledAndClosedOrders", "fetchClosedOrders", "fetchOrders"]],
  [wireName("cancelOrder"), ["cancelOrder"]],
  [wireName("getPositions"), ["fetchPositions"]],
  [wireName("setMarginLevel"), ["setLeverage"]],
  [wireName("getFundings"), ["fetchFundingRate", "fetchFundingRates"]],
  ["swap", ["swap"]],
  ["future", ["future"]],
  ["sandbox", ["sandbox"]],
];

export interface MatrixRow {
  readonly exchange: string;
  /** The Secret Key as the user types it (`SECRET,PASSWORD`). */
  readonly secretKey: string;
  readonly accessKey: string;
  /** One cell per MATRIX_METHODS entry: ✓ native, ≈ emulated by ccxt, – not offered. */
  readonly cells: readonly string[];
}

function cell(ex: CcxtExchange, features: readonly string[]): string {
  const values = features.map((f) => ex.has[f]);
  if (values.includes(true)) return "✓";
  if (values.includes("emulated")) return "≈";
  return "–";
}

export function matrixRow(id: string): MatrixRow {
  const ex = createExchange(id, {});
  const layout = credentialLayout(requiredCredentialNames(ex));
  return {
    exchange: id,
    accessKey: (layout.accessKey ?? "apiKey").toUpperCase(),
    secretKey: secretKeyFormat(layout),
    cells: MATRIX_METHODS.map(([, features]) => cell(ex, features)),
  };
}

export const POPULAR = ["binance", "bybit", "okx", "kraken", "kucoin", "gate", "bitget", "coinbase"];

/** The matrix as Markdown tables: methods × exchanges, and the credentials each exchange takes. */
export function methodMatrix(ids: readonly string[] = POPULAR): string {
  const rows = ids.map(matrixRow);
  const lines = [
    `| FMZ method | ${rows.map((r) => r.exchange).join(" | ")} |`,
    `|---|${rows.map(() => ":-:").join("|")}|`,
  ];
  MATRIX_METHODS.forEach(([method], i) => {
    lines.push(`| ${method} | ${rows.map((r) => r.cells[i]).join(" | ")} |`);
  });
  lines.push("", "| exchange | Access Key | Secret Key |", "|---|---|---|");
  for (const r of rows) lines.push(`| ${r.exchange} | ${r.accessKey} | ${r.secretKey} |`);
  lines.push("", `Generated from ccxt ${ccxt.version}'s \`has\` and \`requiredCredentials\`.`);
  return lines.join("\n");
}
