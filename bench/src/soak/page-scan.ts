import { SECRET_MARKERS } from "./credentials";

/** What a person or Prometheus reads from the gateway besides replies and logs. */
const PAGES = ["/", "/status.js", "/status.json", "/metrics"] as const;

export interface PageScan {
  /** Bytes read over all pages. */
  bytes: number;
  /** Pages that held a key, a secret or a passphrase. */
  leaks: string[];
  /** Pages that did not answer HTTP 200 (then they were not checked). */
  unreadable: string[];
}

/**
 * Reads the status page, its script, its JSON and the metrics once, at the end of the run, when the
 * last 100 calls and their error texts (echoes of faulty upstream replies among them) are on it.
 */
export async function scanPages(url: string): Promise<PageScan> {
  const out: PageScan = { bytes: 0, leaks: [], unreadable: [] };
  for (const page of PAGES) {
    try {
      const res = await fetch(`${url}${page}`, { signal: AbortSignal.timeout(5_000) });
      const text = await res.text();
      if (res.status !== 200) out.unreadable.push(`${page} (HTTP ${res.status})`);
      out.bytes += text.length;
      if (SECRET_MARKERS.some((m) => text.includes(m))) out.leaks.push(page);
    } catch (err) {
      out.unreadable.push(`${page} (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return out;
}
