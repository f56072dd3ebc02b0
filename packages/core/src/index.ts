/**
 * @fmz-gateway/core: the FMZ custom protocol as a contract, the @Exchange registry, the adapter base
 * and its helpers, the Express host and the CLI. Import "reflect-metadata" once before any adapter
 * module loads (the CLI does).
 */
import "reflect-metadata";

// Protocol contract
export * from "./protocol/symbol";
export * from "./protocol/params";
export * from "./protocol/reply-types";
export * from "./protocol/reply-schemas";
export * from "./protocol/lenient-schema";
/** Derives a TypeScript type from a JSON schema written `as const`: adapters type their options so. */
export type { FromSchema } from "json-schema-to-ts";
export {
  METHOD_TABLE,
  ADAPTER_METHOD_TABLE,
  IO_PREFIX,
  IO_SPEC,
  REPLY_SCHEMAS,
  resolveMethod,
  wireName,
  parseParams,
  type MethodSignatures,
  type AdapterMethodName,
  type AdapterMethodSpec,
  type ParamsOf,
  type ResultOf,
} from "./protocol/method-table";
export { type MethodSpec, type ParseExtra, type RawParams, spec } from "./protocol/method-spec";
export {
  type MethodTable,
  type PublicMethodOf,
  type ReplySchemasOf,
  type ParamsByMethodOf,
  type TableParamsOf,
  type ResultsOf,
  type SourceSchema,
  type FromSourceSchema,
  type FromReplySchema,
  type ReadonlyTuples,
  type SourceRepliesOf,
  type SourceReplyOf,
  type ResolvedMethod,
  methodResolver,
  publicMethods,
  replySchemas,
  wireNames,
} from "./protocol/table-derivations";
export * from "./protocol/io-path";

// Errors
export * from "./errors/gateway-errors";

// Adapters and the registry
export * from "./adapter/exchange-adapter";
export * from "./adapter/call-context";
export * from "./adapter/mount-source";
export * from "./adapter/mount-pages";
export * from "./adapter/page-basics";
export * from "./adapter/credentials";
export * from "./registry/exchange-registry";

// One deadline for every call, and money as decimal text between mounts
export { CallDeadline, type DeadlineContext, withinDeadline } from "./calls/deadline";
export {
  type SourceConversion,
  decimalText,
  sourceConversions,
  toProtocolReply,
  toSourceReply,
} from "./adapter/source-replies";
export { DECIMAL_TEXT_SCHEMA, sourceReplySchema } from "./adapter/reply-conversion";

// Helpers for adapter authors
export * from "./helpers/decimal";
export * from "./helpers/order-id";
export * from "./helpers/http-client";
export * from "./helpers/ttl-cache";
export * from "./helpers/rate-limiter";

// Dependency injection: shared services by token (rate-limit store, clock, caches, mount services)
export * from "./di";
export * from "./helpers/rate-limit-store";

// Trading: FMZ's order intent read once, and the one placement policy (send once; settle a lost reply
// by the client order id)
export * from "./trading/order-intent";
export * from "./trading/placement";

// Live market-data streams: the cache every adapter can answer from, and a self-healing websocket
export * from "./streams/stream-feed";
export * from "./streams/stream-cache";
export * from "./streams/backoff";
export * from "./streams/ws-connection";

// Stream-or-REST: the one question every handler asks of a mount's streams (public data today, private tomorrow)
export { SHARED_SCOPE, type StreamQuestion, streamOrRest } from "./streams/stream-or-rest";

// Private streams: orders, balances and positions from the exchange's pushes (private-streams/index.ts)
export * from "./private-streams/index";

// Telemetry: calls, upstream requests, limiter waits, streams
export * from "./telemetry/telemetry";
export * from "./telemetry/labels";

// Logging
export * from "./logging/logger";
export * from "./logging/redact";

// Host, config, CLI
export { Gateway, type GatewayOptions } from "./host/gateway";
export { Dispatcher, type Reply } from "./host/dispatch";
export { type Mount, type MountConfig, StartupError } from "./host/mounts";
/** One mount seen by another; exported so a test can read a mount through a wider method table. */
export { mountSource } from "./host/mount-source-call";
export { type GatewayConfig, configSchema } from "./config/config-schema";
export { ConfigError, loadConfigFile, validateConfig } from "./config/load-config";
export { PluginError, loadPlugins } from "./config/load-plugins";
export { runCli, buildCommand } from "./cli/run-cli";
export { VERSION } from "./version";
