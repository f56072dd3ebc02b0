// Response builders. Every body is built as a string once, so the server only has to write it.

import { errorMsg, errorStatus } from "../errors";

export interface Reply {
  status: number;
  body: string;
}

/** `{"code":"0","msg":"","data":[...]}`; `data` is already-serialized JSON array content or values. */
export function okRaw(dataJson: string): Reply {
  return { status: 200, body: `{"code":"0","msg":"","data":${dataJson}}` };
}

export function ok(data: unknown[]): Reply {
  return okRaw(JSON.stringify(data));
}

/** A request-level OKX error: `{"code":"…","msg":"…","data":[]}` with the HTTP status of the docs' table. */
export function okxError(code: string, msg?: string, status?: number): Reply {
  return {
    status: status ?? errorStatus(code),
    body: JSON.stringify({ code, msg: msg ?? errorMsg(code), data: [] }),
  };
}

/** Auth failures as observed live: HTTP 401, `{"msg":"…","code":"…"}`, no data array. */
export function authError(code: string): Reply {
  return { status: errorStatus(code), body: JSON.stringify({ msg: errorMsg(code), code }) };
}

/** HTTP 429 exactly as observed from OKX. */
export const TOO_MANY_REQUESTS: Reply = { status: 429, body: '{"msg":"Too Many Requests","code":"50011"}' };

/** The body OKX returned live for an unknown /api/v5 path; note `code` is a number there. */
export const NOT_FOUND: Reply = {
  status: 404,
  body: '{"code":404,"data":{},"detailMsg":"","error_code":"404","error_message":"Not Found","msg":"Not Found"}',
};

export const METHOD_NOT_ALLOWED: Reply = okxError("50115");

export function paramError(name: string): Reply {
  return okxError("51000", errorMsg("51000", name));
}

export function emptyParam(name: string): Reply {
  return okxError("50014", errorMsg("50014", name));
}

/** Microsecond timestamps for inTime/outTime, which OKX reports on trade endpoints. */
export function microsNow(): string {
  return String(Math.floor((performance.timeOrigin + performance.now()) * 1000));
}
