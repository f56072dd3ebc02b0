import { NotSupportedError } from "../errors/gateway-errors";
import type { Logger } from "../logging/logger";
import type { MountTelemetry } from "../telemetry/telemetry";
import {
  ADAPTER_METHOD_TABLE,
  type AdapterMethodName,
  type ParamsOf,
  type ResultOf,
} from "../protocol/method-table";
import type { FromReplySchema, MethodTable } from "../protocol/table-derivations";
import type { CallContext } from "./call-context";
import type { MountPages } from "./mount-pages";
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

/**
 * The base of every exchange adapter. Implement the FMZ methods your exchange supports; every other
 * method answers `{"error": "not supported: <method>"}`. One instance serves one mount, so per-mount
 * state (HTTP client, instrument cache) belongs on the instance, and per-caller state never does: the
 * caller's keys come with each call in `ctx.credentials`.
 *
 * A subclass may declare `static optionsSchema` (a JSON schema); the host validates the mount's options
 * against it at start and refuses bad ones with the path of the offending key.
 */
// The merged interface below declares the FMZ methods; their bodies are installed on the prototype from
// the method table right after the class, so no declared member is left without one.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
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

  /**
   * Pages this adapter serves about its mount, at `/mounts/<mount>/` (see mount-pages.ts); the status
   * page links them. Asked once, after `init`; absent (the default) means none.
   */
  pages?(): MountPages;

  protected get mount(): MountInfo<Options> {
    if (!this.mountInfo) throw new Error(`${this.constructor.name} used before init()`);
    return this.mountInfo;
  }

  protected get options(): Options {
    return this.mount.options;
  }
}

/**
 * The FMZ methods, typed from the method table (see `MethodSignatures`). Their "not supported" bodies are
 * installed from the table below. TypeScript lets a subclass override with a method only what the base
 * declares as a method, and a mapped type declares properties, so each method is named here once; the
 * check under the interface fails the build when the table and this list disagree.
 */
export interface ExchangeAdapter<Options extends object = Record<string, unknown>> {
  getTicker(ctx: CallContext<Options>, p: ParamsOf<"getTicker">): Promise<ResultOf<"getTicker">>;
  getDepth(ctx: CallContext<Options>, p: ParamsOf<"getDepth">): Promise<ResultOf<"getDepth">>;
  getTrades(ctx: CallContext<Options>, p: ParamsOf<"getTrades">): Promise<ResultOf<"getTrades">>;
  getRecords(ctx: CallContext<Options>, p: ParamsOf<"getRecords">): Promise<ResultOf<"getRecords">>;
  getMarkets(ctx: CallContext<Options>, p: ParamsOf<"getMarkets">): Promise<ResultOf<"getMarkets">>;
  getTickers(ctx: CallContext<Options>, p: ParamsOf<"getTickers">): Promise<ResultOf<"getTickers">>;
  getAccount(ctx: CallContext<Options>, p: ParamsOf<"getAccount">): Promise<ResultOf<"getAccount">>;
  getAssets(ctx: CallContext<Options>, p: ParamsOf<"getAssets">): Promise<ResultOf<"getAssets">>;
  createOrder(ctx: CallContext<Options>, p: ParamsOf<"createOrder">): Promise<ResultOf<"createOrder">>;
  getOrder(ctx: CallContext<Options>, p: ParamsOf<"getOrder">): Promise<ResultOf<"getOrder">>;
  getOrders(ctx: CallContext<Options>, p: ParamsOf<"getOrders">): Promise<ResultOf<"getOrders">>;
  cancelOrder(ctx: CallContext<Options>, p: ParamsOf<"cancelOrder">): Promise<ResultOf<"cancelOrder">>;
  getHistoryOrders(
    ctx: CallContext<Options>,
    p: ParamsOf<"getHistoryOrders">,
  ): Promise<ResultOf<"getHistoryOrders">>;
  getPositions(ctx: CallContext<Options>, p: ParamsOf<"getPositions">): Promise<ResultOf<"getPositions">>;
  setMarginLevel(
    ctx: CallContext<Options>,
    p: ParamsOf<"setMarginLevel">,
  ): Promise<ResultOf<"setMarginLevel">>;
  getFundings(ctx: CallContext<Options>, p: ParamsOf<"getFundings">): Promise<ResultOf<"getFundings">>;
  io(ctx: CallContext<Options>, p: ParamsOf<"io">): Promise<ResultOf<"io">>;
}

/** Every adapter method of a table, as the base adapter types it. */
export type AdapterMethods<Options extends object, T extends MethodTable = typeof ADAPTER_METHOD_TABLE> = {
  [S in T[number] as S["method"]]: (
    ctx: CallContext<Options>,
    params: ReturnType<S["parse"]>,
  ) => Promise<FromReplySchema<S["replySchema"]>>;
};

// The interface above names exactly the table's methods with exactly the table's types: a method added
// to the table and not to the interface (or typed otherwise) fails here, at build time.
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;
type AdapterMethodsOf<O extends object> = Pick<ExchangeAdapter<O>, AdapterMethodName>;
const namesMatchTable: Same<
  Exclude<keyof ExchangeAdapter, keyof AdapterBaseMembers>,
  AdapterMethodName
> = true;
const typesMatchTable: Same<AdapterMethodsOf<object>, AdapterMethods<object>> = true;
void [namesMatchTable, typesMatchTable];

/** The members the class itself declares (everything but the FMZ methods). */
type AdapterBaseMembers = Pick<ExchangeAdapter, "init" | "close" | "doctor" | "pages">;

/**
 * Installs on `proto` a default for each method of `table` that it does not define yet: one that answers
 * `{"error": "not supported: <wire>"}`. The base adapter gets the whole table's; a test may give a
 * subclass a table with an extra method.
 */
export function installUnsupportedDefaults(proto: object, table: MethodTable): void {
  for (const s of table) {
    if (Object.hasOwn(proto, s.method)) continue;
    const name = s.notSupportedName ?? s.wire;
    Object.defineProperty(proto, s.method, {
      value: function unsupported(): Promise<never> {
        return Promise.reject(new NotSupportedError(name));
      },
      writable: true,
      configurable: true,
    });
  }
}

installUnsupportedDefaults(ExchangeAdapter.prototype, ADAPTER_METHOD_TABLE);

/**
 * The FMZ methods an adapter instance implements itself, in table order: those where it does not answer
 * with a "not supported" default of `base` (the base adapter's, or a test's subclass with a wider table).
 */
export function supportedMethods(adapter: ExchangeAdapter<object>): AdapterMethodName[];
export function supportedMethods(adapter: object, table: MethodTable, base: object): string[];
export function supportedMethods(
  adapter: object,
  table: MethodTable = ADAPTER_METHOD_TABLE,
  base: object = ExchangeAdapter.prototype,
): string[] {
  const defaults = base as Record<string, unknown>;
  const own = adapter as Record<string, unknown>;
  return table.map((s) => s.method).filter((m) => own[m] !== defaults[m]);
}
