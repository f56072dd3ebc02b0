import net from "node:net";

export class AllowListError extends Error {}

/**
 * Who may call the gateway: loopback always, plus the addresses and CIDR ranges of `allow` (IPv4 and
 * IPv6). "Loopback" is what the kernel routes back to this machine without a network: all of
 * 127.0.0.0/8 and ::1 (and IPv4-mapped `::ffff:127.x.y.z`). Only local processes can send from those.
 */
export class AllowList {
  private readonly list = new net.BlockList();
  readonly entries: readonly string[];

  constructor(entries: readonly string[] = []) {
    this.entries = [...entries];
    for (const entry of entries) this.add(entry.trim());
  }

  private add(entry: string): void {
    const [address, prefix, ...rest] = entry.split("/");
    const family = net.isIP(address);
    if (!family || rest.length > 0) throw badEntry(entry);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) return this.list.addAddress(address, type);
    const bits = Number(prefix);
    if (!/^\d{1,3}$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw badEntry(entry);
    this.list.addSubnet(address, bits, type);
  }

  /** Whether a request from `remote` (a socket's remoteAddress) may be served. */
  allows(remote: string | undefined): boolean {
    if (!remote) return false;
    const address = plainAddress(remote);
    if (isLoopbackAddress(address)) return true;
    const family = net.isIP(address);
    if (!family) return false;
    return this.list.check(address, family === 4 ? "ipv4" : "ipv6");
  }
}

function badEntry(entry: string): AllowListError {
  return new AllowListError(
    `allow: "${entry}" is not an IP address or CIDR range (examples: 192.168.1.20, 10.0.0.0/8, fd00::/8)`,
  );
}

/** `::ffff:10.0.0.1` (an IPv4 client of a dual-stack socket) → `10.0.0.1`; a zone id is dropped. */
export function plainAddress(remote: string): string {
  const noZone = remote.includes("%") ? remote.slice(0, remote.indexOf("%")) : remote;
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(noZone) ? noZone.slice(7) : noZone;
}

export function isLoopbackAddress(address: string): boolean {
  const a = plainAddress(address);
  if (net.isIPv4(a)) return a.startsWith("127.");
  return a === "::1" || a === "0:0:0:0:0:0:0:1";
}

/** Whether binding `host` keeps the gateway on loopback (an IP in the loopback ranges, or `localhost`). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  return h.toLowerCase() === "localhost" || isLoopbackAddress(h);
}
