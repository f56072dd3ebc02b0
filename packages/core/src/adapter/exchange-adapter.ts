import { NotSupportedError } from "../errors/gateway-errors";
import type { Logger } from "../logging/logger";
import type { MountTelemetry } from "../telemetry/telemetry";
import { METHOD_TABLE, type AdapterMethodName, type ParamsOf, type ResultOf } from "../protocol/method-table";
import type { CallContext } from "./call-context";
import type { MountSource } from "./mount-source";

/** What the host hands an adapter once, when it mounts it at a path. */
export interface MountInfo<Options extends object = Record<string, unknown>> {
  /** The mount's name (the path segment). */
  readonly name: string;
  /** Validated against the adapter class's `optionsSchema` when it has one. */
  readonly options: Options;
  readonly logger: Logger;
  /**
   * Where this mount reports upstream requests, rate-limit waits, stream states and what served an
   * answer (metrics and the status page read it). Hand it to `HttpClient` and the stream cache.
   */
  readonly telemetry: MountTelemetry;
  /**
   * The folder relative files in this mount's options are taken from: the config file's folder, or the
   * working directory when there is no config file.
   */
  readonly baseDir: string;
  /**
   * Another mount of this gateway by name, to call its public methods. Only the mounts the adapter class
   * names in `static dependencies(options)` are initialised before this one, so ask only for those.
   * Throws for a name that is not mounted.
   */
  mountSource(name: string): MountSource;
}

/**
 * What an adapter class may declare besides its constructor: `static optionsSchema` (JSON schema of
 * its options) and `static dependencies(options)`, the names of other mounts it reads from. The host
 * initialises those first and refuses an unknown or circular one at start.
 */
export interface AdapterStatics {
  readonly optionsSchema?: object;
  dependencies?(options: Record<string, unknown>): readonly string[];
}

/** One line of `fmz-gateway doctor`: a check, whether it passed, and the fix when it did not. */
export interface DoctorCheck {
  /** What was checked, e.g. `clock offset to OKX`. */
  readonly name: string;
  readonly ok: boolean;
  /** What was found: `+45.2 s`, `3 balances`, the exchange's error text. */
  readonly detail: string;
  /** One line telling the user what to do; shown when the check failed. */
  readonly fix?: string;
  /** How long the check took, where that is worth showing (latency of a public call). */
  readonly ms?: number;
}

/** The method an adapter implements for each FMZ method; see `MethodSignatures` for the shapes. */
export type AdapterMethod<K extends AdapterMethodName, Options extends object> = (
  ctx: CallContext<Options>,
  params: ParamsOf<K>,
) => Promise<ResultOf<K>>;

const WIRE_NAME = new Map<string, string>(METHOD_TABLE.map((s) => [s.method, s.wire]));

function unsupported(method: AdapterMethodName): never {
  throw new NotSupportedError(WIRE_NAME.get(method) ?? method);
}

/**
 * The base of every exchange adapter. Implement the FMZ methods your exchange supports; every other
 * method answers `{"error": "not supported: <method>"}`. One instance serves one mount, so per-mount
 * state (HTTP client, instrument cache) belongs on the instance, and per-caller state never does: the
 * caller's keys come with each call in `ctx.credentials`.
 *
 * A subclass may declare `static optionsSchema` (a JSON schema); the host validates the mount's options
 * against it at start and refuses bad ones with the path of the offending key.
 */
export abstract class ExchangeAdapter<Options extends object = Record<string, unknown>> {
  private mountInfo?: MountInfo<Options>;

  /** Called once, before the mount serves; override to build clients. Call `super.init(mount)` first. */
  async init(mount: MountInfo<Options>): Promise<void> {
    this.mountInfo = mount;
  }

  /** Called on shutdown, after in-flight calls finished. */
  async close(): Promise<void> {}

  /**
   * Checks of this adapter's own that `fmz-gateway doctor` runs after its generic ones (a public call,
   * and with keys a balance call): the clock's offset to the exchange, the parts a secret must have.
   * `ctx.credentials` is empty when the user gave no keys. The default has none.
   */
  async doctor(_ctx: CallContext<Options>): Promise<DoctorCheck[]> {
    return [];
  }

  protected get mount(): MountInfo<Options> {
    if (!this.mountInfo) throw new Error(`${this.constructor.name} used before init()`);
    return this.mountInfo;
  }

  protected get options(): Options {
    return this.mount.options;
  }

  getTicker(_ctx: CallContext<Options>, _p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">> {
    unsupported("getTicker");
  }
  getDepth(_ctx: CallContext<Options>, _p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">> {
    unsupported("getDepth");
  }
  getTrades(_ctx: CallContext<Options>, _p: ParamsOf<"getTrades">): Promise<ResultOf<"getTrades">> {
    unsupported("getTrades");
  }
  getRecords(_ctx: CallContext<Options>, _p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">> {
    unsupported("getRecords");
  }
  getMarkets(_ctx: CallContext<Options>, _p: ParamsOf<"getMarkets">): Promise<ResultOf<"getMarkets">> {
    unsupported("getMarkets");
  }
  getTickers(_ctx: CallContext<Options>, _p: ParamsOf<"getTickers">): Promise<ResultOf<"getTickers">> {
    unsupported("getTickers");
  }
  getAccount(_ctx: CallContext<Options>, _p: ParamsOf<"getAccount">): Promise<ResultOf<"getAccount">> {
    unsupported("getAccount");
  }
  getAssets(_ctx: CallContext<Options>, _p: ParamsOf<"getAssets">): Promise<ResultOf<"getAssets">> {
    unsupported("getAssets");
  }
  createOrder(_ctx: CallContext<Options>, _p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">> {
    unsupported("createOrder");
  }
  getOrders(_ctx: CallContext<Options>, _p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">> {
    unsupported("getOrders");
  }
  getOrder(_ctx: CallContext<Options>, _p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">> {
    unsupported("getOrder");
  }
  getHistoryOrders(
    _ctx: CallContext<Options>,
    _p: ParamsOf<"getHistoryOrders">,
  ): Promise<ResultOf<"getHistoryOrders">> {
    unsupported("getHistoryOrders");
  }
  cancelOrder(_ctx: CallContext<Options>, _p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">> {
    unsupported("cancelOrder");
  }
  getPositions(_ctx: CallContext<Options>, _p: ParamsOf<"getPositions">): Promise<ResultOf<"getPositions">> {
    unsupported("getPositions");
  }
  setMarginLevel(
    _ctx: CallContext<Options>,
    _p: ParamsOf<"setMarginLevel">,
  ): Promise<ResultOf<"setMarginLevel">> {
    unsupported("setMarginLevel");
  }
  getFundings(_ctx: CallContext<Options>, _p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">> {
    unsupported("getFundings");
  }
  io(_ctx: CallContext<Options>, _p: ParamsOf<"io">): Promise<ResultOf<"io">> {
    throw new NotSupportedError("IO");
  }
}

/** The FMZ methods an adapter instance implements itself (not the base's "not supported" default). */
export function supportedMethods(adapter: ExchangeAdapter<object>): AdapterMethodName[] {
  const names: AdapterMethodName[] = [...METHOD_TABLE.map((s) => s.method), "io"];
  const base = ExchangeAdapter.prototype as unknown as Record<string, unknown>;
  const own = adapter as unknown as Record<string, unknown>;
  return names.filter((m) => own[m] !== base[m]);
}
