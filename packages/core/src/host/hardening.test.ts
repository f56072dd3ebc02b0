import "reflect-metadata";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import type { CallContext } from "../adapter/call-context";
import { ExchangeAdapter } from "../adapter/exchange-adapter";
import { createLogger } from "../logging/logger";
import type { CreateOrderParams, InstrumentParams, IoParams, OrderIdParams } from "../protocol/params";
import type { Order, Ticker } from "../protocol/reply-types";
import { Exchange } from "../registry/exchange-registry";
import { MAX_BODY_DEPTH } from "./body-shape";
import { statusPortFor } from "./browser-ports";
import { waitFor } from "../test-support/wait-for";
import { Gateway } from "./gateway";

const SECRET = "hard-SECRET-value-7f3a";
const PASSPHRASE = "hard-PASS-phrase-9c1d";
const ACCESS = "hard-access-key-0123456789";

/** Counts what reached it, so a test can tell "refused before acting" from "acted". */
@Exchange("HARDTEST", { description: "hardening test double" })
class HardTestAdapter extends ExchangeAdapter {
  trades = 0;

  override async getTicker(ctx: CallContext, p: InstrumentParams): Promise<Ticker> {
    // An adapter that quotes caller text in its own log line (the call's logger must scrub it).
    ctx.logger.warn(`ticker for ${p.symbol.text} asked with ${ctx.credentials.secret}`);
    return { symbol: p.symbol.text, buy: 1, sell: 2, high: 3, low: 0.5, open: 1, last: 1.5, vol: 1, time: 1 };
  }

  override async createOrder(_ctx: CallContext, p: CreateOrderParams) {
    this.trades++;
    return { id: `${p.symbol.text},${this.trades}` };
  }

  override async getOrder(_ctx: CallContext, p: OrderIdParams): Promise<Order> {
    throw new Error(`no order ${p.id.text}`);
  }

  override async io(_ctx: CallContext, p: IoParams): Promise<unknown> {
    return { path: p.path };
  }
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: Record<string, unknown>;
}

function request(
  url: string,
  body: string | undefined,
  opts: { method?: string; headers?: Record<string, string>; path?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: opts.path ?? u.pathname,
        method: opts.method ?? "POST",
        headers: { "Content-Type": "text/plain", ...opts.headers },
        agent: false,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            json: JSON.parse(text) as Record<string, unknown>,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function envelope(method: string, params: unknown, keys: { access?: string; secret?: string } = {}): string {
  return JSON.stringify({
    access_key: keys.access ?? ACCESS,
    secret_key: keys.secret ?? `${SECRET},${PASSPHRASE}`,
    method,
    params,
  });
}

const TRADE = { symbol: "BTC_USDT", type: "buy", price: "-1", amount: "777" };

/** Lines a log stream received; each real entry starts with an ISO timestamp. */
function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString()));
  return { logger: createLogger({ level: "debug", stream }), stream, text: () => text };
}

