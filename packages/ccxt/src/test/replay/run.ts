// Plays every recorded case through a real gateway: one ccxt mount per exchange and market
// (`BINANCE`, `BINANCE_SWAP`), each call made over HTTP as the FMZ docker makes it.
import "../../index";
import { Gateway, type MountConfig, silentLogger } from "@fmz-gateway/core";
import { DockerClient } from "@fmz-gateway/testkit";
import { createExchange, requiredCredentialNames } from "../../ccxt-lib";
import { credentialLayout } from "../../credentials";
import { type Market, type ReplayCase, toCase } from "./cases";
import { differences } from "./expect";
import { limitationOf } from "./limitations";
import { type ExchangeFixture, type FixtureEntry, fixtureExchanges, loadFixture } from "./fixture-files";
import type { MatrixCase } from "../../tools/replay-matrix";
import { type RecordedCall, Replay } from "./replay-hook";

export interface CaseResult {
  readonly c: ReplayCase;
  /**
   * `pass`: the reply shows what ccxt's recorded parse says; `stale`: it shows what ccxt 4.5.84 itself
   * makes of the recording, which differs from the recorded parse (the fixture is older or newer than
   * the installed ccxt); `limited`: the exchange cannot do what FMZ asks (limitations.ts) and the
   * bridge said so in a clear error; `fail`: none of these; `skip`: the recorded call has no FMZ
   * equivalent.
   */
  readonly verdict: "pass" | "fail" | "stale" | "limited" | "skip";
  readonly problems: readonly string[];
  readonly reply?: { data?: unknown; error?: string };
  /** The URLs the bridge asked for (method and path), for cases that check which API was used. */
  readonly urls: readonly string[];
  /** The requests themselves (URL with query, body), for cases that check what was sent. */
  readonly calls: readonly RecordedCall[];
}

export interface ReplayRun {
  readonly results: CaseResult[];
  readonly fixtures: ReadonlyMap<string, ExchangeFixture>;
  /**
   * One more FMZ call through the same gateway, each HTTP request answered by `responder` (a thrown
   * or returned Error fails the request): for scenarios the recordings alone do not make, such as a
   * lost order reply.
   */
  call(
    exchange: string,
    market: "spot" | "swap",
    fmz: string,
    params: Record<string, unknown>,
    responder: (call: RecordedCall) => unknown,
  ): Promise<{ reply: { data?: unknown; error?: string }; calls: RecordedCall[] }>;
  close(): Promise<void>;
}

/** The fake credential values ccxt's own offline tests use. */
const FAKE: Readonly<Record<string, string>> = {
  apiKey: "key",
  secret: "secretsecret",
  password: "password",
  uid: "uid",
  accountId: "accountId",
  login: "login",
  token: "token",
  twofa: "twofa",
  walletAddress: "0x1234567890123456789012345678901234567890",
  privateKey: "0xff3bdd43534543d421f05aec535965b5050ad6ac15345435345435453495e771",
};

/** The FMZ Access Key and Secret Key that fill the exchange's required credentials. */
export function fakeKeys(exchange: string): { accessKey: string; secretKey: string } {
  const layout = credentialLayout(requiredCredentialNames(createExchange(exchange, {})));
  return {
    accessKey: FAKE[layout.accessKey ?? "apiKey"] ?? "key",
    secretKey: layout.secretParts.map((p) => FAKE[p] ?? p).join(","),
  };
}

