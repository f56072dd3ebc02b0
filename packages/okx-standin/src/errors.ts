// OKX error codes the stand-in can produce, with the HTTP status and message from the docs' error table
// (reference §1.4, §2.4). Where live OKX was observed to word a message differently, the live wording wins,
// because clients are tested against what the real service sends.

export interface ErrorInfo {
  status: number;
  msg: string;
}

export const ERRORS: Readonly<Record<string, ErrorInfo>> = {
  "1": { status: 200, msg: "All operations failed" },
  "2": { status: 200, msg: "Bulk operation partially succeeded." },
  "50000": { status: 400, msg: "Body for POST request cannot be empty." },
  "50001": { status: 503, msg: "Service temporarily unavailable. Please try again later." },
  "50002": { status: 400, msg: "JSON syntax error" },
  "50004": {
    status: 400,
    msg: "API endpoint request timeout. (does not mean that the request was successful or failed, please check the request result).",
  },
  "50005": { status: 410, msg: "API endpoint is inactive or unavailable." },
  "50011": { status: 429, msg: "Too Many Requests" },
  "50013": { status: 429, msg: "Systems are busy. Please try again later." },
  "50014": { status: 400, msg: "Parameter {0} can not be empty." },
  "50025": { status: 200, msg: "Parameter {0} count exceeds the limit {1}." },
  "50026": { status: 500, msg: "System error. Try again later" },
  "50038": { status: 200, msg: "This feature is unavailable in demo trading" },
  "50061": { status: 200, msg: "You've reached the maximum order rate limit for this account." },
  // Auth: observed live texts (no data array, "Invalid Sign", passphrase header without quotes).
  "50101": { status: 401, msg: "APIKey does not match current environment." },
  "50102": { status: 401, msg: "Timestamp request expired" },
  "50103": { status: 401, msg: 'Request header "OK-ACCESS-KEY" cannot be empty.' },
  "50104": { status: 401, msg: 'Request header "OK-ACCESS-PASSPHRASE" cannot be empty.' },
  "50105": { status: 401, msg: "Request header OK-ACCESS-PASSPHRASE incorrect." },
  "50106": { status: 401, msg: 'Request header "OK-ACCESS-SIGN" cannot be empty.' },
  "50107": { status: 401, msg: 'Request header "OK-ACCESS-TIMESTAMP" cannot be empty.' },
  "50111": { status: 401, msg: "Invalid OK-ACCESS-KEY" },
  "50112": { status: 401, msg: "Invalid OK-ACCESS-TIMESTAMP" },
  "50113": { status: 401, msg: "Invalid Sign" },
  "50115": { status: 405, msg: "Invalid request method." },
  "51000": { status: 400, msg: "Parameter {0} error" },
  "51001": { status: 200, msg: "Instrument ID or Spread ID doesn't exist." },
  "51003": { status: 200, msg: "Either client order ID or order ID is required." },
  "51005": { status: 200, msg: "Your order amount exceeds the max order amount." },
  "51008": { status: 200, msg: "Order failed. Insufficient {0} balance in account" },
  "51010": { status: 200, msg: "Request unsupported under current account mode" },
  "51016": { status: 200, msg: "Client order ID already exists." },
  "51020": { status: 200, msg: "Your order should meet or exceed the minimum order amount." },
  "51021": { status: 200, msg: "The pair or contract is not yet listed" },
  "51027": { status: 200, msg: "Contract expired." },
  "51111": { status: 200, msg: "Maximum {0} orders can be placed in bulk." },
  "51202": { status: 200, msg: "Market order amount exceeds the maximum amount." },
  "51400": {
    status: 200,
    msg: "Order cancellation failed as the order has been filled, canceled or does not exist.",
  },
  "51407": { status: 200, msg: "Either order ID or client order ID is required." },
  "51603": { status: 200, msg: "Order does not exist." },
  "59000": {
    status: 200,
    msg: "Settings failed. Close any open positions or orders before modifying settings.",
  },
  "59102": { status: 200, msg: "Leverage exceeds the maximum limit. Please lower the leverage." },
};

export function errorStatus(code: string): number {
  return ERRORS[code]?.status ?? 200;
}

export function errorMsg(code: string, ...params: string[]): string {
  const template = ERRORS[code]?.msg ?? "";
  return template.replace(/\{(\d)\}/g, (_m, i: string) => params[Number(i)] ?? "");
}

/** Codes whose message text is a per-order sMsg (trade class, 51xxx and up) rather than a request error. */
export function isOrderLevelCode(code: string): boolean {
  return /^5[1-9]\d{3}$/.test(code);
}