describe("hostile input at the host", () => {
  let gw: Gateway;
  const log = capture();
  const record = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fmz-hard-")), "calls.jsonl");
  const adapter = () => gw.mounts.get("HARDTEST")?.adapter as HardTestAdapter;

  before(async () => {
    gw = await Gateway.start({
      port: 0,
      exchanges: { HARDTEST: { adapter: "HARDTEST" } },
      logger: log.logger,
      recordFile: record,
      allowOrigins: ["https://dashboard.example"],
      hostnames: ["gateway.internal", "198.51.100.4"],
    });
  });
  after(() => gw.close());

  test("a body nested thousands of levels deep is refused before the adapter runs, recorder on", async () => {
    const deep = "[".repeat(5000) + "]".repeat(5000);
    const body = `{"access_key":"${ACCESS}","secret_key":"${SECRET}","method":"trade","params":${JSON.stringify(TRADE)},"x":${deep}}`;
    const before = adapter().trades;
    const res = await request(`${gw.url}/HARDTEST`, body);
    assert.equal(res.status, 200);
    assert.match(
      String(res.json.error),
      new RegExp(`nested too deeply \\(more than ${MAX_BODY_DEPTH} levels`),
    );
    assert.equal(adapter().trades, before, "no order was placed");
    // The gateway keeps serving, and a normal trade is answered with data while recording.
    const ok = await request(`${gw.url}/HARDTEST`, envelope("trade", TRADE));
    assert.ok(ok.json.data, JSON.stringify(ok.json));
  });

  test("a body with too many values is refused before the adapter runs", async () => {
    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]));
    const before = adapter().trades;
    const res = await request(`${gw.url}/HARDTEST`, envelope("trade", { ...TRADE, ...wide }));
    assert.match(String(res.json.error), /too many fields/);
    assert.equal(adapter().trades, before);
  });

  test("a secret 20 levels deep in a non-secret field is redacted from the recording", async () => {
    let nested: unknown = { note: `copy of ${SECRET} and ${PASSPHRASE}` };
    for (let i = 0; i < 20; i++) nested = { [`level${i}`]: nested };
    await request(`${gw.url}/HARDTEST`, envelope("__api_/v1/echo", { nested }));
    await request(`${gw.url}/HARDTEST`, envelope("ticker", { symbol: "BTC_USDT", nested }));
    // The recorder's stream is asynchronous: wait until both lines are on disk.
    await waitFor(() => fs.readFileSync(record, "utf8").split("\n").length >= 4, {
      what: "both calls' lines in the recording",
    });
    const text = fs.readFileSync(record, "utf8");
    assert.match(text, /level19/);
    assert.ok(!text.includes(SECRET) && !text.includes(PASSPHRASE), "no secret in the recording");
  });

  test("a failure after the adapter acted never changes the reply", async () => {
    // The log's destination fails once: on the per-call line, written after the adapter acted.
    const realWrite = log.stream.write;
    log.stream.write = (() => {
      log.stream.write = realWrite;
      throw new Error("log sink broke");
    }) as typeof realWrite;
    try {
      const before = adapter().trades;
      const res = await request(`${gw.url}/HARDTEST`, envelope("trade", TRADE));
      assert.deepEqual(Object.keys(res.json), ["data"], JSON.stringify(res.json));
      assert.equal(adapter().trades, before + 1, "placed once");
    } finally {
      log.stream.write = realWrite;
    }
    assert.match(log.text(), /log failed after a call was answered: Error: log sink broke/);
  });

  test("a cross-site page's POST (any Origin) is refused with 403 before the adapter runs", async () => {
    const before = adapter().trades;
    for (const origin of ["https://evil.example", "null", `${gw.url}`]) {
      const res = await request(`${gw.url}/HARDTEST`, envelope("trade", TRADE), {
        headers: { Origin: origin },
      });
      assert.equal(res.status, 403, origin);
      assert.match(String(res.json.error), /requests from web pages are refused/);
      assert.equal(res.headers["x-content-type-options"], "nosniff");
    }
    assert.equal(adapter().trades, before);
    const allowed = await request(`${gw.url}/HARDTEST`, envelope("trade", TRADE), {
      headers: { Origin: "https://dashboard.example" },
    });
    assert.ok(allowed.json.data, "an origin listed in allowOrigins may call");
  });

  test("a foreign Host (DNS rebinding) is refused on calls and on /status.json; own names pass", async () => {
    for (const host of [
      "attacker.example",
      "attacker.example:6666",
      "127.0.0.1.attacker.example",
      "203.0.113.7:6666", // an address that is not this machine's
    ]) {
      const res = await request(`${gw.url}/status.json`, undefined, {
        method: "GET",
        headers: { Host: host },
      });
      assert.equal(res.status, 403, host);
      assert.match(String(res.json.error), /is not this gateway's name/);
      const call = await request(`${gw.url}/HARDTEST`, envelope("ticker", { symbol: "BTC_USDT" }), {
        headers: { Host: host },
      });
      assert.equal(call.status, 403, host);
    }
    const port = gw.address.port;
    const own = Object.values(os.networkInterfaces())
      .flat()
      .find((a) => a && !a.internal && a.family === "IPv4")?.address;
    const hosts = [
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      "gateway.internal",
      "198.51.100.4",
    ];
    for (const host of own ? [...hosts, `${own}:${port}`] : hosts) {
      const res = await request(`${gw.url}/status.json`, undefined, {
        method: "GET",
        headers: { Host: host },
      });
      assert.equal(res.status, 200, host);
    }
    // The page's own script reads /status.json with its own origin.
    const same = await request(`${gw.url}/status.json`, undefined, {
      method: "GET",
      headers: { Origin: gw.url },
    });
    assert.equal(same.status, 200);
  });

  test("every reply carries X-Content-Type-Options: nosniff", async () => {
    const res = await request(`${gw.url}/HARDTEST`, envelope("ticker", { symbol: "BTC_USDT" }));
    assert.equal(res.headers["x-content-type-options"], "nosniff");
  });

  test("a path that is not valid percent-encoding answers 400 with JSON, not an internal error", async () => {
    const res = await request(`${gw.url}/`, envelope("ticker", { symbol: "BTC_USDT" }), { path: "/SIM%ZZ" });
    assert.equal(res.status, 400);
    assert.match(String(res.json.error), /not valid percent-encoding/);
    assert.doesNotMatch(String(res.json.error), /internal error/);
  });

  test("CR/LF in the mount path, method, symbol or order id cannot forge a log line", async () => {
    const forged = "2026-01-01T00:00:00.000Z info FORGED";
    await request(`${gw.url}/`, envelope("ticker", { symbol: "BTC_USDT" }), {
      path: `/SIM%0d%0a${encodeURIComponent(forged)}`,
    });
    await request(`${gw.url}/HARDTEST`, envelope(`ticker\r\n${forged}`, { symbol: "BTC_USDT" }));
    await request(`${gw.url}/HARDTEST`, envelope("ticker", { symbol: `BTC_USDT\n${forged}` }));
    await request(
      `${gw.url}/HARDTEST`,
      envelope("order", { id: `BTC-USDT,1\r\n${forged}`, symbol: "BTC_USDT" }),
    );
    await request(`${gw.url}/HARDTEST`, envelope(`__api_/v1/x\n${forged}`, {}));
    const lines = log
      .text()
      .split("\n")
      .filter((l) => l !== "");
    for (const line of lines) {
      assert.match(line, /^\d{4}-\d\d-\d\dT[\d:.]+Z (error|warn|info|debug) /, `a real entry: ${line}`);
      assert.ok(!line.startsWith(forged), `forged line: ${line}`);
    }
    assert.ok(log.text().includes("\\n2026-01-01T00:00:00.000Z info FORGED"), "shown escaped");
  });

  test("a secret pasted into a mount path, a method name, an IO path or a symbol never reaches the log or the pages", async () => {
    await request(`${gw.url}/HARDTEST`, envelope(`ticker${SECRET}`, { symbol: "BTC_USDT" }));
    await request(`${gw.url}/HARDTEST`, envelope(`__api_/v1/${SECRET}/x`, {}));
    await request(`${gw.url}/HARDTEST`, envelope("ticker", { symbol: `${SECRET}_USDT` }));
    await request(`${gw.url}/HARDTEST`, envelope("ticker", { symbol: "BTC_USDT" }));
    await request(`${gw.url}/${PASSPHRASE}`, envelope("ticker", { symbol: "BTC_USDT" }));
    const text = log.text();
    assert.ok(text.includes("asked with ***"), "the adapter's own line is scrubbed");
    const shown = [
      await (await fetch(`${gw.url}/status.json`)).text(),
      await (await fetch(`${gw.url}/metrics`)).text(),
    ].join("\n");
    assert.ok(shown.includes("HARDTEST"), "the pages were read");
    for (const secret of [SECRET, PASSPHRASE, SECRET.toUpperCase()]) {
      assert.ok(!text.includes(secret), `log: ${secret}`);
      assert.ok(!shown.includes(secret), `status.json or metrics: ${secret}`);
    }
  });

  test("short keys show as distinct short hashes, never as their text nor all alike", async () => {
    await request(
      `${gw.url}/HARDTEST`,
      envelope("ticker", { symbol: "BTC_USDT" }, { access: "me", secret: "x" }),
    );
    await request(
      `${gw.url}/HARDTEST`,
      envelope("ticker", { symbol: "BTC_USDT" }, { access: "you", secret: "x" }),
    );
    const keys = [...log.text().matchAll(/HARDTEST ticker ok [\d.]+ms key=(\S+)/g)].map((m) => m[1]);
    const shortOnes = keys.filter((k) => k.startsWith("#"));
    assert.equal(new Set(shortOnes).size, 2, `two distinct hashes: ${keys.join(" ")}`);
    for (const k of shortOnes) assert.match(k, /^#[0-9a-f]{8}$/);
    // One key, one label: a redacted request logged again keeps the same short form.
    await request(`${gw.url}/HARDTEST`, envelope("tickr", {}, { access: "me", secret: "x" }));
    const warned = /unknown method "tickr" \{"request":\{"access_key":"([^"]+)"/.exec(log.text())?.[1];
    const called = /HARDTEST tickr error: .* key=(\S+)/.exec(log.text())?.[1];
    assert.ok(warned && called && warned === called, `${warned} = ${called}`);
    assert.equal(warned, shortOnes[0]);
  });

  test("a mistyped method gets a suggestion", async () => {
    const res = await request(`${gw.url}/HARDTEST`, envelope("tickr", { symbol: "BTC_USDT" }));
    assert.equal(res.json.error, 'invalid method: tickr (did you mean "ticker"?)');
    const far = await request(`${gw.url}/HARDTEST`, envelope("x".repeat(2000), {}));
    assert.match(String(far.json.error), /^invalid method: x{64}…\(2000 chars\)$/);
  });

  test("an envelope string or a symbol longer than any real one is refused, and not echoed in full", async () => {
    const huge = "k".repeat(200_000);
    const cases: [string, string, RegExp][] = [
      [
        "access key",
        envelope("ticker", { symbol: "BTC_USDT" }, { access: huge }),
        /"access_key" is too long/,
      ],
      [
        "secret key",
        envelope("ticker", { symbol: "BTC_USDT" }, { secret: huge }),
        /"secret_key" is too long/,
      ],
      ["method", envelope(huge, {}), /"method" is too long/],
      [
        "symbol",
        envelope("ticker", { symbol: `${huge}_USDT` }),
        /invalid symbol "k+"… \(200005 characters\): longer than 64/,
      ],
    ];
    for (const [name, body, expected] of cases) {
      const res = await request(`${gw.url}/HARDTEST`, body);
      assert.match(String(res.json.error), expected, name);
      assert.ok(String(res.json.error).length < 300, name);
    }
    assert.ok(!log.text().includes("k".repeat(1000)), "no huge caller text in the log");
  });
});

