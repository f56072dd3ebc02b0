import "reflect-metadata";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import { Gateway } from "../host/gateway";
import { createLogger } from "../logging/logger";
import type { StatusSnapshot } from "./status/status-types";
import { ACCESS, SECRET, fmzCall, startUpstream } from "./test-support/observed-exchange";

/** The value of one exact series in a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * What the cheap per-call accounting must keep exact: every call of a burst is counted once in
 * /metrics and on the status page, and a failed call is in the log even with info lines off.
 */
describe("per-call accounting under a burst of concurrent calls", () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gw: Gateway;
  let log = "";

  before(async () => {
    upstream = await startUpstream();
    const stream = new PassThrough();
    stream.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
    gw = await Gateway.start({
      port: 0,
      exchanges: { EX: { adapter: "OBSERVED", options: { baseUrl: upstream.url } } },
      // Info lines off, as an operator who only wants problems would set it.
      logger: createLogger({ level: "warn", stream }),
    });
  });
  after(async () => {
    await gw.close();
    await upstream.close();
  });

  test("counts, histograms, status windows and the log agree with what was sent", async () => {
    const OK = 300;
    const FAILED = 40;
    const replies = await Promise.all([
      ...Array.from({ length: OK }, () => fmzCall(gw.url, "EX", "ticker", { symbol: "BTC_USDT" })),
      ...Array.from({ length: FAILED }, () => fmzCall(gw.url, "EX", "ticker", { symbol: "ERR_USDT" })),
    ]);
    assert.equal(replies.filter((r) => r.data !== undefined).length, OK);
    assert.equal(replies.filter((r) => r.error?.includes("OBSERVED 50001")).length, FAILED);

    const text = await (await fetch(`${gw.url}/metrics`)).text();
    const ok = 'exchange="EX",method="ticker",outcome="ok"';
    const failed = 'exchange="EX",method="ticker",outcome="exchange"';
    assert.equal(sample(text, `fmz_gateway_requests_total{${ok}}`), OK);
    assert.equal(sample(text, `fmz_gateway_requests_total{${failed}}`), FAILED);
    assert.equal(sample(text, `fmz_gateway_request_duration_seconds_count{${ok}}`), OK);
    assert.equal(sample(text, `fmz_gateway_request_duration_seconds_bucket{le="+Inf",${ok}}`), OK);
    assert.ok((sample(text, `fmz_gateway_request_duration_seconds_sum{${ok}}`) ?? 0) > 0);
    const up = 'exchange="EX",endpoint="/api/ticker"';
    assert.equal(sample(text, `fmz_gateway_upstream_requests_total{${up},outcome="ok"}`), OK);
    assert.equal(sample(text, `fmz_gateway_upstream_requests_total{${up},outcome="http-5xx"}`), FAILED);
    assert.equal(sample(text, `fmz_gateway_upstream_request_duration_seconds_count{${up}}`), OK + FAILED);

    const status = (await (await fetch(`${gw.url}/status.json`)).json()) as StatusSnapshot;
    const row = status.calls.find((c) => c.exchange === "EX" && c.method === "ticker");
    assert.equal(row?.last5m.calls, OK + FAILED);
    assert.equal(row?.last5m.errors, FAILED);
    assert.equal(status.recent.length, 100);

    // Info is off: no line for the answered calls, one warn line for each failed one.
    const lines = log.split("\n").filter((l) => l.includes(" EX ticker "));
    assert.equal(lines.length, FAILED, lines.slice(0, 3).join("\n"));
    for (const line of lines)
      assert.match(line, /^\S+ warn EX ticker error: OBSERVED 50001: .* key=AK-f…7890$/);
    assert.ok(!log.includes(SECRET) && !log.includes(ACCESS), "no key or secret in the log");
  });
});
