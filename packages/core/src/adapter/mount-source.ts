import { METHOD_TABLE, type ParamsOf } from "../protocol/method-table";
import type {
  barSchema,
  depthLevelSchema,
  depthSchema,
  fundingSchema,
  marketSchema,
  marketsSchema,
  tickerSchema,
  tradeSchema,
} from "../protocol/reply-schemas";
import {
  type FromSourceSchema,
  type MethodTable,
  type PublicMethodOf,
  type SourceReplyOf,
  type TableParamsOf,
  publicMethods,
} from "../protocol/table-derivations";

/**
 * The public market-data methods one mount may call on another (a paper exchange reading OKX's book):
 * the method table's public ones. Only public ones: a mount never borrows another's callers' keys.
 */
export const PUBLIC_METHODS = publicMethods(METHOD_TABLE);
export type PublicMethodName = PublicMethodOf<typeof METHOD_TABLE>;

/**
 * Exact decimal text of a price, amount, size or rate: `"60000.1"`, `"0.00001"`, never an exponent.
 * Compute with `Dec` from it (`new Dec(level[0])`); it is never read as a float.
 */
export type DecimalText = string;

/**
 * What a public method answers a reading mount: the protocol's reply (`ResultOf`) with its money as
 * decimal text, so a paper exchange matches and settles on the exchange's exact prices and sizes and no
 * float64 sits between the two mounts. Derived from the method's reply schema (`SourceSchema`: every
 * `number` node is money and becomes text; `integer` times and digit counts stay numbers), so a method
 * added to the table needs nothing here.
 */
export type SourceResultOf<K extends PublicMethodName> = SourceReplyOf<typeof METHOD_TABLE, K>;
/** Every public method's source reply, by method name. */
export type SourceReplies = { [K in PublicMethodName]: SourceResultOf<K> };

// The shapes paper builds and reads, named: each derived from its reply schema like the replies above.
export type SourceTicker = FromSourceSchema<typeof tickerSchema>;
export type SourceTrade = FromSourceSchema<typeof tradeSchema>;
export type SourceMarket = FromSourceSchema<typeof marketSchema>;
export type SourceMarkets = FromSourceSchema<typeof marketsSchema>;
export type SourceFunding = FromSourceSchema<typeof fundingSchema>;
/** `[price, amount]` as decimal text. */
export type SourceDepthLevel = FromSourceSchema<typeof depthLevelSchema>;
/** `{time, asks, bids}`: asks ascending by price, bids descending, each level as decimal text. */
export type SourceDepth = FromSourceSchema<typeof depthSchema>;
/** `[time (seconds), open, high, low, close, volume]`: the time a number, the rest decimal text. */
export type SourceBar = FromSourceSchema<typeof barSchema>;

export interface SourceCallOptions {
  /** Aborts the source call too (hand it the caller's `ctx.signal`): it then rejects at once. */
  signal?: AbortSignal;
  /** Epoch ms; default (and at most) now + the source mount's call timeout. */
  deadline?: number;
}

/**
 * Another mount of the same gateway, seen through its typed public methods. The call runs with empty
 * credentials, a deadline and an abort signal, exactly as a public call from the docker would; its
 * reply carries money as decimal text (`SourceResultOf`).
 */
export interface MountSource {
  /** The source mount's name (the path segment). */
  readonly name: string;
  /** The adapter it runs (`OKX`, `ccxt`). */
  readonly adapterName: string;
  /** The source mount's validated options (its `market`, for instance). */
  readonly options: Readonly<Record<string, unknown>>;
  call<K extends PublicMethodName>(
    method: K,
    params: ParamsOf<K>,
    opts?: SourceCallOptions,
  ): Promise<SourceResultOf<K>>;
}

/**
 * A mount source over another method table than the core's (a test's, with one entry more): the same
 * calls, typed from that table, its replies converted as that table's reply schemas say.
 */
export interface TableMountSource<T extends MethodTable> extends Omit<MountSource, "call"> {
  call<K extends PublicMethodOf<T>>(
    method: K,
    params: TableParamsOf<T, K>,
    opts?: SourceCallOptions,
  ): Promise<SourceReplyOf<T, K>>;
}
