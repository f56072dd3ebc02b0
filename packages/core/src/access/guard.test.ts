import "reflect-metadata";
import assert from "node:assert/strict";
import http, { type IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import os from "node:os";
import { PassThrough } from "node:stream";
import { after, describe, test } from "node:test";
import { Gateway } from "../host/gateway";
import { createLogger } from "../logging/logger";
import { runCli } from "../cli/run-cli";
import { AllowList } from "./allow-list";
import { BrowserPolicy } from "./browser-policy";
import { guardRequests } from "./guard";

function capture() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (c: Buffer) => (text += c.toString()));
  return { logger: createLogger({ level: "info", stream }), text: () => text };
}

/** GET over a real socket, from `localAddress` when given. */
function get(url: string, localAddress?: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { localAddress, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(body) as Record<string, unknown> }),
      );
    });
    req.on("error", reject);
  });
}

/** This machine's first non-loopback IPv4 address, if it has one (a container's eth0). */
function externalAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces()))
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return undefined;
}

describe("who may call", () => {
  const started: Gateway[] = [];
  after(async () => {
    for (const gw of started) await gw.close();
  });

  test("a caller outside the list gets HTTP 403 with {error} and a warning, once per address a minute", async () => {
    const log = capture();
    let served = 0;
    const handler = guardRequests(
      () => served++,
      new AllowList(["10.1.0.0/16"]),
      new BrowserPolicy(),
      log.logger,
    );
    const answer = (remoteAddress: string) => {
      const socket = new Socket();
      Object.defineProperty(socket, "remoteAddress", { value: remoteAddress });
      const req = { socket, method: "POST", url: "/OKX?x=1", headers: {} } as unknown as IncomingMessage;
      const res = new ServerResponse(req);
      let head = "";
      let body = "";
      res.writeHead = ((status: number) => ((head = String(status)), res)) as typeof res.writeHead;
      res.end = ((chunk: string) => ((body = chunk), res)) as typeof res.end;
      handler(req, res);
      return { head, body };
    };
    const refused = answer("203.0.113.9");
    assert.equal(refused.head, "403");
    assert.match(
      String((JSON.parse(refused.body) as { error: string }).error),
      /^forbidden: 203\.0\.113\.9 may not call/,
    );
    answer("203.0.113.9");
    assert.equal(served, 0);
    answer("10.1.4.4");
    answer("::ffff:127.0.0.1");
    assert.equal(served, 2, "the listed range and loopback are served");
    await new Promise((r) => setImmediate(r));
    const warnings = log
      .text()
      .split("\n")
      .filter((l) => l.includes("refused"));
    assert.equal(warnings.length, 1, log.text());
    assert.match(
      warnings[0],
      /warn refused POST \/OKX from 203\.0\.113\.9: not loopback and not in the allow list/,
    );
  });

  test("every loopback address is served (127.0.0.0/8 is loopback)", async () => {
    const gw = await Gateway.start({ port: 0, exchanges: {}, logger: capture().logger });
    started.push(gw);
    const res = await get(`${gw.url}/health`, "127.0.0.2");
    assert.equal(res.status, 200);
    assert.equal(res.json.status, "ok");
  });

  const external = externalAddress();
  test(
    "a real request from a non-loopback address is refused unless listed",
    { skip: !external && "this machine has no non-loopback IPv4 address" },
    async () => {
      const log = capture();
      const host = external as string;
      const gw = await Gateway.start({
        host,
        port: 0,
        exchanges: {},
        // A documentation range that cannot hold this machine's own address (the host may sit in any
        // of them, as 192.0.2.2 does on some CI machines).
        allow: [host.startsWith("198.51.100.") ? "203.0.113.0/24" : "198.51.100.0/24"],
        logger: log.logger,
      });
      started.push(gw);
      // Connecting to our own interface address sends from it: the gateway sees a non-loopback caller.
      const refused = await get(`${gw.url}/health`, host);
      assert.equal(refused.status, 403);
      assert.match(
        String(refused.json.error),
        new RegExp(`^forbidden: ${host.replace(/\./g, "\\.")} may not call`),
      );
      await new Promise((r) => setImmediate(r));
      assert.match(log.text(), /warn refused GET \/health from/);

      const open = await Gateway.start({
        host,
        port: 0,
        exchanges: {},
        allow: [`${host}/32`],
        logger: log.logger,
      });
      started.push(open);
      assert.equal((await get(`${open.url}/health`, host)).status, 200);
    },
  );

  test("binding beyond loopback without `allow` is refused at start, from the CLI too", async () => {
    await assert.rejects(
      Gateway.start({ host: "0.0.0.0", port: 0, exchanges: {}, logger: capture().logger }),
      /^Error: refusing to listen on 0\.0\.0\.0 without an allow list: .*--allow ADDRESS/,
    );
    const io = { out: () => undefined, err: () => undefined, logStream: new PassThrough() };
    await assert.rejects(
      runCli(["--host", "0.0.0.0", "--port", "0"], io),
      /refusing to listen on 0\.0\.0\.0/,
    );
    await assert.rejects(
      runCli(["--allow", "not-an-ip", "--port", "0"], io),
      /allow: "not-an-ip" is not an IP address/,
    );
    const lines: string[] = [];
    const gw = await runCli(["--allow", "10.0.0.0/8", "--allow", "fd00::/8", "--port", "0"], {
      ...io,
      out: (l) => lines.push(l),
    });
    assert.ok(gw);
    started.push(gw);
    assert.ok(lines.includes("  also serving callers from 10.0.0.0/8, fd00::/8"), lines.join("\n"));
  });
});
