// undici loses a pool slot for each request it refuses as an invalid argument; these check that refused
// requests can never use up the pool of the requests that follow.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { BadRequestError } from "../errors/gateway-errors";
import { HttpClient } from "./http-client";
import { createUndiciTransport, unsendable } from "./undici-transport";

let server: http.Server;
let base: string;
let received = 0;

before(async () => {
  server = http.createServer((req, res) => {
    received++;
    res.end(JSON.stringify({ path: req.url }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const POOL = 2;

/**
 * Aborts after `ms` with a timer that keeps the process alive (AbortSignal.timeout's does not), so a
 * request stuck behind lost pool slots fails the test instead of ending the run silently.
 */
async function within<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${ms} ms`)), ms);
  try {
    return await run(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

describe("the undici pool after refused requests", () => {
  // A lost pool also never finishes closing: the timeout turns that hang into a failure.
  test(
    "paths and header values HTTP cannot carry are refused before undici, as not sent",
    { timeout: 30_000 },
    async () => {
      const http = new HttpClient({ exchange: "EX", baseUrl: base, maxSockets: POOL });
      try {
        const before = received;
        for (let i = 0; i < 20 * POOL; i++) {
          await assert.rejects(http.send({ method: "GET", path: `/x\u0001${i}` }), (err: unknown) => {
            assert.ok(err instanceof BadRequestError, String(err));
            assert.match(err.message, /^EX GET \/x\\x01\d+ not sent: the path holds a control character/);
            return true;
          });
          await assert.rejects(
            http.send({ method: "GET", path: "/y", headers: { "ok-access-passphrase": "pa\nss" } }),
            /not sent: header ok-access-passphrase holds a control character/,
          );
        }
        assert.equal(received, before, "nothing reached the server");
        // Before the fix this request queued forever behind the lost slots.
        const res = await within(10_000, (signal) =>
          http.send({ method: "GET", path: "/fine", timeoutMs: 5_000, signal }),
        );
        assert.equal(res.status, 200);
        assert.equal(JSON.parse(res.text).path, "/fine");
      } finally {
        await http.close();
      }
    },
  );

  test(
    "a request undici refuses for a rule not checked beforehand gets a fresh pool",
    { timeout: 30_000 },
    async () => {
      const transport = createUndiciTransport({ connections: POOL });
      try {
        // undici refuses a non-numeric content-length itself (not one of the rules `unsendable` checks).
        const headers = { "content-length": "abc" };
        assert.equal(unsendable("/x", "GET", headers), undefined);
        for (let i = 0; i < 10 * POOL; i++) {
          await assert.rejects(
            transport.send({ url: `${base}/x`, method: "GET", headers, timeoutMs: 5_000 }),
            { code: "UND_ERR_INVALID_ARG" },
          );
        }
        const res = await within(10_000, (signal) =>
          transport.send({ url: `${base}/fine`, method: "GET", headers: {}, timeoutMs: 5_000, signal }),
        );
        assert.equal(res.status, 200);
      } finally {
        await transport.close();
      }
    },
  );
});
