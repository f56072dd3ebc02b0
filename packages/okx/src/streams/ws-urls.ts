import type { OkxOptions } from "../options";

/** The two public websocket endpoints: `tickers`, `books`, `trades` on one; candles on the other. */
export interface OkxWsUrls {
  public: string;
  business: string;
}

/**
 * OKX's websocket roots by REST host (okx-ws.md §1.1): live and demo differ (`ws` / `wspap`), and so do
 * the EEA and US sites. Any other host (a proxy, the stand-in) serves websockets on its own host and port.
 */
const OKX_HOSTS: ReadonlyMap<string, { live: string; demo: string }> = new Map(
  Object.entries({
    "www.okx.com": { live: "wss://ws.okx.com:8443/ws/v5", demo: "wss://wspap.okx.com:8443/ws/v5" },
    "okx.com": { live: "wss://ws.okx.com:8443/ws/v5", demo: "wss://wspap.okx.com:8443/ws/v5" },
    "openapi.okx.com": { live: "wss://ws.okx.com:8443/ws/v5", demo: "wss://wspap.okx.com:8443/ws/v5" },
    "aws.okx.com": { live: "wss://wsaws.okx.com:8443/ws/v5", demo: "wss://wspap.okx.com:8443/ws/v5" },
    "eea.okx.com": { live: "wss://wseea.okx.com:8443/ws/v5", demo: "wss://wseeapap.okx.com:8443/ws/v5" },
    "us.okx.com": { live: "wss://wsus.okx.com:8443/ws/v5", demo: "wss://wsuspap.okx.com:8443/ws/v5" },
  }),
);

/** The websocket root for a mount: `wsUrl` (or `wsDemoUrl` for demo callers) when set, else derived. */
export function wsRoot(options: OkxOptions, demo: boolean): string {
  const given = demo ? (options.wsDemoUrl ?? options.wsUrl) : options.wsUrl;
  if (given) return given.replace(/\/+$/, "");
  const base = new URL(options.baseUrl);
  const known = OKX_HOSTS.get(base.hostname);
  if (known) return demo ? known.demo : known.live;
  return `${base.protocol === "https:" ? "wss" : "ws"}://${base.host}/ws/v5`;
}

export function wsUrls(options: OkxOptions, demo: boolean): OkxWsUrls {
  const root = wsRoot(options, demo);
  return { public: `${root}/public`, business: `${root}/business` };
}
