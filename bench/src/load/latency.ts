import http from "node:http";
import type { LoadTarget } from "./throughput";

export interface LatencyResult {
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Latency at one connection: requests one after another on one keep-alive socket, each timed with the
 * high-resolution clock (autocannon's histogram has millisecond resolution; the targets here are
 * fractions of a millisecond). Returns milliseconds.
 */
export async function latency(
  target: LoadTarget,
  opts: { requests: number; warmup?: number },
): Promise<LatencyResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  let errors = 0;
  const total = (opts.warmup ?? 200) + opts.requests;
  for (let n = 0; n < total; n++) {
    const path = target.paths[n % target.paths.length];
    const body = target.bodies?.[n % target.bodies.length];
    const start = process.hrtime.bigint();
    const { status, text } = await once(agent, `${target.url}${path}`, target.method, body);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (status !== 200 || text.startsWith('{"error"')) errors++;
    if (n >= total - opts.requests) times.push(ms);
  }
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99), errors };
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** One request on `agent`, resolving with the status and the whole body. */
export function once(
  agent: http.Agent,
  url: string,
  method: string,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: body ? { "content-type": "application/json" } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
