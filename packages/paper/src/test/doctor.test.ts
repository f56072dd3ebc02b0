// `fmz-gateway doctor` on a paper mount whose market data comes from another mount that cannot reach its
// exchange: the paper row's fix points at that source mount's baseUrl, not at a baseUrl paper does not
// have. The source is a minimal adapter doing a real HTTP request to a port nothing listens on.
import "../index";
import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  type CallContext,
  ExchangeAdapter,
  HttpClient,
  type Markets,
  type ResultOf,
  registerExchange,
  runCli,
} from "@fmz-gateway/core";

interface SourceOptions {
  baseUrl: string;
}

/** An exchange adapter whose every public call goes to its `baseUrl`, as a real one's does. */
class UnreachableAdapter extends ExchangeAdapter<SourceOptions> {
  static readonly optionsSchema = {
    type: "object",
    required: ["baseUrl"],
    properties: { baseUrl: { type: "string" } },
  };

  override async getMarkets(ctx: CallContext<SourceOptions>): Promise<ResultOf<"getMarkets">> {
    const http = new HttpClient({ exchange: "REMOTE", baseUrl: ctx.options.baseUrl, timeoutMs: 2_000 });
    const res = await http.send({ method: "GET", path: "/markets", signal: ctx.signal });
    return JSON.parse(res.text) as Markets;
  }
}
registerExchange("REMOTE", UnreachableAdapter, { autoMount: false });

let dir: string;
let config: string;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-doctor-"));
  // A port that was free a moment ago: connecting to it is refused.
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  config = path.join(dir, "gateway.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      exchanges: {
        SRC: { adapter: "REMOTE", options: { baseUrl: `http://127.0.0.1:${port}` } },
        PAPER: { adapter: "PAPER", options: { source: "SRC", database: "paper.db" } },
      },
    }),
  );
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("doctor on a paper mount over an unreachable source: the fix names the source's baseUrl", async () => {
  const lines: string[] = [];
  let code: number | undefined;
  await runCli(["doctor", "--config", config], {
    out: (l) => lines.push(...l.split("\n")),
    err: (l) => lines.push(l),
    exitCode: (c) => (code = c),
  });
  const out = lines.join("\n");
  assert.equal(code, 1, out);
  assert.match(out, /✗ {2}SRC +markets +REMOTE network error .*\n +fix: check SRC's baseUrl in the config/);
  assert.match(
    out,
    /✗ {2}PAPER +markets +REMOTE network error .*\n +fix: PAPER's market data comes from mount SRC: check SRC's baseUrl in the config and that this machine reaches that exchange/,
  );
  assert.doesNotMatch(out, /PAPER's baseUrl/);
});
