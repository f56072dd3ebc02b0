import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { WebSocketServer, type WebSocket } from "ws";
import { silentLogger } from "../logging/logger";
import { waitFor } from "../test-support/wait-for";
import { WsConnection, type WsConnectionOptions } from "./ws-connection";

let server: WebSocketServer;
let url: string;
const sockets: WebSocket[] = [];
const received: string[] = [];
let answerPings = true;

before(async () => {
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((r) => server.once("listening", () => r()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  server.on("connection", (s) => {
    sockets.push(s);
    s.on("message", (d) => {
      const text = d.toString();
      received.push(text);
      if (text === "ping" && answerPings) s.send("pong");
      if (text === "echo") s.send("hello");
    });
  });
});
after(async () => {
  for (const s of sockets) s.terminate();
  await new Promise<void>((r) => server.close(() => r()));
});

/** A connection logging its events into `events`; `more` replaces or adds options. */
function connection(events: string[], more: Partial<WsConnectionOptions> = {}) {
  return new WsConnection({
    url,
    name: "test",
    logger: silentLogger(),
    pingAfterMs: 30,
    pongTimeoutMs: 60,
    pingText: "ping",
    isPong: (t) => t === "pong",
    backoff: { initialMs: 10, maxMs: 40 },
    onOpen: () => events.push("open"),
    onMessage: (t) => events.push(`msg ${t}`),
    onDown: (why) => events.push(`down ${why}`),
    ...more,
  });
}

describe("WsConnection", () => {
  it("connects, delivers messages, pings when quiet and keeps the pong to itself", async () => {
    const events: string[] = [];
    const c = connection(events);
    c.start();
    await waitFor(() => c.isOpen, { what: "the socket open" });
    assert.ok(c.send("echo"));
    await waitFor(() => events.includes("msg hello"), { what: "the echoed message" });
    await waitFor(() => received.filter((t) => t === "ping").length >= 2, { what: "two keepalive pings" });
    assert.ok(!events.some((e) => e.includes("pong")));
    assert.ok(!events.some((e) => e.startsWith("down")), "answered pings keep it up");
    c.stop();
    assert.equal(c.isOpen, false);
  });

  it("drops a socket whose keepalive goes unanswered, then reconnects", async () => {
    const events: string[] = [];
    const c = connection(events);
    const before = sockets.length;
    answerPings = false;
    c.start();
    await waitFor(() => events.some((e) => e === "down keepalive not answered in time"), {
      what: "the unanswered keepalive noticed",
    });
    answerPings = true;
    await waitFor(() => sockets.length >= before + 2 && c.isOpen, { what: "a reconnect" });
    assert.equal(events.filter((e) => e === "open").length >= 2, true);
    c.stop();
  });

  it("markHealthy: a socket never marked healthy (its login unanswered) is dropped and retried; one marked stays", async () => {
    const events: string[] = [];
    let mark = false;
    const c = connection(events, {
      healthyOn: "markHealthy",
      readyTimeoutMs: 150,
      onOpen: () => {
        events.push("open");
        if (mark) c.markHealthy();
      },
    });
    c.start();
    // Keepalives are answered all along: only the missing "ready" brings it down.
    await waitFor(() => events.filter((e) => e === "open").length >= 2, { what: "a retry after no ready" });
    assert.ok(
      events.includes("down not ready in time (no answer to the login or subscription)"),
      events.join(),
    );
    assert.ok(!events.some((e) => e.includes("keepalive")), events.join());
    mark = true;
    const opened = events.filter((e) => e === "open").length;
    await waitFor(() => events.filter((e) => e === "open").length > opened, { what: "a healthy connection" });
    const downs = events.filter((e) => e.startsWith("down")).length;
    await new Promise((r) => setTimeout(r, 450)); // three ready windows
    assert.equal(events.filter((e) => e.startsWith("down")).length, downs, "a healthy socket is kept");
    c.stop();
  });

  it("reconnects after the server closes the socket, and stays down after stop()", async () => {
    const events: string[] = [];
    const c = connection(events);
    c.start();
    await waitFor(() => c.isOpen, { what: "the socket open" });
    sockets.at(-1)?.close(4004, "No data received in 30s");
    await waitFor(() => events.some((e) => e.startsWith("down closed 4004")), { what: "the close noticed" });
    await waitFor(() => events.filter((e) => e === "open").length === 2 && c.isOpen, {
      what: "the second open",
    });
    c.stop();
    const count = sockets.length;
    // Proving that nothing happens takes a window: this one spans several backoff periods (10-40 ms).
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(sockets.length, count, "no reconnect after stop");
  });
});
