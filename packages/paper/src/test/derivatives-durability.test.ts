// SIGKILL and restart keep the derivatives state: long/short positions, leverage, pending closes and
// their frozen amounts, a liquidation's forced order, and the ledger. The gateway runs as a real process
// (as `npm start` does); its market is the OKX stand-in in this process, which the test moves.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { startOkxStandin } from "@fmz-gateway/okx-standin";
import { DockerClient } from "@fmz-gateway/testkit";
import { okxMountOptions } from "./okx-source";
import { type GatewayProcess, startGatewayProcess } from "./process";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-kill-derivatives-"));
let running: GatewayProcess | undefined;
const standin = startOkxStandin({ port: 0 });
after(async () => {
  running?.child.kill("SIGKILL");
  await (await standin).close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("derivatives durability", () => {
  it("positions of both sides, leverage, pending closes, a liquidation and the ledger survive SIGKILL", async () => {
    const okx = await standin;
    const config = path.join(dir, "fmz-gateway.json");
    const options = { source: "OKX_SWAP", market: "swap", checkIntervalMs: 3_600_000 };
    fs.writeFileSync(
      config,
      JSON.stringify({
        plugins: [path.resolve(__dirname, "../index.js"), require.resolve("@fmz-gateway/okx")],
        exchanges: {
          OKX_SWAP: { adapter: "OKX", options: { ...okxMountOptions(okx.url), market: "swap" } },
          PAPER_SWAP: { adapter: "PAPER", options },
          PAPER_HEDGE: { adapter: "PAPER", options: { ...options, positionMode: "long_short" } },
        },
      }),
    );
    okx.setTicker("BTC-USDT-SWAP", { last: "60000" });
    running = await startGatewayProcess(config);
    const client = (url: string) =>
      new DockerClient({
        baseUrl: url,
        exchange: "PAPER_HEDGE",
        accessKey: "survivor",
        secretKey: "x",
        timeoutMs: 10_000,
      });
    let hedge = client(running.url);
    let net = hedge.with({ exchange: "PAPER_SWAP" });
    const swap = { symbol: "BTC_USDT.swap" };
    await hedge.data("marginlevel", { ...swap, marginLevel: 20 });
    await hedge.data("trade", { ...swap, type: "buy", price: -1, amount: 5 });
    await hedge.data("trade", { ...swap, type: "sell", price: -1, amount: 3 });
    await hedge.data("trade", { ...swap, type: "closebuy", price: "90000", amount: 2 });
    await net.data("marginlevel", { ...swap, marginLevel: 100 });
    await net.data("trade", { ...swap, type: "buy", price: -1, amount: 10 });
    okx.setTicker("BTC-USDT-SWAP", { last: "59000" });

    const snapshot = async () =>
      Object.fromEntries(
        await Promise.all(
          (
            [
              ["PAPER_HEDGE", hedge],
              ["PAPER_SWAP", net],
            ] as const
          ).flatMap(([name, c]) =>
            (
              [
                ["positions", swap],
                ["orders", swap],
                ["historyorders", swap],
                ["accounts", {}],
              ] as const
            ).map(async ([method, params]) => [`${name} ${method}`, await c.data(method, params)]),
          ),
        ),
      );
    const ledgers = async () => [
      (await hedge.io("GET", "/paper/ledger")).data,
      (await net.io("GET", "/paper/ledger")).data,
    ];
    const before = await snapshot();
    const ledgerBefore = await ledgers();
    assert.deepEqual(before["PAPER_SWAP positions"], [], "the 100x long was liquidated");
    assert.equal(
      (before["PAPER_SWAP historyorders"] as Array<{ liquidation?: boolean }>)[0].liquidation,
      true,
    );
    const sides = (
      before["PAPER_HEDGE positions"] as Array<{ type: number; amount: number; frozen_amount: number }>
    )
      .map((p) => [p.type, p.amount, p.frozen_amount])
      .sort();
    assert.deepEqual(sides, [
      [0, 5, 2],
      [1, 3, 0],
    ]);

    running.child.kill("SIGKILL");
    await new Promise((resolve) => running?.child.once("exit", resolve));
    running = await startGatewayProcess(config);
    hedge = client(running.url);
    net = hedge.with({ exchange: "PAPER_SWAP" });
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(await ledgers(), ledgerBefore);
    // And it trades on from there: the short closes with its own direction.
    await hedge.data("trade", { ...swap, type: "closesell", price: -1, amount: 3 });
    const left = await hedge.data<Array<{ type: number }>>("positions", swap);
    assert.deepEqual(
      left.map((p) => p.type),
      [0],
    );
  });
});
