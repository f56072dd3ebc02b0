/** Where a mount's answers to one wire method came from, as the gateway's /metrics counts them. */
export interface Served {
  stream: number;
  rest: number;
}

/** core's METRIC.served (core's public face does not export the metric names). */
const SERIES = /^fmz_gateway_served_total\{([^}]*)\} (\S+)$/gm;

export async function servedCounts(gatewayUrl: string, mount: string, method: string): Promise<Served> {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  const out: Served = { stream: 0, rest: 0 };
  for (const [, labels, value] of text.matchAll(SERIES)) {
    const l = Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    if (l.exchange === mount && l.method === method && (l.source === "stream" || l.source === "rest")) {
      out[l.source] += Number(value);
    }
  }
  return out;
}

/** One FMZ call to the gateway, as the docker makes it; throws on an error answer. */
export async function call(gatewayUrl: string, mount: string, body: string): Promise<unknown> {
  const res = await fetch(`${gatewayUrl}/${mount}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  const text = await res.text();
  if (res.status !== 200 || text.startsWith('{"error"')) throw new Error(`${mount}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Calls until the answers come from the stream: the first call starts the subscription and is answered
 * by REST, as are the calls before the subscription is acknowledged and has its first data. Warm when a
 * batch of calls adds nothing to the mount's REST count. Resolves with the calls REST answered meanwhile.
 */
export async function warmStream(
  gatewayUrl: string,
  mount: string,
  method: string,
  body: string,
  timeoutMs = 20_000,
): Promise<number> {
  const start = await servedCounts(gatewayUrl, mount, method);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const before = await servedCounts(gatewayUrl, mount, method);
    for (let i = 0; i < 20; i++) await call(gatewayUrl, mount, body);
    const after = await servedCounts(gatewayUrl, mount, method);
    if (after.rest === before.rest && after.stream > before.stream) return after.rest - start.rest;
    await sleep(100);
  }
  throw new Error(`${mount} ${method}: still answered by REST after ${timeoutMs} ms of warm-up`);
}

/** Live streams of a mount, as /status.json counts them. */
export async function liveStreams(gatewayUrl: string, mount: string): Promise<number> {
  const status = (await (await fetch(`${gatewayUrl}/status.json`)).json()) as {
    mounts: { name: string; streams: { live: number } }[];
  };
  return status.mounts.find((m) => m.name === mount)?.streams.live ?? 0;
}
