import { DEMO_ERRORS } from "../api-types";

/** A DEMOEX error answer: its code, message and HTTP status. */
export class DemoApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export const invalidParam = (what: string) =>
  new DemoApiError(DEMO_ERRORS.invalidParameter, `invalid parameter: ${what}`);
export const unknownSymbol = (symbol: string) =>
  new DemoApiError(DEMO_ERRORS.unknownSymbol, `unknown symbol ${symbol}`);
export const orderNotFound = () => new DemoApiError(DEMO_ERRORS.orderNotFound, "order not found", 404);
export const unauthorized = (code: number, message: string) => new DemoApiError(code, message, 401);
