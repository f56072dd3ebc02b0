// Injected failures: each spec matches the next `times` requests to its path (and method) before normal
// handling. The server decides what each kind means on the wire; this file only does the matching.

import { errorMsg, errorStatus, isOrderLevelCode } from "./errors";
import type { FaultKind, FaultSpec } from "./types";

interface ActiveFault {
  method: string | undefined;
  path: string;
  remaining: number;
  kind: FaultKind;
  code: string | undefined;
  msg: string | undefined;
  delayMs: number | undefined;
}

/** "trade/order", "/trade/order" and "/api/v5/trade/order" all name the same endpoint. */
export function normalizeFaultPath(path: string): string {
  const bare = path.split("?")[0] ?? "";
  if (bare.startsWith("/api/")) return bare;
  return "/api/v5/" + bare.replace(/^\/+/, "");
}

export class FaultRegistry {
  private active: ActiveFault[] = [];

  add(f: FaultSpec): void {
    const times = f.times ?? 1;
    if (!(times > 0)) return;
    this.active.push({
      method: f.method?.toUpperCase(),
      path: normalizeFaultPath(f.path),
      remaining: times,
      kind: f.kind,
      code: f.code,
      msg: f.msg,
      delayMs: f.delayMs,
    });
  }

  clear(): void {
    this.active = [];
  }

  /** Consumes and returns the first fault matching the request, if any. */
  take(method: string, path: string): Omit<ActiveFault, "remaining"> | undefined {
    // Fast path: with no faults configured the benchmark pays one length check.
    if (this.active.length === 0) return undefined;
    for (let i = 0; i < this.active.length; i++) {
      const f = this.active[i];
      if (f === undefined || f.path !== path || (f.method !== undefined && f.method !== method)) continue;
      f.remaining -= 1;
      if (f.remaining <= 0) this.active.splice(i, 1);
      return f;
    }
    return undefined;
  }
}

/** Endpoints whose errors OKX reports per order (sCode/sMsg in data[]) rather than at the top level. */
const PER_ORDER_PATHS = new Set([
  "/api/v5/trade/order",
  "/api/v5/trade/batch-orders",
  "/api/v5/trade/cancel-order",
  "/api/v5/trade/cancel-batch-orders",
]);

function orderItems(body: string): Record<string, unknown>[] {
  try {
    const parsed: unknown = JSON.parse(body);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    return list.filter((x): x is Record<string, unknown> => typeof x === "object" && x !== null);
  } catch {
    return [{}];
  }
}

export interface FaultBody {
  status: number;
  body: string;
  contentType: string;
}

/**
 * The wire answer for the faults that do answer. An okx-error with an order-level code (51xxx and up) on a
 * place/cancel endpoint comes back the way OKX reports a rejected order: HTTP 200, code "1", the code in
 * data[].sCode. Any other okx-error is a top-level `{"code","msg","data":[]}` with the table's HTTP status.
 */
export function faultBody(
  kind: "http500" | "garbage" | "rate-limit" | "okx-error",
  path: string,
  method: string,
  requestBody: string,
  code: string | undefined,
  msg: string | undefined,
  now: number,
): FaultBody {
  const json = "application/json";
  switch (kind) {
    case "http500":
      return {
        status: 500,
        body: '{"code":"50026","msg":"System error. Try again later","data":[]}',
        contentType: json,
      };
    case "garbage":
      // What a misbehaving proxy in front of the API would send: a 200 that is not JSON.
      return {
        status: 200,
        body: "<html><head><title>502 Bad Gateway</title></head><body>upstream error</body></html>",
        contentType: "text/html",
      };
    case "rate-limit":
      return { status: 429, body: '{"msg":"Too Many Requests","code":"50011"}', contentType: json };
    case "okx-error": {
      const c = code ?? "50001";
      const m = msg ?? errorMsg(c);
      if (method === "POST" && PER_ORDER_PATHS.has(path) && isOrderLevelCode(c)) {
        const data = orderItems(requestBody).map((o) => ({
          clOrdId: typeof o.clOrdId === "string" ? o.clOrdId : "",
          ordId: "",
          tag: typeof o.tag === "string" ? o.tag : "",
          ts: String(now),
          sCode: c,
          sMsg: m,
        }));
        const micros = String(now * 1000);
        return {
          status: 200,
          body: JSON.stringify({
            code: "1",
            msg: "All operations failed",
            data,
            inTime: micros,
            outTime: micros,
          }),
          contentType: json,
        };
      }
      return {
        status: errorStatus(c),
        body: JSON.stringify({ code: c, msg: m, data: [] }),
        contentType: json,
      };
    }
  }
}
