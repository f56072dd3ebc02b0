import net from "node:net";
import os from "node:os";
import { isLoopbackAddress } from "./allow-list";

/**
 * Who may reach the gateway *through a browser*. The FMZ docker sends no `Origin` header; a browser
 * always sends one on a cross-site POST, and even a `text/plain` fetch from any page the operator visits
 * would otherwise place orders here. And a page on a name that an attacker re-points at 127.0.0.1 (DNS
 * rebinding) is same-origin with its own name, so the `Host` header is checked too: only the gateway's
 * own names are served.
 */
export interface BrowserPolicyOptions {
  /** Origins (`https://example.com`) whose pages may call; exact match. Default: none. */
  allowOrigins?: readonly string[];
  /**
   * Names (or addresses) besides loopback, `localhost` and this machine's own addresses under which
   * the gateway may be reached: a DNS name on a LAN, a NAT's public address.
   */
  hostnames?: readonly string[];
}

export type Verdict = { ok: true } | { ok: false; reason: string };

const OK: Verdict = { ok: true };

export class BrowserPolicy {
  private readonly origins: ReadonlySet<string>;
  private readonly names: ReadonlySet<string>;

  constructor(opts: BrowserPolicyOptions = {}) {
    this.origins = new Set((opts.allowOrigins ?? []).map(normalizeOrigin));
    this.names = new Set((opts.hostnames ?? []).map((h) => h.trim().toLowerCase()));
  }

  /** Whether a request with these headers may be served; `method` is the HTTP verb. */
  check(method: string | undefined, host: string | undefined, origin: string | undefined): Verdict {
    if (host !== undefined && !this.isOwnHost(host)) {
      return { ok: false, reason: "host" };
    }
    if (origin === undefined) return OK;
    if (this.origins.has(normalizeOrigin(origin))) return OK;
    // The status page's own script reading /status.json from the page's origin.
    const reading = method === "GET" || method === "HEAD";
    if (reading && host !== undefined && normalizeOrigin(origin) === `http://${host.toLowerCase()}`)
      return OK;
    return { ok: false, reason: "origin" };
  }

  /**
   * The gateway's own names: loopback addresses, `localhost` and its subdomains, an address of one of
   * this machine's interfaces (a docker on the LAN calling the address the gateway is bound to), or a
   * configured name. Interfaces are read when asked (the guard asks once per connection), so an
   * address that changes (DHCP) is followed.
   */
  isOwnHost(hostHeader: string): boolean {
    const name = hostName(hostHeader);
    if (name === undefined) return false;
    if (this.names.has(name)) return true;
    if (name === "localhost" || name.endsWith(".localhost")) return true;
    if (!net.isIP(name)) return false;
    return isLoopbackAddress(name) || isInterfaceAddress(name);
  }
}

/** The name in a Host header: `[::1]:6666` → `::1`, `Example.com:80` → `example.com`; undefined if malformed. */
function hostName(header: string): string | undefined {
  const h = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h);
  if (v6) return v6[1];
  const named = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(h);
  if (!named) return undefined;
  return named[1].endsWith(".") ? named[1].slice(0, -1) : named[1];
}

function isInterfaceAddress(ip: string): boolean {
  const wanted = ip.toLowerCase();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.address.toLowerCase() === wanted) return true;
  }
  return false;
}

function normalizeOrigin(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/+$/, "");
}
