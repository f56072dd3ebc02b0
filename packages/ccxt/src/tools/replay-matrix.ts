/**
 * The README's exchange × FMZ method matrix, from a replay run: ✓ where ccxt's recorded responses,
 * replayed through the gateway, gave what ccxt's recorded parse says; `has` where ccxt offers the
 * method but no recording verified it here; ✗ where ccxt does not offer it.
 */
import { wireName } from "@fmz-gateway/core";
import * as ccxt from "ccxt";
import { type CcxtExchange, createExchange, has } from "../ccxt-lib";
import { canReadOrder } from "../methods/order-lookup";
import { matrixRow, privateStreamsCell } from "./matrix";

/** The exchanges the matrix always lists (issue 12), whether or not they have recordings. */
export const MATRIX_EXCHANGES = [
  "binance",
  "bybit",
  "okx",
  "bitget",
  "gate",
  "kucoin",
  "htx",
  "mexc",
  "kraken",
  "coinbase",
  "bitmart",
  "bingx",
  "coinex",
  "cryptocom",
  "hyperliquid",
  "phemex",
  "woo",
  "bitfinex",
  "bitstamp",
  "poloniex",
];

/** FMZ method → whether the exchange's ccxt class offers it. */
const OFFERED: ReadonlyArray<readonly [string, (ex: CcxtExchange) => boolean]> = [
  [wireName("getTicker"), (ex) => has(ex, "fetchTicker")],
  [wireName("getDepth"), (ex) => has(ex, "fetchOrderBook")],
  [wireName("getTrades"), (ex) => has(ex, "fetchTrades")],
  [wireName("getRecords"), (ex) => has(ex, "fetchOHLCV")],
  [wireName("getAccount"), (ex) => has(ex, "fetchBalance")],
  [wireName("createOrder"), (ex) => has(ex, "createOrder")],
  [wireName("getOrder"), (ex) => canReadOrder(ex)],
  [wireName("getOrders"), (ex) => has(ex, "fetchOpenOrders")],
  [
    wireName("getHistoryOrders"),
    (ex) => ["fetchCanceledAndClosedOrders", "fetchClosedOrders", "fetchOrders"].some((f) => has(ex, f)),
  ],
  [wireName("cancelOrder"), (ex) => has(ex, "cancelOrder")],
  [wireName("getPositions"), (ex) => has(ex, "fetchPositions")],
  [wireName("getFundings"), (ex) => has(ex, "fetchFundingRate") || has(ex, "fetchFundingRates")],
];

export interface MatrixCase {
  readonly exchange: string;
  readonly fmz: string;
  readonly verdict: "pass" | "fail" | "stale" | "limited" | "skip";
  readonly description: string;
  readonly ccxtMethod: string;
  readonly problems: readonly string[];
}

/** The first few differences, and how many more. */
function briefly(problems: readonly string[]): string {
  const more = problems.length - 3;
  return problems.slice(0, 3).join("; ") + (more > 0 ? `; … ${more} more` : "");
}

function known(id: string): boolean {
  return typeof (ccxt as unknown as Record<string, unknown>)[id] === "function";
}

