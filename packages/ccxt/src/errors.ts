/**
 * ccxt's exception classes → the core's error tree, keeping the exchange's own code and message.
 * ccxt words its exchange errors as `<id> <response body>` (`okx {"code":"1","data":[{"sCode":"51008",
 * "sMsg":"Order failed. Insufficient USDT balance"}],"msg":"All operations failed"}`); the code and the
 * message are dug out of that body where it is JSON.
 */
import * as ccxt from "ccxt";
import {
  BadRequestError,
  ExchangeError,
  GatewayError,
  NetworkError,
  NotSupportedError,
  RateLimitedError,
  TimeoutError,
  type UnclearOutcome,
  isGatewayError,
  markMayHaveBeenSent,
} from "@fmz-gateway/core";

export interface ExchangeMessage {
  /** The exchange's code, or ccxt's class name when the body carries none. */
  readonly code: string;
  readonly message: string;
}

const CODE_KEYS = ["sCode", "code", "retCode", "ret_code", "error_code", "err-code", "errorCode", "status"];
const MSG_KEYS = ["sMsg", "msg", "message", "retMsg", "ret_msg", "err-msg", "errorMessage", "error", "label"];

function firstString(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = obj[k];
    if ((typeof v === "string" && v !== "") || typeof v === "number") return String(v);
  }
  return undefined;
}

/** The exchange's code and message inside a ccxt error text, as well as can be found. */
export function parseCcxtMessage(exchangeId: string, className: string, text: string): ExchangeMessage {
  let body = text.trim();
  if (body.toLowerCase().startsWith(exchangeId.toLowerCase() + " ")) body = body.slice(exchangeId.length + 1);
  const brace = body.indexOf("{");
  if (brace >= 0) {
    try {
      const parsed: unknown = JSON.parse(body.slice(brace));
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        const obj = parsed as Record<string, unknown>;
        // Per-item results (OKX's data[].sCode/sMsg) say more than the envelope's "All operations failed".
        const data = obj.data;
        const item =
          Array.isArray(data) && data[0] && typeof data[0] === "object"
            ? (data[0] as Record<string, unknown>)
            : undefined;
        const itemCode = item ? firstString(item, ["sCode"]) : undefined;
        const useItem = item !== undefined && itemCode !== undefined && itemCode !== "0";
        const src = useItem ? item : obj;
        const nested =
          obj.error && typeof obj.error === "object" ? (obj.error as Record<string, unknown>) : undefined;
        const code = firstString(src, CODE_KEYS) ?? (nested && firstString(nested, CODE_KEYS)) ?? className;
        const message =
          firstString(src, MSG_KEYS) ??
          (nested && firstString(nested, MSG_KEYS)) ??
          (brace > 0 ? body : body.slice(brace));
        return { code, message: message.trim() };
      }
    } catch {
      // not JSON: keep the text as it is
    }
  }
  return { code: className, message: body };
}

function className(err: Error): string {
  return err.constructor?.name && err.constructor.name !== "Error" ? err.constructor.name : err.name;
}

/**
 * Turns whatever a ccxt call threw into a gateway error. `method` is the FMZ wire name, for "not
 * supported" texts. Gateway errors pass through; anything unknown is rethrown (an internal error).
 */
export function mapCcxtError(err: unknown, exchangeId: string, method: string): Error {
  if (isGatewayError(err)) return err;
  if (!(err instanceof ccxt.BaseError)) return err instanceof Error ? err : new Error(String(err));
  const name = className(err);
  const { code, message } = parseCcxtMessage(exchangeId, name, withoutQueries(err.message));
  const opts = { cause: err };
  if (err instanceof ccxt.NotSupported) {
    return withCause(new NotSupportedError(method, `on ${exchangeId}: ${message}`), err);
  }
  if (err instanceof ccxt.ArgumentsRequired) return new BadRequestError(`${exchangeId}: ${message}`, opts);
  if (err instanceof ccxt.RateLimitExceeded || err instanceof ccxt.DDoSProtection) {
    return withCause(new RateLimitedError(exchangeId, code, message), err);
  }
  if (err instanceof ccxt.RequestTimeout) return new TimeoutError(`${exchangeId}: ${message}`, opts);
  if (err instanceof ccxt.InvalidNonce) return withCause(new ExchangeError(exchangeId, code, message), err);
  if (err instanceof ccxt.ExchangeNotAvailable && code !== name) {
    // The exchange answered, with a code of its own (maintenance, "system busy").
    return withCause(new ExchangeError(exchangeId, code, message), err);
  }
  if (err instanceof ccxt.NetworkError) return new NetworkError(`${exchangeId}: ${message}`, opts);
  if (err instanceof ccxt.OperationFailed) return new NetworkError(`${exchangeId}: ${message}`, opts);
  return withCause(new ExchangeError(exchangeId, code, message), err);
}

/** URLs in ccxt's texts lose their query strings: some exchanges sign there (`&signature=…`). */
export function withoutQueries(text: string): string {
  return text.replace(/(https?:\/\/[^\s?"]+)\?[^\s"]*/g, "$1");
}

function withCause<E extends GatewayError>(e: E, cause: unknown): E {
  Object.defineProperty(e, "cause", { value: cause, enumerable: false, configurable: true, writable: true });
  return e;
}

/**
 * Whether an order request that failed this way may still have reached the exchange and been executed:
 * the connection broke, timed out, or the reply could not be read. Rate limits and the exchange's own
 * rejections are definite: nothing was placed.
 */
export function isUncertainOutcome(err: unknown): boolean {
  if (!(err instanceof ccxt.BaseError)) return false;
  if (err instanceof ccxt.RateLimitExceeded || err instanceof ccxt.DDoSProtection) return false;
  if (err instanceof ccxt.InvalidNonce) return false;
  return err instanceof ccxt.OperationFailed;
}

/** How an uncertain ccxt failure reads in core's terms (the same words the OKX adapter uses). */
function unclearOf(err: ccxt.BaseError): UnclearOutcome {
  if (err instanceof ccxt.RequestTimeout) return "timeout";
  if (err instanceof ccxt.BadResponse) return "unreadable";
  if (err instanceof ccxt.ExchangeNotAvailable) return "server-error";
  return "connection";
}

/**
 * A failure of an order request as core's placement policy reads it: mapped like any ccxt error, and
 * carrying core's MayHaveBeenSent marker when it may have reached the exchange (`isUncertainOutcome`),
 * so the policy looks the order up instead of reporting a refusal.
 */
export function mapOrderError(err: unknown, exchangeId: string, method: string): Error {
  const mapped = mapCcxtError(err, exchangeId, method);
  return err instanceof ccxt.BaseError && isUncertainOutcome(err)
    ? markMayHaveBeenSent(mapped, unclearOf(err))
    : mapped;
}
