import type { StandinOrder } from "@fmz-gateway/okx-standin";
import type { FaultInjector } from "./fault-injector";
import type { OutputScanner } from "./output-scan";
import type { PageScan } from "./page-scan";
import type { Sample } from "./sampler";
import type { SoakStats } from "./stats";

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

export interface OrderAccount {
  placed: number;
  acknowledged: number;
  afterLostReply: number;
  /** Placed at the stand-in, but the client was told something else (with what it was told). */
  unacknowledged: string[];
  /** Acknowledged to a client, but no such order at the stand-in. */
  phantom: string[];
  duplicateClientIds: number;
  withoutClientId: number;
  duplicateAcks: number;
}

/** Stand-in orders against what the clients were answered, matched by order id and client order id. */
export function accountOrders(orders: StandinOrder[], stats: SoakStats, faults: FaultInjector): OrderAccount {
  const byClOrdId = new Map<string, number>();
  for (const o of orders) byClOrdId.set(o.clOrdId, (byClOrdId.get(o.clOrdId) ?? 0) + 1);
  const placedIds = new Set(orders.map((o) => `${o.instId},${o.ordId}`));
  const out: OrderAccount = {
    placed: orders.length,
    acknowledged: 0,
    afterLostReply: 0,
    unacknowledged: [],
    phantom: [...stats.ackedIds.keys()].filter((id) => !placedIds.has(id)),
    duplicateClientIds: [...byClOrdId.values()].filter((n) => n > 1).length,
    withoutClientId: orders.filter((o) => o.clOrdId === "").length,
    duplicateAcks: [...stats.ackedIds.values()].filter((n) => n > 1).length,
  };
  for (const o of orders) {
    if (!stats.ackedIds.has(`${o.instId},${o.ordId}`)) {
      out.unacknowledged.push(
        `${o.instId},${o.ordId} (${o.clOrdId}): ${stats.tradeErrors.get(o.clOrdId) ?? "no answer seen"}`,
      );
    } else if (faults.lostReplies.has(o.clOrdId)) out.afterLostReply++;
    else out.acknowledged++;
  }
  return out;
}

/**
 * Growth from the start of the window to its end, and the range. Each end is the median of a quarter of
 * the window's samples: open descriptors swing with the connections in use at that instant (a hung
 * upstream request holds one until its timeout), and a leak shows as a rising median, not as one peak.
 */
export function flatness(samples: Sample[], fromS: number, field: "rssMb" | "heapMb" | "fds") {
  const w = samples.filter((s) => s.t >= fromS).map((s) => s[field]);
  if (w.length < 8) return { ok: false, detail: `only ${w.length} samples in the window`, growth: NaN };
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const quarter = Math.floor(w.length / 4);
  const first = med(w.slice(0, quarter));
  const last = med(w.slice(-quarter));
  const growth = last / first - 1;
  const fmt = (n: number) => (field === "fds" ? String(Math.round(n)) : n.toFixed(1));
  return {
    ok: growth <= 0.1,
    growth,
    detail: `${fmt(first)} → ${fmt(last)} (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)} %, range ${fmt(Math.min(...w))}–${fmt(Math.max(...w))})`,
  };
}

export function soakChecks(input: {
  stayedUp: boolean;
  upDetail: string;
  stats: SoakStats;
  account: OrderAccount;
  samples: Sample[];
  windowFromS: number;
  output: OutputScanner;
  pages: PageScan;
  faults: FaultInjector;
}): Check[] {
  const { stats, account: a, output, pages, faults } = input;
  const rss = flatness(input.samples, input.windowFromS, "rssMb");
  const heap = flatness(input.samples, input.windowFromS, "heapMb");
  const fds = flatness(input.samples, input.windowFromS, "fds");
  const faultCount = [...faults.hits.values()].reduce((s, n) => s + n, 0);
  return [
    { name: "gateway process stayed up", pass: input.stayedUp, detail: input.upDetail },
    {
      name: "every reply was JSON, in the protocol's shape, within its deadline",
      pass: stats.failures === 0 && stats.calls > 0,
      detail: `${stats.calls} calls, ${stats.errors} answered {"error"}, ${stats.failures} failures`,
    },
    {
      name: "orders placed = acknowledged + answered as placed after a lost reply",
      pass: a.unacknowledged.length === 0 && a.phantom.length === 0 && a.placed > 0,
      detail: `${a.placed} placed = ${a.acknowledged} acknowledged + ${a.afterLostReply} after a lost reply; ${a.unacknowledged.length} placed but not acknowledged, ${a.phantom.length} acknowledged but not placed`,
    },
    {
      name: "no order placed twice, every order carries a client order id",
      pass: a.duplicateClientIds === 0 && a.withoutClientId === 0 && a.duplicateAcks === 0,
      detail: `${a.duplicateClientIds} client ids placed twice, ${a.withoutClientId} orders without one, ${a.duplicateAcks} ids acknowledged twice`,
    },
    { name: "RSS flat (≤ 10 %) over the window", pass: rss.ok, detail: `MB ${rss.detail}` },
    { name: "live heap flat (≤ 10 %) over the window", pass: heap.ok, detail: `MB ${heap.detail}` },
    { name: "open file descriptors flat (≤ 10 %) over the window", pass: fds.ok, detail: fds.detail },
    {
      name: "no key, secret or passphrase in any output",
      pass:
        output.leaks === 0 &&
        stats.leaks === 0 &&
        output.lines > 0 &&
        pages.leaks.length === 0 &&
        pages.unreadable.length === 0,
      detail:
        `${output.lines} gateway log lines, ${stats.calls} replies, and the status page, status.json and ` +
        `/metrics (${Math.round(pages.bytes / 1024)} KB) scanned; ${output.leaks + stats.leaks + pages.leaks.length} leaks` +
        (pages.leaks.length ? ` (in ${pages.leaks.join(", ")})` : "") +
        (pages.unreadable.length ? `; unreadable: ${pages.unreadable.join(", ")}` : ""),
    },
    {
      name: "faults were injected, lost order replies among them",
      pass: faultCount > 0 && a.afterLostReply > 0,
      detail: `${faultCount} faults on ${faults.requests} stand-in requests (${[...faults.hits].map(([k, n]) => `${k} ${n}`).join(", ")})`,
    },
  ];
}