/** The matrix block of the README, as Markdown. */
export function replayMatrix(cases: readonly MatrixCase[], extra: readonly string[] = []): string {
  const ids = [...new Set([...MATRIX_EXCHANGES, ...extra, ...cases.map((c) => c.exchange)])];
  const lines = [
    `| exchange | ${OFFERED.map(([m]) => m).join(" | ")} | private streams | Secret Key |`,
    `|---|${OFFERED.map(() => ":-:").join("|")}|:-:|---|`,
  ];
  const notes: string[] = [];
  const limits: string[] = [];
  for (const id of ids) {
    if (!known(id)) {
      lines.push(`| ${id} | ${OFFERED.map(() => "–").join(" | ")} | – | not in ccxt ${ccxt.version} |`);
      continue;
    }
    const ex = createExchange(id, {});
    const cells = OFFERED.map(([method, offered]) => {
      const mine = cases.filter((c) => c.exchange === id && c.fmz === method);
      if (mine.some((c) => c.verdict === "fail")) return "✗ fails";
      if (mine.some((c) => c.verdict === "pass"))
        return mine.some((c) => c.verdict === "limited") ? "✓ ¹" : "✓";
      if (mine.some((c) => c.verdict === "limited")) return "✗ ¹";
      return offered(ex) ? "has" : "✗";
    });
    lines.push(`| ${id} | ${cells.join(" | ")} | ${privateStreamsCell(id)} | ${matrixRow(id).secretKey} |`);
    for (const c of cases.filter((k) => k.exchange === id && k.verdict === "limited")) {
      limits.push(
        `- ${id} \`${c.fmz}\` (${c.ccxtMethod}, "${c.description}"): ${c.problems.join("; ")}. The bridge answers an \`{"error"}\` instead.`,
      );
    }
    for (const c of cases.filter((k) => k.exchange === id && k.verdict === "stale")) {
      notes.push(
        `- ${id} \`${c.fmz}\` (${c.ccxtMethod}, "${c.description}"): ccxt ${ccxt.version} parses the recording differently from the recorded parse (${briefly(c.problems)}); the reply matches ccxt ${ccxt.version}, so the cell is not ✓.`,
      );
    }
  }
  const replayed = new Set(cases.filter((c) => c.verdict === "pass").map((c) => c.exchange)).size;
  const passed = cases.filter((c) => c.verdict === "pass").length;
  const skipped = cases.filter((c) => c.verdict === "skip").length;
  const stale = cases.filter((c) => c.verdict === "stale").length;
  const limited = cases.filter((c) => c.verdict === "limited").length;
  const unrecorded = ids.filter((id) => known(id) && !cases.some((c) => c.exchange === id));
  return [
    ...lines,
    "",
    `✓ **replay-verified**: at least one of ccxt's recorded real responses for that method (its static test fixtures, ` +
      `\`ts/src/test/static/response/<exchange>.json\`; for bitfinex \`bitfinex2.json\`, the v2 API ccxt ${ccxt.version}'s ` +
      `bitfinex speaks) was answered through a real gateway, ccxt mount and FMZ HTTP call, and the FMZ reply showed what ` +
      `ccxt's recorded \`parsedResponse\` says: ticker buy/sell/last/high/low/vol and ms time; depth levels, asks ascending, ` +
      `bids descending; trades id, ms time, price, amount, side; records seconds, oldest first; accounts free and frozen per ` +
      `currency; trade the \`<market id>,<order id>\` id; order/orders/historyorders id, amount, price, deal_amount, ` +
      `avg_price, side and status family; cancel true; positions contracts, entry price, side, margin level; fundings rate ` +
      `and ms time. No recording of it failed. \`has\`: ccxt ${ccxt.version} offers the method, no recording verified it ` +
      `here. ✗: ccxt does not offer it. ¹: an exchange limitation, below. **private streams**: what a mount with ` +
      `\`privateStreams\` holds from ccxt.pro, by its \`has\` (watchOrders, watchBalance, watchPositions; positions on ` +
      `contract mounts), not replayed; ✗: the option is refused at start.` +
      (unrecorded.length
        ? ` No recordings are copied yet for ${unrecorded.join(", ")}: their rows are ccxt's \`has\` only.`
        : "") +
      ` ${passed} cases passed on ${replayed} exchanges; ${limited} met a documented limitation; ${stale} are read ` +
      `differently by the installed ccxt (below, not counted as ✓); ${skipped} recordings have no FMZ equivalent ` +
      `(extra params, other wallets) and are not counted.`,
    ...(limits.length ? ["", "Exchange limitations (¹):", "", ...limits] : []),
    ...(notes.length ? ["", "Recordings the installed ccxt reads differently:", "", ...notes] : []),
  ].join("\n");
}