/** What the installed ccxt itself parses from the recording (undefined when it throws). */
async function ccxtsOwnParse(replay: Replay, fx: ExchangeFixture, entry: FixtureEntry): Promise<unknown> {
  const ex = createExchange(fx.exchange, { ...FAKE, options: {} });
  replay.wire(ex, fx);
  replay.play(entry.httpResponse);
  const fn = (ex as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[entry.method];
  try {
    // ccxt's own runner passes JSON nulls as undefined (sanitizeDataInput).
    const args = entry.input.map((a) => (a === null ? undefined : a));
    return JSON.parse(JSON.stringify(await fn.apply(ex, args))) as unknown;
  } catch {
    return undefined;
  }
}

export function mountName(exchange: string, market: "spot" | "swap"): string {
  return exchange.toUpperCase() + (market === "swap" ? "_SWAP" : "");
}

export async function startReplay(exchanges: readonly string[] = fixtureExchanges()): Promise<ReplayRun> {
  const fixtures = new Map(exchanges.map((e) => [e, loadFixture(e)]));
  const replay = new Replay(fixtures);
  replay.install();
  const mounts: Record<string, MountConfig> = {};
  for (const e of exchanges) {
    for (const market of ["spot", "swap"] as const) {
      // REST only: the recordings are REST replies (a live stream would answer instead, or reach the net).
      mounts[mountName(e, market)] = {
        adapter: "ccxt",
        options: { exchange: e, market, timeoutMs: 5000, streams: false },
      };
    }
  }
  const gateway = await Gateway.start({ port: 0, logger: silentLogger(), exchanges: mounts });
  const results: CaseResult[] = [];
  for (const [e, fx] of fixtures) {
    const markets = fx.markets as Record<string, Market>;
    const keys = fakeKeys(e);
    for (const entry of fx.entries) {
      const c = toCase(e, entry, markets);
      if (c.skip) {
        results.push({ c, verdict: "skip", problems: [c.skip], urls: [], calls: [] });
        continue;
      }
      const client = new DockerClient({
        baseUrl: gateway.url,
        exchange: mountName(e, c.mountMarket),
        ...keys,
        timeoutMs: 20_000,
      });
      replay.play(entry.httpResponse);
      const reply = await client.call(c.fmz, c.params);
      const calls = [...replay.calls];
      const urls = calls.map((k) => `${k.method} ${k.url.split("?")[0]}`);
      let problems =
        reply.error !== undefined ? [`error: ${reply.error}`] : differences(c, reply.data, markets);
      let verdict: CaseResult["verdict"] = problems.length ? "fail" : "pass";
      const limitation = limitationOf(c);
      if (limitation) {
        // The exchange cannot do it: only a clear error passes, any answer is wrong data.
        const clear = reply.error !== undefined && limitation.error.test(reply.error);
        verdict = clear ? "limited" : "fail";
        problems = clear
          ? [limitation.reason]
          : [`${limitation.reason}, yet the bridge answered ${JSON.stringify(reply.data ?? reply.error)}`];
      }
      if (!limitation && verdict === "fail" && reply.error === undefined) {
        const own = await ccxtsOwnParse(replay, fx, entry);
        const ownCase = { ...c, entry: { ...entry, parsedResponse: own } };
        if (own !== undefined && differences(ownCase, reply.data, markets).length === 0) verdict = "stale";
      }
      results.push({ c, verdict, problems, reply, urls, calls });
    }
  }
  const clientFor = (exchange: string, market: "spot" | "swap") =>
    new DockerClient({
      baseUrl: gateway.url,
      exchange: mountName(exchange, market),
      ...fakeKeys(exchange),
      timeoutMs: 20_000,
    });
  return {
    results,
    fixtures,
    call: async (exchange, market, fmz, params, responder) => {
      replay.play(undefined, responder);
      const reply = await clientFor(exchange, market).call(fmz, params);
      const calls = [...replay.calls];
      replay.play(undefined);
      return { reply, calls };
    },
    close: async () => {
      replay.uninstall();
      await gateway.close(1_000);
    },
  };
}

/** The results as the README's matrix reads them. */
export function toMatrixCases(results: readonly CaseResult[]): MatrixCase[] {
  return results.map((r) => ({
    exchange: r.c.exchange,
    fmz: r.c.fmz,
    verdict: r.verdict,
    description: r.c.entry.description,
    ccxtMethod: r.c.entry.method,
    problems: r.problems,
  }));
}
