// @fmz-gateway/okx-standin/test-support: what the okx and ccxt stream suites share when they check a
// gateway against the stand-in (its true state as FMZ fields, waits, the gateway's stream reports, and
// the checks both make alike).

export {
  type FmzBar,
  type FmzBook,
  type FmzLevel,
  type FmzTickerFields,
  TICKER_FIELDS,
  fmzNumber,
  tickerFields,
} from "./fmz-fields";
export {
  type GatewayStreams,
  type ServedReport,
  type StreamReport,
  type StreamTelemetry,
  gatewayStreams,
} from "./gateway-streams";
export { type CapturedLog, captureLog } from "./log-capture";
export {
  type FmzDataClient,
  assertTrueDepth,
  assertTrueMinuteBars,
  assertTrueTicker,
  setLast,
  checkUntilStreamServes,
  waitForLast,
} from "./market-checks";
export { whileHeld } from "./held";
export {
  type DroppedSocketCase,
  type SharedSubscriptionCase,
  assertLeastRecentlyUsedGo,
  assertOneSharedSubscription,
  assertRestOnly,
  assertRestWhileDropped,
  assertServedFromStreams,
} from "./stream-checks";
export { subscribed } from "./subscribed";
export {
  TRUTH_KEY,
  type VolumeField,
  baseVolumeField,
  gatewayMarketRequests,
  restMarketRequestsSince,
  type RestAfterWarmup,
  trueBars,
  trueBook,
  trueTicker,
  trueTradeIds,
} from "./truth";
export { waitFor } from "./wait";
