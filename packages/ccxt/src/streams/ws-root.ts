import type { CcxtOptions } from "../options";

/**
 * What replaces the scheme, host and port of the exchange's websocket roots, or `undefined` to keep
 * ccxt's own: `wsUrl` when set; else, when `baseUrl` points the REST roots elsewhere (a proxy, a
 * stand-in), the same host with `ws`/`wss` for `http`/`https`, so both paths reach the same server.
 */
export function wsRootOf(options: Pick<CcxtOptions, "wsUrl" | "baseUrl">): string | undefined {
  if (options.wsUrl) return options.wsUrl.replace(/\/+$/, "");
  if (!options.baseUrl) return undefined;
  return options.baseUrl.replace(/^http(s?):\/\//, (_, s: string) => `ws${s}://`).replace(/\/+$/, "");
}
