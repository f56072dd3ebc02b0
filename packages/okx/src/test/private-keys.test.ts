// OKX private streams and keys, through the real gateway against the stand-in: two keys never see each
// other's data, ten robots on one key share one connection, an idle account's stream is released, no
// key, secret or passphrase shows anywhere, and `privateStreams: false` is exactly the REST behaviour.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Balance } from "@fmz-gateway/core";
import type { StandinCredential } from "@fmz-gateway/okx-standin";
import { waitFor } from "@fmz-gateway/okx-standin/test-support";
import { LIVE, LIVE_SECRET_KEY } from "./harness";
import { type PrivateHarness, secretKeyOf, startPrivateHarness } from "./private-support";

const OTHER: StandinCredential = {
  apiKey: "standin-other-0000-4000-8000-000000000003",
  secret: "0F1E2D3C4B5A69788796A5B4C3D2E1F0",
  passphrase: "Standin-Other-3",
};

let h: PrivateHarness;
before(async () => {
  h = await startPrivateHarness({ mountOptions: { streamIdleMs: 1500 } });
  h.standin.addCredential(OTHER);
  h.standin.setBalance(OTHER.apiKey, "USDT", "123.45");
});
after(async () => {
  await h.close();
});

const usdt = (balances: Balance[]) => balances.find((b) => b.currency === "USDT");

describe("OKX private streams: keys", () => {
  it("two keys never see each other's data; ten robots on one key share one connection", async () => {
    const mine = h.ps.spot;
    const theirs = mine.with({ accessKey: OTHER.apiKey, secretKey: secretKeyOf(OTHER) });
    await Promise.all([h.waitPrivateLive(mine), h.waitPrivateLive(theirs)]);
    const robots = Array.from({ length: 10 }, () => mine.with({}));
    const answers = await Promise.all(robots.map((r) => r.data<Balance[]>("accounts")));
    for (const a of answers) assert.equal(usdt(a)?.free, usdt(answers[0])?.free);
    assert.equal(usdt(await theirs.data<Balance[]>("accounts"))?.free, 123.45);
    assert.notEqual(usdt(answers[0])?.free, 123.45);
    assert.equal(h.standin.ws.privateConnections(LIVE.apiKey), 1);
    assert.equal(h.standin.ws.privateConnections(OTHER.apiKey), 1);

    // A change on one account reaches only that account's answers.
    h.standin.setBalance(OTHER.apiKey, "USDT", "200");
    await waitFor(
      async () => usdt(await theirs.data<Balance[]>("accounts"))?.free === 200,
      5000,
      "the other key's balance change",
    );
    assert.notEqual(usdt(await mine.data<Balance[]>("accounts"))?.free, 200);

    // The right key with a wrong secret reads nothing of the account: its login fails, REST refuses it.
    const wrong = mine.with({ secretKey: `0000000000000000,${LIVE.passphrase}` });
    const refused = await wrong.call("accounts");
    assert.match(refused.error ?? "", /^OKX 50113/);
    assert.equal(h.standin.ws.privateConnections(LIVE.apiKey), 1);
  });

  it("an account's stream is released after streamIdleMs without a private call", async () => {
    const idle = h.ps.swap;
    await h.waitPrivateLive(idle);
    assert.ok(h.standin.ws.privateConnections(LIVE.apiKey) >= 1);
    // Nobody calls: the swap mount's stream (and the spot mount's, idle since the last test) is let go.
    await waitFor(() => h.privateState(idle) === undefined, 10_000, "the idle stream to be released");
    await waitFor(
      () => h.standin.ws.privateConnections(LIVE.apiKey) === 0,
      10_000,
      "the idle streams' sockets to close",
    );
    await idle.data("accounts");
    await h.waitPrivateLive(idle);
    assert.equal(h.standin.ws.privateConnections(LIVE.apiKey), 1);
  });

  it("no key, secret or passphrase in the status page, /status.json, /metrics or the log", async () => {
    await h.waitPrivateLive(h.ps.spot);
    const shown = h.shownKey(LIVE.apiKey, LIVE_SECRET_KEY);
    const page = await (await fetch(`${h.gateway.url}/status`)).text();
    const json = await (await fetch(`${h.gateway.url}/status.json`)).text();
    const metrics = await (await fetch(`${h.gateway.url}/metrics`)).text();
    assert.ok(json.includes(shown), `status.json lists the private stream as ${shown}`);
    assert.match(metrics, /fmz_gateway_streams\{exchange="OKX_PS",channel="private",state="live"\} 1/);
    for (const [where, text] of [
      ["page", page],
      ["status.json", json],
      ["metrics", metrics],
      ["log", h.log.text()],
    ]) {
      for (const c of [LIVE, OTHER]) {
        for (const secret of [c.apiKey, c.secret, c.passphrase]) {
          assert.ok(!text.includes(secret), `${where} shows a key, secret or passphrase`);
        }
      }
    }
  });

  it("privateStreams: false opens no private socket and asks REST every time", async () => {
    const before = h.standin.ws.loginAttempts(LIVE.apiKey);
    const mark = h.mark();
    await h.rest.spot.data("accounts");
    await h.rest.spot.data("orders", { symbol: "BTC_USDT" });
    await h.rest.swap.data("positions", { symbol: "BTC_USDT" });
    assert.deepEqual(
      h.privateReadsSince(mark).map((r) => r.path),
      ["/api/v5/account/balance", "/api/v5/trade/orders-pending", "/api/v5/account/positions"],
    );
    assert.equal(h.standin.ws.loginAttempts(LIVE.apiKey), before);
    assert.ok(!h.gateway.telemetry.streams("OKX").some((s) => s.channel === "private"));
  });
});
