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
export {
  METHOD_TABLE,
  IO_PREFIX,
  IO_SPEC,
  resolveMethod,
  wireName,
  parseParams,
  type MethodSignatures,
  type MethodSpec,
  type AdapterMethodName,
  type ParamsOf,
  type ResultOf,
} from "./protocol/method-table";
export * from "./protocol/io-path";

// Errors
export * from "./errors/gateway-errors";

// Adapters and the registry
export * from "./adapter/exchange-adapter";
export * from "./adapter/call-context";
export * from "./adapter/mount-source";
export * from "./adapter/credentials";
export * from "./registry/exchange-registry";

// One deadline for every call, and money as decimal text between mounts
export { CallDeadline, type DeadlineContext, withinDeadline } from "./calls/deadline";
export { decimalText, toProtocolReply, toSourceReply } from "./adapter/source-replies";

// Helpers for adapter authors
export * from "./helpers/decimal";
export * from "./helpers/order-id";
export * from "./helpers/http-client";
export * from "./helpers/ttl-cache";
export * from "./helpers/rate-limiter";

// Live market-data streams: the cache every adapter can answer from, and a self-healing websocket
export * from "./streams/stream-feed";
export * from "./streams/stream-cache";
export * from "./streams/backoff";
export * from "./streams/ws-connection";

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
export { type GatewayConfig, configSchema } from "./config/config-schema";
export { ConfigError, loadConfigFile, validateConfig } from "./config/load-config";
export { PluginError, loadPlugins } from "./config/load-plugins";
export { runCli, buildCommand } from "./cli/run-cli";
export { VERSION } from "./version";