describe("slow callers", () => {
  test("a body trickled in slowly is cut off at the receive deadline (30 s)", async () => {
    const gw = await Gateway.start({
      port: 0,
      exchanges: { HARDTEST: { adapter: "HARDTEST" } },
      logger: capture().logger,
    });
    try {
      const socket = net.connect(gw.address.port, "127.0.0.1");
      await new Promise((r) => socket.once("connect", r));
      socket.write(
        `POST /HARDTEST HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
      );
      // One byte every 2 s would hold the socket for days; the server must close it on its own.
      const trickle = setInterval(() => socket.write(" "), 2_000);
      const started = Date.now();
      const reply = await new Promise<string>((resolve) => {
        let text = "";
        socket.on("data", (c: Buffer) => (text += c.toString()));
        socket.on("close", () => resolve(text));
        socket.on("error", () => undefined);
      });
      clearInterval(trickle);
      const seconds = (Date.now() - started) / 1000;
      // Generous bounds: the point is "closed by the server, well before minutes".
      assert.ok(seconds < 90, `closed after ${seconds} s`);
      assert.match(reply, /^HTTP\/1\.1 408|^$/);
    } finally {
      await gw.close(100);
    }
  });
});

describe("the status page's own port", () => {
  test("6666 (on browsers' blocked list) gets the page on 6680 by default; other ports keep it", () => {
    assert.equal(statusPortFor(6666, undefined), 6680);
    assert.equal(statusPortFor(6669, undefined), 6680);
    assert.equal(statusPortFor(8080, undefined), false);
    assert.equal(statusPortFor(0, undefined), false);
    assert.equal(statusPortFor(6666, false), false);
    assert.equal(statusPortFor(6666, 7000), 7000);
  });

  test("a taken status port stops the start with a clear error and leaves nothing listening", async () => {
    const holder = net.createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", r));
    const taken = (holder.address() as net.AddressInfo).port;
    const api = net.createServer();
    await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
    const apiPort = (api.address() as net.AddressInfo).port;
    await new Promise((r) => api.close(r));
    try {
      await assert.rejects(
        Gateway.start({
          port: apiPort,
          statusPort: taken,
          exchanges: { HARDTEST: { adapter: "HARDTEST" } },
          logger: capture().logger,
        }),
        new RegExp(`status page's port ${taken} on 127\\.0\\.0\\.1 is taken \\(EADDRINUSE\\)`),
      );
      // The API's port was let go: it can be had again.
      const again = net.createServer();
      await new Promise<void>((resolve, reject) => {
        again.once("error", reject);
        again.listen(apiPort, "127.0.0.1", () => resolve());
      });
      await new Promise((r) => again.close(r));
    } finally {
      await new Promise((r) => holder.close(r));
    }
  });

  test("the status listener serves the page, status and metrics, and refuses FMZ calls", async () => {
    const gw = await Gateway.start({
      port: 0,
      statusPort: 0,
      exchanges: { HARDTEST: { adapter: "HARDTEST" } },
      logger: capture().logger,
    });
    try {
      const page = gw.statusUrl;
      assert.ok(page && page !== gw.url);
      assert.equal((await fetch(`${page}/`)).status, 200);
      assert.equal((await fetch(`${page}/status.json`)).status, 200);
      assert.match(await (await fetch(`${page}/metrics`)).text(), /# HELP/);
      const call = await request(`${page}/HARDTEST`, envelope("ticker", { symbol: "BTC_USDT" }));
      assert.equal(call.status, 404);
      assert.match(String(call.json.error), /serves the status page/);
      const foreign = await request(`${page}/status.json`, undefined, {
        method: "GET",
        headers: { Host: "rebound.example" },
      });
      assert.equal(foreign.status, 403);
    } finally {
      await gw.close();
    }
  });
});
