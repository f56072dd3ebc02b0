import http from "node:http";
import { once } from "./latency";

export interface RobotsResult {
  /** Calls answered, by every robot together. */
  calls: number;
  errors: number;
  /** Latency of one call, over every robot's calls (ms). */
  p50: number;
  p99: number;
  /** From the first call to the last answer (s). */
  elapsedS: number;
}

/**
 * `robots` FMZ robots on one mount, each on a keep-alive connection of its own, asking `bodies` in turn
 * as fast as their answers come back (a strategy loop with no sleep in it) until `spanMs` has passed.
 */
export async function pollingRobots(
  url: string,
  mount: string,
  bodies: readonly string[],
  robots: number,
  spanMs: number,
): Promise<RobotsResult> {
  const times: number[] = [];
  let errors = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + spanMs;
  const robot = async (offset: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Robots start at different calls of the loop, so every moment sees all three kinds of call.
    for (let n = offset; Date.now() < deadline; n++) {
      const start = process.hrtime.bigint();
      const { status, text } = await once(agent, `${url}/${mount}`, "POST", bodies[n % bodies.length]);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (status !== 200 || text.startsWith('{"error"')) errors++;
    }
    agent.destroy();
  };
  await Promise.all(Array.from({ length: robots }, (_, i) => robot(i)));
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { calls: times.length, errors, p50: at(0.5), p99: at(0.99), elapsedS };
}
