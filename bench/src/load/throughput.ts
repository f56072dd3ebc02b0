import autocannon from "autocannon";

export interface LoadTarget {
  /** Server root: `http://127.0.0.1:PORT`. */
  url: string;
  method: "GET" | "POST";
  /** One path, or one per request (cycled). */
  paths: string[];
  /** Request bodies, cycled (one per distinct API key, for instance). */
  bodies?: string[];
}

export interface ThroughputResult {
  rps: number;
  requests: number;
  errors: number;
}

/**
 * Requests per second at `connections` concurrent keep-alive connections (autocannon). A reply counts
 * as an error when its status is not 200 or its body is a protocol error (`{"error": …}`), so a
 * gateway that answers fast but wrong cannot look good.
 */
export async function throughput(
  target: LoadTarget,
  opts: { connections: number; durationS?: number; amount?: number },
): Promise<ThroughputResult> {
  let i = 0;
  let errors = 0;
  // Timed here, to the last reply: autocannon reports whole seconds and ends a fixed-count run on its
  // next one-second tick, both too coarse for runs of a second or two.
  const started = process.hrtime.bigint();
  let lastReply = started;
  const result = await autocannon({
    url: target.url,
    connections: opts.connections,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.durationS ?? 3 }),
    timeout: 10,
    requests: [
      {
        method: target.method,
        headers: { "content-type": "application/json" },
        setupRequest: (req) => {
          const n = i++;
          return {
            ...req,
            path: target.paths[n % target.paths.length],
            ...(target.bodies ? { body: target.bodies[n % target.bodies.length] } : {}),
          };
        },
        onResponse: (status, body) => {
          lastReply = process.hrtime.bigint();
          if (status !== 200 || body.startsWith('{"error"') || body.includes('"code":"5')) errors++;
        },
      },
    ],
  });
  const elapsedS = Number(lastReply - started) / 1e9;
  return {
    rps: result.requests.total / elapsedS,
    requests: result.requests.total,
    errors: errors + result.errors + result.timeouts,
  };
}
