import { startOkxStandin } from "@fmz-gateway/okx-standin";
import { benchCredential } from "../scenarios/keys";
import { send, serveParent } from "./ipc";

/**
 * The stand-in OKX in its own process (so it does not share a core with the gateway or the load
 * generator), rate limits off, with `argv[2]` bench keys registered and every REST reply `argv[3]` ms
 * late (an internet round trip; websockets are not delayed).
 */
async function main(): Promise<void> {
  const keys = Number(process.argv[2] ?? "1");
  const restDelayMs = Number(process.argv[3] ?? "0");
  const standin = await startOkxStandin({ port: 0, enforceRateLimits: false, restDelayMs });
  for (let i = 0; i < keys; i++) standin.addCredential(benchCredential(i));
  serveParent(() => standin.close(), {
    upstream: (apiKey, since, until) => {
      const byPath: Record<string, number> = {};
      for (const r of standin.requests) {
        if (r.apiKey !== apiKey || r.receivedAt < since || r.receivedAt >= until) continue;
        const key = `${r.method} ${r.path}`;
        byPath[key] = (byPath[key] ?? 0) + 1;
      }
      return byPath;
    },
  });
  send({ type: "ready", url: standin.url });
}

main().catch((err: unknown) => send({ type: "error", message: String(err) }));
