// @fmz-gateway/okx-standin: a stand-in OKX v5 REST server for offline tests and benchmarks.

export { startOkxStandin } from "./standin";
export {
  DEFAULT_BALANCES,
  DEFAULT_CREDENTIALS,
  DEFAULT_DEMO_CREDENTIAL,
  DEFAULT_LIVE_CREDENTIAL,
} from "./auth/credentials";
export { computeSignature } from "./auth/sign-check";
export { CANDLES_MAX_LIMIT, HISTORY_BARS, RECENT_BARS } from "./market/candles";
export { ENDPOINTS } from "./routes";
export { bookChecksum, checksumString } from "./ws/checksum";
export type {
  FaultKind,
  FaultSpec,
  OkxStandin,
  OrderState,
  RecordedRequest,
  StandinCredential,
  StandinOptions,
  StandinOrder,
  TickerFields,
  WsControls,
  WsRefusal,
  WsSubscriptionCount,
} from "./types";
