/**
 * The gateway's error tree. Every failure a strategy can see is one of these; the host turns each into
 * `{"error": "<text>"}` with HTTP 200, because the FMZ docker shows that text in the strategy's log and
 * would hide a bare HTTP error.
 *
 * The `kind` field lets code (and tests) tell the classes apart without instanceof, which breaks when a
 * plugin brings its own copy of core.
 */
export type GatewayErrorKind =
  | "bad-request"
  | "not-supported"
  | "exchange"
  | "network"
  | "timeout"
  | "rate-limited"
  | "order-state-unknown"
  | "order-not-placed"
  | "internal";

export class GatewayError extends Error {
  readonly kind: GatewayErrorKind = "internal";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The caller sent something the protocol does not allow: a missing field, a bad symbol or number. */
export class BadRequestError extends GatewayError {
  override readonly kind = "bad-request";
}

/** The adapter does not implement this FMZ method (or not on this market). */
export class NotSupportedError extends GatewayError {
  override readonly kind = "not-supported";
  constructor(
    readonly method: string,
    detail?: string,
  ) {
    super(`not supported: ${method}${detail ? ` ${detail}` : ""}`);
  }
}

/** The exchange answered with an error of its own; its code and message reach the strategy verbatim. */
export class ExchangeError extends GatewayError {
  override readonly kind: GatewayErrorKind = "exchange";
  constructor(
    readonly exchange: string,
    readonly code: string,
    readonly exchangeMessage: string,
    readonly httpStatus?: number,
  ) {
    super(`${exchange} ${code}${exchangeMessage ? `: ${exchangeMessage}` : ""}`);
  }
}

/** The exchange asked us to slow down (HTTP 429 or its own rate-limit code), or our own limiter refused. */
export class RateLimitedError extends ExchangeError {
  override readonly kind = "rate-limited";
}

/** The request may or may not have reached the exchange: connection refused, reset, DNS, TLS. */
export class NetworkError extends GatewayError {
  override readonly kind: GatewayErrorKind = "network";
}

/** No answer within the configured time. The request may have been executed by the exchange. */
export class TimeoutError extends NetworkError {
  override readonly kind = "timeout";
}

/**
 * Why a request's outcome is unknown, as the strategy is told it: `timeout` (no answer in time),
 * `connection` (the connection broke after the request left), `unreadable` (an answer that is not the
 * exchange's format: HTML, cut off, empty), `server-error` (an HTTP 5xx, or one of the exchange's own
 * "processing, check the result" codes), `no-order-id` (a success reply that names no order).
 */
export type UnclearOutcome = "timeout" | "connection" | "unreadable" | "server-error" | "no-order-id";

/**
 * The one marker for "this request may have reached the exchange, and we cannot tell what it did": an
 * own property `mayHaveBeenSent: true` on the error. Core's HttpClient sets it on transport failures
 * after the request left (a reset, a timeout); an adapter sets it on replies that do not tell (OKX's
 * OkxUnclearReplyError, ccxt's mapped OperationFailed); `unclear` says how, where the error's kind
 * alone does not (an unreadable body, a 5xx). A failure without it is definite: the exchange refused,
 * or the request never left, so an order path throws it as it is and looks nothing up.
 */
export interface MayHaveBeenSent {
  readonly mayHaveBeenSent: true;
  readonly unclear?: UnclearOutcome;
}

/** Whether a failed request may still have reached the exchange (see MayHaveBeenSent). */
export function mayHaveReachedExchange(err: unknown): err is Error & MayHaveBeenSent {
  return (err as Partial<MayHaveBeenSent> | null | undefined)?.mayHaveBeenSent === true;
}

/** Marks an error as MayHaveBeenSent (`unclear` says how, when its kind does not). Returns the error. */
export function markMayHaveBeenSent<E extends Error>(err: E, unclear?: UnclearOutcome): E & MayHaveBeenSent {
  Object.defineProperty(err, "mayHaveBeenSent", { value: true, enumerable: false });
  if (unclear) Object.defineProperty(err, "unclear", { value: unclear, enumerable: false });
  return err as E & MayHaveBeenSent;
}

/** How an order request's unclear failure reads, the same on every adapter (see `describeFailure`). */
export function unclearOutcomeOf(err: unknown): UnclearOutcome {
  const e = err as { unclear?: UnclearOutcome; kind?: unknown; code?: unknown } | null | undefined;
  if (e?.unclear) return e.unclear;
  if (e?.kind === "timeout") return "timeout";
  if (typeof e?.code === "string" && /^HTTP \d{3}$/.test(e.code)) return "unreadable";
  if (typeof e?.code === "string") return "server-error";
  return "connection";
}

/**
 * What a strategy is told of a failure inside an order's lost-reply text: the exchange's own code and
 * message where it answered with one, else what happened to the request, in words that are the same
 * on every adapter (each HTTP stack words its own texts: a URL, a socket code), which the log keeps.
 */
export function describeFailure(err: unknown): string {
  const e = err as { code?: unknown; exchangeMessage?: unknown; exchange?: unknown; kind?: unknown };
  const outcome = mayHaveReachedExchange(err) ? unclearOutcomeOf(err) : undefined;
  const kind = isGatewayError(err) ? err.kind : undefined;
  if (outcome === "timeout" || (outcome === undefined && kind === "timeout")) return "no answer in time";
  if (outcome === "unreadable") return "an unreadable reply";
  if (outcome === "no-order-id") return "a reply without an order id";
  if (typeof e?.code === "string" && typeof e.exchangeMessage === "string") {
    return `${String(e.exchange)} answered ${e.code}${e.exchangeMessage ? `: ${e.exchangeMessage}` : ""}`;
  }
  if (outcome === "server-error") return "a server error";
  if (outcome === "connection") return "the connection broke after the request was sent";
  if (kind === "network") return "the connection failed";
  return err instanceof Error ? err.message : String(err);
}

/** What an order placement whose reply was unclear knows: the order's client id and the failure. */
export interface LostReply {
  /** The exchange's name as the adapter shows it (`OKX`, `okx`). */
  readonly exchange: string;
  /** The FMZ wire method (`trade`). */
  readonly method: string;
  readonly clientOrderId: string;
  /** The unclear failure of the order request itself (MayHaveBeenSent). */
  readonly failure: unknown;
}

/** The exchange's own code and message of a failure, where it answered with one. */
function ownCode(failure: unknown): { code?: string; exchangeMessage?: string } {
  const e = failure as { code?: unknown; exchangeMessage?: unknown } | null | undefined;
  return typeof e?.code === "string" && typeof e.exchangeMessage === "string"
    ? { code: e.code, exchangeMessage: e.exchangeMessage }
    : {};
}

/**
 * An order request may have reached the exchange and the look-ups by its client order id could not
 * settle whether it was placed. The text is the same on every adapter apart from names and ids, and
 * tells the strategy to check open and recent orders before placing it again: sending it again blindly
 * may trade twice. `code` and `exchangeMessage` are the exchange's own of the original failure, when it
 * answered with one; `cause` is that failure. A NetworkError by class (the outcome is unknown).
 */
export class OrderStateUnknownError extends NetworkError {
  override readonly kind = "order-state-unknown";
  readonly exchange: string;
  readonly clientOrderId: string;
  readonly code?: string;
  readonly exchangeMessage?: string;
  constructor(
    lost: LostReply,
    /** Why the look-ups could not tell: `failed (…)`, `could not tell (…)`, `ran out of time`. */
    readonly lookup: string,
  ) {
    super(
      `${lost.exchange} ${lost.method}: the order may have been placed: ${describeFailure(lost.failure)}, and looking it up by client order id ${lost.clientOrderId} ${lookup}; check open orders (orders) and recent orders (historyorders) before placing it again`,
      { cause: lost.failure },
    );
    this.exchange = lost.exchange;
    this.clientOrderId = lost.clientOrderId;
    Object.assign(this, ownCode(lost.failure));
  }
}

/**
 * An order request's outcome was unclear, and the exchange's answer to the look-up by its client order
 * id proves it has no such order: nothing was placed, placing it again is safe. One text on every
 * adapter apart from names and ids; `code`/`exchangeMessage` and `cause` as in OrderStateUnknownError.
 */
export class OrderNotPlacedError extends GatewayError {
  override readonly kind = "order-not-placed";
  readonly exchange: string;
  readonly clientOrderId: string;
  readonly code?: string;
  readonly exchangeMessage?: string;
  constructor(lost: LostReply) {
    super(
      `${lost.exchange} ${lost.method}: the order was not placed: ${describeFailure(lost.failure)}, and ${lost.exchange} has no order with client order id ${lost.clientOrderId}`,
      { cause: lost.failure },
    );
    this.exchange = lost.exchange;
    this.clientOrderId = lost.clientOrderId;
    Object.assign(this, ownCode(lost.failure));
  }
}

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof Error && typeof (err as Partial<GatewayError>).kind === "string";
}
