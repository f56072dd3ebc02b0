/**
 * The gateway's error tree. Every failure a strategy can see is one of these; the host turns each into
 * `{"error": "<text>"}` with HTTP 200, because the FMZ docker shows that text in the strategy's log and
 * would hide a bare HTTP error.
 *
 * The `kind` field lets code (and tests) tell the classes apart without instanceof, which breaks when a
 * plugin brings its own copy of core.
 */
export type GatewayErrorKind =
  "bad-request" | "not-supported" | "exchange" | "network" | "timeout" | "rate-limited" | "internal";

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

export function isGatewayError(err: unknown): err is GatewayError {
  return err instanceof Error && typeof (err as Partial<GatewayError>).kind === "string";
}
