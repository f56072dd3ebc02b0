import type { CallContext } from "../../adapter/call-context";
import type { Credentials } from "../../adapter/credentials";
import { hasCredentials } from "../../adapter/credentials";
import { type AdapterStatics, type DoctorCheck, supportedMethods } from "../../adapter/exchange-adapter";
import { isGatewayError } from "../../errors/gateway-errors";
import type { Mount } from "../../host/mounts";
import { runCall } from "../../host/run-call";
import {
  type AdapterMethodName,
  METHOD_TABLE,
  parseParams,
  resolveMethod,
} from "../../protocol/method-table";
import type { Balance, Markets, Ticker } from "../../protocol/reply-types";
import { type DoctorRow, failed, passed } from "./doctor-row";
import { fixFor, messageOf } from "./fixes";

type AdapterFn = (ctx: CallContext<object>, params: unknown) => Promise<unknown>;

/** The symbol a ticker probe uses when the mount lists no markets. */
const FALLBACK_SYMBOL = "BTC_USDT";

export interface MountCheckInput {
  credentials: Credentials;
  /** Symbol for the ticker probe; default: a BTC market the mount lists, else its first. */
  symbol?: string;
}

/**
 * Checks one mount through the adapter's own methods, each run like a docker call (`runCall`: the
 * mount's options, a deadline, an abort signal): a public `markets` call and a `ticker` on one of its
 * markets, then the adapter's own `doctor()` checks (clock, secret parts), then with keys a balance call.
 */
export async function mountChecks(mount: Mount, input: MountCheckInput): Promise<DoctorRow[]> {
  const rows: DoctorRow[] = [];
  const has = new Set(supportedMethods(mount.adapter));
  let symbol = input.symbol;
  if (has.has("getMarkets")) {
    const r = await call<Markets>(mount, "getMarkets", {}, input.credentials);
    if (r.ok) {
      const names = Object.keys(r.data);
      symbol ??= names.find((n) => /^BTC_/.test(n)) ?? names[0];
      rows.push(passed(mount.name, wire("getMarkets"), `${names.length} markets`, r.ms));
    } else {
      rows.push(r.row);
      // Unreachable: every further check would fail the same way; the one row and its fix say it all.
      if (!r.row.ok) return rows;
    }
  }
  if (has.has("getTicker")) {
    const s = symbol ?? FALLBACK_SYMBOL;
    const r = await call<Ticker>(mount, "getTicker", { symbol: s }, input.credentials);
    rows.push(r.ok ? passed(mount.name, `${wire("getTicker")} ${s}`, `last ${r.data.last}`, r.ms) : r.row);
  }
  if (!has.has("getMarkets") && !has.has("getTicker")) {
    rows.push(passed(mount.name, "public call", "skipped: the adapter offers neither markets nor ticker"));
  }
  rows.push(...(await adapterChecks(mount, input.credentials)));
  if (hasCredentials(input.credentials) && has.has("getAccount")) {
    const r = await call<Balance[]>(mount, "getAccount", {}, input.credentials);
    rows.push(
      r.ok
        ? passed(mount.name, `${wire("getAccount")} (keys)`, balanceText(r.data), r.ms)
        : { ...r.row, name: `${wire("getAccount")} (keys)` },
    );
  }
  return rows;
}

/** The mounts `mount` reads its market data from, as its adapter declares them (`static dependencies`). */
function sourcesOf(mount: Mount): readonly string[] {
  const statics = mount.adapter.constructor as Partial<AdapterStatics>;
  try {
    return statics.dependencies?.(mount.options) ?? [];
  } catch {
    return [];
  }
}

/** The adapter's own checks; a hook that throws is one failed row, never the end of the run. */
async function adapterChecks(mount: Mount, credentials: Credentials): Promise<DoctorRow[]> {
  try {
    const { data } = await runCall(mount, "doctor", credentials, (ctx) => mount.adapter.doctor(ctx));
    return (data as DoctorCheck[]).map((c) => ({ ...c, where: mount.name }));
  } catch (err) {
    return [
      failed(
        mount.name,
        `${mount.adapterName} checks`,
        messageOf(err),
        fixFor(err, { private: false, mount: mount.name, sources: sourcesOf(mount) }),
      ),
    ];
  }
}

type CallResult<T> = { ok: true; data: T; ms: number } | { ok: false; row: DoctorRow };

async function call<T>(
  mount: Mount,
  method: AdapterMethodName,
  rawParams: Record<string, unknown>,
  credentials: Credentials,
): Promise<CallResult<T>> {
  const name = wire(method);
  const started = performance.now();
  try {
    const resolved = resolveMethod(name);
    if (!resolved) throw new Error(`${name} is not in the method table`);
    const params = parseParams(resolved, rawParams, { wireMethod: name });
    const fn = (mount.adapter as unknown as Record<AdapterMethodName, AdapterFn>)[method];
    const { data } = await runCall(mount, name, credentials, (ctx) => fn.call(mount.adapter, ctx, params));
    return { ok: true, data: data as T, ms: performance.now() - started };
  } catch (err) {
    const ms = performance.now() - started;
    const isPrivate = resolveMethod(name)?.spec.private ?? false;
    const label = method === "getTicker" ? `${name} ${String(rawParams.symbol)}` : name;
    if (isGatewayError(err) && err.kind === "not-supported") {
      return { ok: false, row: passed(mount.name, label, `skipped: ${err.message}`, ms) };
    }
    return {
      ok: false,
      row: failed(
        mount.name,
        label,
        messageOf(err),
        fixFor(err, { private: isPrivate, mount: mount.name, sources: sourcesOf(mount) }),
        ms,
      ),
    };
  }
}

/** The protocol's wire name of an adapter method (the method table is the one place that spells them). */
function wire(method: AdapterMethodName): string {
  return METHOD_TABLE.find((s) => s.method === method)?.wire ?? method;
}

function balanceText(balances: Balance[]): string {
  const shown = balances.slice(0, 5).map((b) => b.currency);
  return `${balances.length} balances${shown.length ? `: ${shown.join(", ")}${balances.length > 5 ? " …" : ""}` : ""}`;
}
