/** `fmz-gateway doctor`'s checks of a ccxt mount: the clock against the exchange's, the secret's parts. */
import { type DoctorCheck, hasCredentials } from "@fmz-gateway/core";
import { type Bridge, type Ctx } from "../bridge";
import { has } from "../ccxt-lib";
import { mapCredentials, secretKeyFormat } from "../credentials";

/**
 * How far this machine's clock may be from the exchange's. Exchanges refuse signed requests whose
 * timestamp is off by more than their window, and the tightest common one is about a second (binance
 * refuses a timestamp 1 s ahead of its clock); OKX allows 30 s.
 */
export const MAX_CLOCK_OFFSET_MS = 1000;

export async function doctorChecks(b: Bridge, ctx: Ctx): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const clock = await clockCheck(b, ctx);
  if (clock) checks.push(clock);
  checks.push(secretCheck(b, ctx));
  return checks;
}

/** The offset from the exchange's server time (`fetchTime`), where ccxt offers it. */
async function clockCheck(b: Bridge, ctx: Ctx): Promise<DoctorCheck | undefined> {
  const name = `clock offset to ${b.id}`;
  const started = performance.now();
  try {
    const ex = await b.publicExchange(ctx);
    if (!has(ex, "fetchTime")) return undefined;
    const sent = Date.now();
    const server = await b.run(ctx, "doctor", () => ex.fetchTime());
    const received = Date.now();
    if (typeof server !== "number" || !Number.isFinite(server)) {
      return { name, ok: true, detail: `skipped: ${b.id} answered no server time` };
    }
    // The server read its clock somewhere in the round trip; the midpoint is the best guess, and half
    // the round trip is how wrong that guess can be.
    const offset = server - (sent + received) / 2;
    const slack = (received - sent) / 2;
    const ok = Math.abs(offset) - slack <= MAX_CLOCK_OFFSET_MS;
    const detail = `${offset >= 0 ? "+" : "-"}${formatMs(Math.abs(offset))} (±${formatMs(slack)})`;
    return ok
      ? { name, ok, detail, ms: performance.now() - started }
      : {
          name,
          ok,
          detail: `${detail}: ${b.id} may refuse signed requests`,
          fix: "set this machine's clock by NTP (e.g. timedatectl set-ntp true, or chrony)",
          ms: performance.now() - started,
        };
  } catch (err) {
    return {
      name,
      ok: false,
      detail: `could not read ${b.id}'s server time: ${(err as Error).message}`,
      fix: "see the public call above: the exchange must be reachable from this machine",
    };
  }
}

/** Whether the keys given have every part ccxt's `requiredCredentials` asks of this exchange. */
function secretCheck(b: Bridge, ctx: Ctx): DoctorCheck {
  const layout = b.pool.layout;
  const format = `${secretKeyFormat(layout)}[,simulate]`;
  const name = "secret key parts";
  if (!hasCredentials(ctx.credentials)) {
    return { name, ok: true, detail: `no keys given; ${b.id} takes the Secret Key as ${format}` };
  }
  try {
    mapCredentials(ctx.credentials, layout, b.id);
    return { name, ok: true, detail: `${layout.secretParts.length} part(s), as ${format}` };
  } catch (err) {
    return {
      name,
      ok: false,
      detail: (err as Error).message,
      fix: `give the Secret Key as ${format}, parts separated by commas`,
    };
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
