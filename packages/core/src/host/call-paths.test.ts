import "reflect-metadata";
import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import { createLogger } from "../logging/logger";
import { ACCESS, SECRET, startUpstream } from "../observe/test-support/observed-exchange";
import { Gateway } from "./gateway";

/** A raw POST, so the path reaches the gateway exactly as written. */
async function post(
  base: string,
  path: string,
  method = "POST",
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    ...(method === "POST"
      ? {
          body: JSON.stringify({
            access_key: ACCESS,
            secret_key: SECRET,
            method: "ticker",
            params: { symbol: "BTC_USDT" },
          }),
        }
      : {}),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

/**
 * FMZ calls to a plain `/<name>` are served ahead of Express's router; every path must still get the
 * answer Express's `POST /:exName` route (or its other routes) gave.
 */
describe("the paths an FMZ call may come on", () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let gw: Gateway;

  before(async () => {
    upstream = await startUpstream();
    gw = await Gateway.start({
      port: 0,
      exchanges: { EX: { adapter: "OBSERVED", options: { baseUrl: upstream.url } } },
      logger: createLogger({ level: "error", stream: new PassThrough() }),
    });
  });
  after(async () => {
    await gw.close();
    await upstream.close();
  });

  test("a mount by name, with a trailing slash, a query string or percent-encoded, is called", async () => {
    for (const path of ["/EX", "/EX/", "/EX?x=1", "/EX/?x=1", "/%45X"]) {
      const r = await post(gw.url, path);
      assert.equal(r.status, 200, path);
      assert.deepEqual(Object.keys(r.json), ["data"], `${path}: ${JSON.stringify(r.json)}`);
    }
  });

  test("other paths get the answers they always got", async () => {
    const unknown = await post(gw.url, "/NOPE");
    assert.match(String(unknown.json.error), /^unknown exchange "NOPE": this gateway serves \/EX$/);
    const encoded = await post(gw.url, "/EX%ZZ");
    assert.equal(encoded.status, 400);
    assert.equal(encoded.json.error, "bad request: the path is not valid percent-encoding");
    const deeper = await post(gw.url, "/EX/ticker");
    assert.match(String(deeper.json.error), /^no route for POST \/EX\/ticker: FMZ calls are POST/);
    const got = await post(gw.url, "/EX", "GET");
    assert.match(String(got.json.error), /^use POST \/EX with a JSON body/);
    const health = await post(gw.url, "/health", "GET");
    assert.equal(health.json.status, "ok");
  });
});
