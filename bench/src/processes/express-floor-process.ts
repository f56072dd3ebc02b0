import { wireName } from "@fmz-gateway/core";
import express from "express";
import { FIXED_TICKER } from "./fixed-ticker";
import { send, serveParent } from "./ipc";

const TICKER = wireName("getTicker");

/** The fixed ticker the floor answers: the shape and size of the gateway's own ticker reply. */
const REPLY = JSON.stringify({ data: { symbol: "BTC_USDT", ...FIXED_TICKER, time: 0 } });

/**
 * The framework's floor: bare Express 5 answering the gateway's POST with a fixed ticker and no
 * upstream call. It reads and parses the body as any host must, and writes the reply in one piece, as
 * the gateway does; everything the gateway costs above this row is its own.
 */
async function main(): Promise<void> {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.post("/:exName", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { method?: string };
      const reply = body.method === TICKER ? REPLY : '{"error":"floor answers ticker only"}';
      res.writeHead(200, {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Length": Buffer.byteLength(reply),
      });
      res.end(reply);
    });
  });
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  server.keepAliveTimeout = 65_000;
  const addr = server.address();
  const port = typeof addr === "object" && addr ? addr.port : 0;
  serveParent(() => new Promise<void>((resolve) => server.close(() => resolve())));
  send({ type: "ready", url: `http://127.0.0.1:${port}` });
}

main().catch((err: unknown) => send({ type: "error", message: String(err) }));
