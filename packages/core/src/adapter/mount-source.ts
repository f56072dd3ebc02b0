import { METHOD_TABLE, type ParamsOf, type ResultOf } from "../protocol/method-table";
import { type PublicMethodOf, publicMethods } from "../protocol/table-derivations";

/**
 * The public market-data methods one mount may call on another (a paper exchange reading OKX's book):
 * the method table's public ones. Only public ones: a mount never borrows another's callers' keys.
 */
export const PUBLIC_METHODS = publicMethods(METHOD_TABLE);
export type PublicMethodName = PublicMethodOf<typeof METHOD_TABLE>;

export interface SourceCallOptions {
  /** Aborts the source call too (hand it the caller's `ctx.signal`). */
  signal?: AbortSignal;
  /** Epoch ms; default now + the source mount's call timeout. */
  deadline?: number;
}

/**
 * Another mount of the same gateway, seen through its typed public methods. The call runs with empty
 * credentials, a deadline and an abort signal, exactly as a public call from the docker would.
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
  ): Promise<ResultOf<K>>;
}
