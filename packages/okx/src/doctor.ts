import { type DoctorCheck, hasCredentials } from "@fmz-gateway/core";
import { okxAuth } from "./auth/credentials";
import type { OkxCall } from "./okx-call";
import { CLOCK_WARN_MS, describeOffset } from "./rest/clock";

const CLOCK_FIX =
  "sync this host's clock with NTP (e.g. `timedatectl set-ntp true`); the gateway corrects its OKX signatures, but logs, candle times and anything else read from the local clock stay off";
const SECRET_FIX =
  "enter the Secret Key as SECRET,PASSPHRASE (SECRET,PASSPHRASE,simulate for a demo-trading key)";

/**
 * OKX's own lines of `fmz-gateway doctor`:
 * - the clock offset to OKX's `public/time`. Passes within 1 s. OKX itself refuses signatures beyond 30 s
 *   and the gateway signs with OKX's time anyway, so trading works far beyond that; but past a second the
 *   host's clock is visibly wrong where nothing corrects it (FMZ's logs, candle boundaries, `since`).
 * - with keys: that the Secret Key has the parts OKX needs (`SECRET,PASSPHRASE`), checked before any
 *   signed call; then the account's position mode, which decides how `buy`/`closebuy` are sent.
 * Texts never include a part of a key.
 */
export async function okxDoctor(call: OkxCall): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [await clockCheck(call)];
  if (!hasCredentials(call.ctx.credentials)) return checks;
  try {
    const auth = okxAuth(call.ctx.credentials);
    checks.push({
      name: "OKX Secret Key parts",
      ok: true,
      detail: auth.demo ? "SECRET,PASSPHRASE,simulate (demo trading)" : "SECRET,PASSPHRASE",
    });
  } catch (err) {
    checks.push({ name: "OKX Secret Key parts", ok: false, detail: messageOf(err), fix: SECRET_FIX });
    return checks;
  }
  try {
    const mode = await call.positionModes.get(call);
    checks.push({
      name: "OKX position mode",
      ok: true,
      detail:
        mode === "long_short_mode"
          ? "long_short_mode: buy/sell open long/short, closebuy/closesell close them"
          : "net_mode: closebuy/closesell are reduce-only orders",
    });
  } catch (err) {
    checks.push({
      name: "OKX position mode",
      ok: false,
      detail: messageOf(err),
      fix: "check the API key, its passphrase and that it has Read permission",
    });
  }
  return checks;
}

async function clockCheck(call: OkxCall): Promise<DoctorCheck> {
  const name = "clock offset to OKX";
  try {
    const { offsetMs, rttMs } = await call.client.clock.measure();
    const ok = Math.abs(offsetMs) <= CLOCK_WARN_MS;
    return {
      name,
      ok,
      detail: `${describeOffset(offsetMs)}, measured to ±${Math.ceil(rttMs / 2)} ms`,
      ms: rttMs,
      ...(ok ? {} : { fix: CLOCK_FIX }),
    };
  } catch (err) {
    return {
      name,
      ok: false,
      detail: messageOf(err),
      fix: "check that the mount's baseUrl reaches OKX (GET /api/v5/public/time)",
    };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
