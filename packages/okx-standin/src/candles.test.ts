import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { HISTORY_BARS, RECENT_BARS, startOkxStandin } from "./index";
import { TestClient } from "./test-support/signing-client";
import type { OkxStandin } from "./types";

type Candle = [string, string, string, string, string, string, string, string, string];

const HOUR = 3_600_000;

describe("candles", () => {
  let s: OkxStandin;
  let c: TestClient;
  before(async () => {
    s = await startOkxStandin({ enforceRateLimits: false });
    c = new TestClient(s.url);
  });
  after(() => s.close());

  async function candles(endpoint: string, query: string): Promise<Candle[]> {
    const r = await c.get(`/api/v5/market/${endpoint}?${query}`);
    assert.equal(r.body?.code, "0", r.text);
    return r.body?.data as unknown as Candle[];
  }

  it("returns 100 bars by default, newest first, aligned, with confirm flags", async () => {
    const rows = await candles("candles", "instId=BTC-USDT&bar=1m");
    assert.equal(rows.length, 100);
    const now = Date.now();
    const first = rows[0];
    assert.ok(first);
    assert.equal(first.length, 9);
    assert.equal(Number(first[0]) % 60_000, 0);
    assert.ok(Number(first[0]) <= now && now - Number(first[0]) < 120_000);
    assert.equal(first[8], "0", "the current bar is not confirmed");
    for (let i = 1; i < rows.length; i++) {
      const newer = rows[i - 1];
      const older = rows[i];
      assert.ok(newer && older);
      assert.equal(Number(newer[0]) - Number(older[0]), 60_000);
      assert.equal(older[8], "1");
      // Continuity: a bar's close is the next bar's open.
      assert.equal(older[4], newer[1]);
      assert.ok(Number(older[2]) >= Math.max(Number(older[1]), Number(older[4])));
      assert.ok(Number(older[3]) <= Math.min(Number(older[1]), Number(older[4])));
    }
    const again = await candles("candles", "instId=BTC-USDT&bar=1m&limit=5&after=" + rows[10]?.[0]);
    assert.deepEqual(again, rows.slice(11, 16), "deterministic across calls");
  });

  it("caps limit at 300 for both endpoints", async () => {
    assert.equal((await candles("candles", "instId=ETH-USDT&bar=5m&limit=1000")).length, 300);
    assert.equal((await candles("history-candles", "instId=ETH-USDT&bar=5m&limit=1000")).length, 300);
  });

  it("answers ccxt's since query (before=since-1, after=since+limit*bar) with exactly that range", async () => {
    const since = Math.floor(Date.now() / HOUR) * HOUR - 50 * HOUR;
    const rows = await candles(
      "candles",
      `instId=BTC-USDT&bar=1H&before=${since - 1}&after=${since + 10 * HOUR}&limit=10`,
    );
    assert.equal(rows.length, 10);
    assert.equal(Number(rows.at(-1)?.[0]), since);
    assert.equal(Number(rows[0]?.[0]), since + 9 * HOUR);
    const latest = await candles("candles", `instId=BTC-USDT&bar=1H&before=${since}&limit=3`);
    assert.equal(
      Number(latest[0]?.[0]),
      Math.floor(Date.now() / HOUR) * HOUR,
      "before alone returns the latest",
    );
  });

  it("pages continuously from candles (1,440 bars) into history-candles", async () => {
    for (let attempt = 0; ; attempt++) {
      const newestBefore = (await candles("candles", "instId=BTC-USDT-SWAP&bar=1H&limit=1"))[0]?.[0];
      const recent: Candle[] = [];
      let after = "";
      for (;;) {
        const page = await candles("candles", `instId=BTC-USDT-SWAP&bar=1H&limit=300${after}`);
        if (page.length === 0) break;
        recent.push(...page);
        after = "&after=" + page.at(-1)?.[0];
      }
      const older: Candle[] = [];
      for (;;) {
        const page = await candles("history-candles", `instId=BTC-USDT-SWAP&bar=1H&limit=300${after}`);
        if (page.length === 0) break;
        older.push(...page);
        after = "&after=" + page.at(-1)?.[0];
      }
      const newestAfter = (await candles("candles", "instId=BTC-USDT-SWAP&bar=1H&limit=1"))[0]?.[0];
      // An hour boundary passing mid-test shifts every page; measure again rather than flake.
      if (newestBefore !== newestAfter && attempt < 2) continue;

      assert.equal(recent.length, RECENT_BARS);
      assert.equal(recent.length + older.length, HISTORY_BARS);
      const all = [...recent, ...older];
      for (let i = 1; i < all.length; i++) {
        const newer = all[i - 1];
        const bar = all[i];
        assert.ok(newer && bar);
        assert.equal(Number(newer[0]) - Number(bar[0]), HOUR, `gap at ${i}`);
        assert.equal(bar[4], newer[1], `close/open mismatch at ${i}`);
      }
      // history-candles serves the recent range too, with the same values.
      const overlap = await candles(
        "history-candles",
        `instId=BTC-USDT-SWAP&bar=1H&limit=5&after=${recent[100]?.[0]}`,
      );
      assert.deepEqual(overlap, recent.slice(101, 106));
      break;
    }
  });

  it("aligns 1D bars to UTC+8 midnight, 1Dutc to UTC midnight, 1W to Monday", async () => {
    const day = 86_400_000;
    const d8 = await candles("candles", "instId=BTC-USDT&bar=1D&limit=3");
    for (const b of d8) assert.equal(Number(b[0]) % day, 16 * HOUR);
    const d0 = await candles("candles", "instId=BTC-USDT&bar=1Dutc&limit=3");
    for (const b of d0) assert.equal(Number(b[0]) % day, 0);
    const w = await candles("candles", "instId=BTC-USDT&bar=1Wutc&limit=3");
    for (const b of w) assert.equal(new Date(Number(b[0])).getUTCDay(), 1);
    const m = await candles("candles", "instId=BTC-USDT&bar=1Mutc&limit=3");
    for (const b of m) assert.equal(new Date(Number(b[0])).getUTCDate(), 1);
  });

  it("rejects unknown bars; 1s exists only on history-candles", async () => {
    const r = await c.get("/api/v5/market/candles?instId=BTC-USDT&bar=7m");
    assert.equal(r.body?.code, "51000");
    assert.equal(r.body?.msg, "Parameter bar error");
    assert.equal((await c.get("/api/v5/market/candles?instId=BTC-USDT&bar=1s")).body?.code, "51000");
    assert.equal((await candles("history-candles", "instId=BTC-USDT&bar=1s&limit=10")).length, 10);
  });
});
