/**
 * A test seam: a function every new ccxt instance of every mount passes through right after it is
 * built (before any request). The replay suite installs one that gives the instances recorded markets
 * and answers their HTTP requests from ccxt's fixtures (`fetch`, `setMarkets`: ccxt's own hooks).
 * It is off unless a test calls `setInstanceHook`; this module is not exported from the package
 * (package.json `exports` only serves the index), so no config and no user code can reach it.
 */
import type { CcxtExchange } from "./ccxt-lib";
import type { MountMarket } from "./options";

export interface InstanceInfo {
  /** The mount's name (`BINANCE_SWAP`). */
  readonly mount: string;
  /** The ccxt exchange id. */
  readonly exchange: string;
  readonly market: MountMarket;
}

export type InstanceHook = (ex: CcxtExchange, info: InstanceInfo) => void;

let hook: InstanceHook | undefined;

/** Installs (or, with no argument, removes) the hook. Tests only. */
export function setInstanceHook(next?: InstanceHook): void {
  hook = next;
}

/** Called by the instance pool on every instance it builds. */
export function applyInstanceHook(ex: CcxtExchange, info: InstanceInfo): void {
  hook?.(ex, info);
}
