// OKX's websocket event frames (reference okx-ws.md §2): acks, errors and the service-upgrade notice.
// Key order follows the documented examples: id (only when the request had one), event, then the rest.

export interface SubscriptionArg {
  channel: string;
  instId: string;
}

export const ERROR_TEXT = {
  illegalRequest: (raw: string) => `Illegal request: ${raw}`,
  invalidArgs: () => "Invalid args",
  invalidOp: (op: string) => `Invalid op: ${op}`,
  // The live wording of 60018 (sieblyio/okx-api#106): the arg's fields (channel, instId…) spliced into the
  // template as OKX does, `key:value` pairs joined by commas.
  doesNotExist: (a: SubscriptionArg | Readonly<Record<string, unknown>>) =>
    `Wrong URL or ${Object.entries(a)
      .filter(([, v]) => typeof v === "string")
      .map(([k, v]) => `${k}:${v as string}`)
      .join(",")} doesn't exist. ` +
    "Please use the correct URL, channel and parameters referring to API document.",
  // Login and private channels (reference okx-ws.md §11.2).
  invalidTimestamp: () => "Invalid timestamp",
  invalidApiKey: () => "Invalid apiKey",
  timestampExpired: () => "Timestamp request expired",
  invalidSign: () => "Invalid sign",
  loginFailed: () => "Login failed.",
  pleaseLogIn: () => "Please log in",
  wrongPassphrase: () => "Wrong passphrase",
  repeatedLogin: () => "The WebSocket endpoint does not allow multiple or repeated logins.",
  notOnBusiness: () =>
    'This channel is not supported by "/business" URL. Please use "/private" URL(for private channels), ' +
    'or "/public" URL(for public channels).',
  upgradeNotice: () => "The connection will soon be closed for a service upgrade. Please reconnect.",
} as const;

export const IDLE_CLOSE_CODE = 4004;
export const IDLE_CLOSE_REASON = "No data received in 30s";

function withId(id: string | undefined): string {
  return id === undefined ? "" : `"id":${JSON.stringify(id)},`;
}

export function ackEvent(
  event: "subscribe" | "unsubscribe",
  arg: SubscriptionArg | Readonly<Record<string, unknown>>,
  connId: string,
  id: string | undefined,
): string {
  return `{${withId(id)}"event":"${event}","arg":${JSON.stringify(arg)},"connId":"${connId}"}`;
}

export function errorEvent(code: string, msg: string, connId: string, id: string | undefined): string {
  return `{${withId(id)}"event":"error","code":"${code}","msg":${JSON.stringify(msg)},"connId":"${connId}"}`;
}

export function noticeEvent(connId: string): string {
  return `{"event":"notice","code":"64008","msg":${JSON.stringify(ERROR_TEXT.upgradeNotice())},"connId":"${connId}"}`;
}

export function loginEvent(connId: string, id: string | undefined): string {
  return `{${withId(id)}"event":"login","msg":"","code":"0","connId":"${connId}"}`;
}

/** Sent after each private subscribe ack: how many connections of the account hold the channel (§11.1). */
export function channelConnCountEvent(channel: string, count: number, connId: string): string {
  return `{"event":"channel-conn-count","channel":"${channel}","connCount":"${count}","connId":"${connId}"}`;
}
