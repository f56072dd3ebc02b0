import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { ExchangeError } from "../errors/gateway-errors";
import { HttpClient, HttpTimeoutError, HttpTransportError, parseJsonBody } from "./http-client";

for (const transport of ["undici", "node-http"] as const)
  describe(`HttpClient over ${transport}`, () => {
    let server: http.Server;
    let base = "";
    const sockets = new Set<unknown>();
    const seen: Array<{ method: string; url: string; body: string; headers: http.IncomingHttpHeaders }> = [];

    before(async () => {
      server = http.createServer((req, res) => {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          seen.push({ method: req.method ?? "", url: req.url ?? "", body, headers: req.headers });
          sockets.add(req.socket);
          if (req.url?.startsWith("/hang")) return; // never answers
          if (req.url?.startsWith("/drop")) return req.socket.destroy();
          if (req.url?.startsWith("/html")) {
            res.writeHead(502, { "Content-Type": "text/html" });
            return res.end("<html><body>Bad Gateway</body></html>");
          }
          res.writeHead(req.url?.startsWith("/error") ? 400 : 200, { "Content-Type": "application/json" });
          res.end(`{"code":"0","data":[{"px":"0.30000000000000000001"}]}`);
        });
      });
      server.listen(0, "127.0.0.1");
      await new Promise((r) => server.once("listening", r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => {
      server.closeAllConnections();
      server.close();
    });

    test("sends the exact path and body bytes, and keeps the connection alive", async () => {
      const client = new HttpClient({
        exchange: "X",
        baseUrl: base + "/",
        timeoutMs: 1000,
        transport,
      });
      const body = '{"sz":"0.3","px":"100.10"}';
      const res = await client.send({
        method: "POST",
        path: "/api/v5/trade/order?a=1&b=%20",
        body,
        headers: { "X-Sign": "abc" },
      });
      assert.equal(res.status, 200);
      assert.equal(seen.at(-1)?.url, "/api/v5/trade/order?a=1&b=%20");
      assert.equal(seen.at(-1)?.body, body);
      assert.equal(seen.at(-1)?.headers["x-sign"], "abc");
      // The body stays text, so decimals beyond float precision survive until the adapter reads them.
      assert.equal(res.text, `{"code":"0","data":[{"px":"0.30000000000000000001"}]}`);
      const before = sockets.size;
      for (let n = 0; n < 10; n++) await client.send({ method: "GET", path: "/again" });
      // Ten requests, at most one more connection (undici may open a second right after a POST).
      assert.ok(sockets.size <= before + 1, `${sockets.size - before} new connections for 10 requests`);
    });

    test("HTTP error statuses are returned for the adapter to map, not thrown", async () => {
      const client = new HttpClient({ exchange: "X", baseUrl: base, transport });
      const res = await client.send({ method: "GET", path: "/error" });
      assert.equal(res.status, 400);
    });

    test("a silent exchange is a timeout error that says the request may have been executed", async () => {
      const client = new HttpClient({ exchange: "OKX", baseUrl: base, timeoutMs: 100, transport });
      await assert.rejects(
        client.send({ method: "POST", path: "/hang?secret=x", body: "{}" }),
        (err: unknown) => {
          assert.ok(err instanceof HttpTimeoutError);
          assert.equal(err.mayHaveBeenSent, true);
          assert.equal(err.message, "OKX did not answer POST /hang within 100 ms");
          return true;
        },
      );
    });

    test("an abort signal ends the request", async () => {
      const client = new HttpClient({ exchange: "OKX", baseUrl: base, timeoutMs: 10_000, transport });
      const controller = new AbortController();
      const pending = client.send({ method: "GET", path: "/hang", signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await assert.rejects(pending, HttpTimeoutError);
    });

    test("a dropped connection may have been executed; a refused one was not", async () => {
      const client = new HttpClient({ exchange: "OKX", baseUrl: base, transport });
      await assert.rejects(client.send({ method: "POST", path: "/drop", body: "{}" }), (err: unknown) => {
        assert.ok(err instanceof HttpTransportError);
        assert.equal(err.mayHaveBeenSent, true);
        assert.match(err.message, /^OKX network error on POST \/drop: /);
        return true;
      });
      const closed = http.createServer();
      closed.listen(0, "127.0.0.1");
      await new Promise((r) => closed.once("listening", r));
      const port = (closed.address() as AddressInfo).port;
      closed.close();
      const refused = new HttpClient({ exchange: "OKX", baseUrl: `http://127.0.0.1:${port}`, transport });
      await assert.rejects(refused.send({ method: "GET", path: "/" }), (err: unknown) => {
        assert.ok(err instanceof HttpTransportError);
        assert.equal(err.mayHaveBeenSent, false);
        assert.match(err.message, /ECONNREFUSED/);
        return true;
      });
    });

    test("a body that is not JSON becomes an exchange error quoting the status and the body", async () => {
      const client = new HttpClient({ exchange: "OKX", baseUrl: base, transport });
      const res = await client.send({ method: "GET", path: "/html" });
      assert.throws(
        () => parseJsonBody(res, "OKX"),
        (err: unknown) => {
          assert.ok(err instanceof ExchangeError);
          assert.equal(
            err.message,
            "OKX HTTP 502: unreadable response (not JSON): <html><body>Bad Gateway</body></html>",
          );
          return true;
        },
      );
    });
  });
