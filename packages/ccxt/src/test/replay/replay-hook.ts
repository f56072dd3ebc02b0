// The replay seam in use: every ccxt instance the gateway builds for a replay mount gets the fixture's
// markets (ccxt's setMarkets) and answers each HTTP request with the recorded reply of the case being
// played (an overridden `fetch`, as ccxt's own static response tests do). Requests are recorded so a
// case can check which API was asked (Binance's coin-margined API for `USD.swap`).
import type { CcxtExchange } from "../../ccxt-lib";
import { setInstanceHook } from "../../instance-hook";
import type { ExchangeFixture } from "./fixture-files";

export interface RecordedCall {
  readonly url: string;
  readonly method: string;
  readonly body?: unknown;
}

/** What ccxt's own offline test instances get besides markets (tests.ts initOfflineExchange). */
const OFFLINE_OPTIONS = {
  enableUnifiedAccount: true,
  enableUnifiedMargin: false,
  accessToken: "token",
  expires: 999999999999999,
  leverageBrackets: {},
};

export class Replay {
  /** The reply every request of the current case gets (a function decides per request). */
  answer: unknown = undefined;
  responder?: (call: RecordedCall) => unknown;
  readonly calls: RecordedCall[] = [];

  constructor(private readonly fixtures: ReadonlyMap<string, ExchangeFixture>) {}

  install(): void {
    setInstanceHook((ex, info) => {
      const fx = this.fixtures.get(info.exchange);
      if (fx) this.wire(ex, fx);
    });
  }

  uninstall(): void {
    setInstanceHook();
  }

  /** Plays `answer` for every request until the next call. */
  play(answer: unknown, responder?: (call: RecordedCall) => unknown): void {
    this.answer = answer;
    this.responder = responder;
    this.calls.length = 0;
  }

  /** Gives one instance the fixture's markets and the replayed HTTP answers. */
  wire(ex: CcxtExchange, fx: ExchangeFixture): void {
    const target = ex as unknown as {
      fetch: (url: string, method?: string, headers?: unknown, body?: unknown) => Promise<unknown>;
      accounts: unknown;
      options: Record<string, unknown>;
    };
    target.options = ex.deepExtend(target.options, OFFLINE_OPTIONS, fx.options) as Record<string, unknown>;
    target.accounts = [
      { id: "myAccount", code: "USDT" },
      { id: "myAccount", code: "USDC" },
    ];
    ex.setMarkets(structuredClone(fx.markets) as never);
    target.fetch = async (url, method = "GET", _headers, body) => {
      const call = { url, method, body };
      this.calls.push(call);
      const out = this.responder ? this.responder(call) : this.answer;
      if (out instanceof Error) throw out;
      return structuredClone(out);
    };
  }
}
