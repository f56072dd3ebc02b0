// The conformance suite against a copy of the adapter `fmz-gateway new-adapter` generates, with each
// money defect planted in it: the clean copy passes, and every defect is reported in the words the
// catalogue (planted-defects.ts) gives. The copy is generated outside the repository, its node_modules
// linked to the workspace's core and testkit, built once with the project's TypeScript; each defect is
// switched on in turn (FMZ_PLANTED_DEFECT), so one build serves them all.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { Gateway, silentLogger } from "@fmz-gateway/core";
import { PLANTED_DEFECTS, type PlantedDefect, defectMissed } from "./planted-defects";
import { runConformance } from "./run-conformance";
import type { ConformanceTarget } from "./types";
// Core's helper for a generated package in this repository (test support, reached in the workspace).
import {
  REPO_ROOT,
  TSC,
  linkWorkspaceModules,
} from "../../../core/dist/cli/new-adapter/test-support/workspace-links";

const run = promisify(execFile);
const CLI = path.join(REPO_ROOT, "packages", "core", "dist", "cli", "main.js");
const NAME = "PLANT-X";

/** One edit of a generated file: `find` must occur exactly once; `replace` plants the defect behind its switch. */
interface Plant {
  file: string;
  find: string;
  replace: (on: string) => string;
}

/** `on` is the switch: `planted("name")`. Each edit keeps the clean code as the other branch. */
const PLANTS: Record<PlantedDefect, Plant[]> = {
  "order-symbol-exchange-format": [
    {
      file: "trading.ts",
      find: "  call.ctx.setRaw(o);\n  return toOrder(o);",
      replace: (on) =>
        `  call.ctx.setRaw(o);\n  return ${on} ? { ...toOrder(o), symbol: o.symbol } : toOrder(o);`,
    },
  ],
  "orders-symbol-exchange-format": [
    {
      file: "trading.ts",
      find: "  call.ctx.setRaw(list);\n  return list.map(toOrder);\n}\n\n/** `historyorders`",
      replace: (on) =>
        `  call.ctx.setRaw(list);\n  return list.map((o) => (${on} ? { ...toOrder(o), symbol: o.symbol } : toOrder(o)));\n}\n\n/** \`historyorders\``,
    },
  ],
  "price-unrounded": [
    {
      file: "order-sizing.ts",
      find: 'const price = round(p.price, inst.tickSize, "nearest");',
      replace: (on) => `const price = ${on} ? p.price : round(p.price, inst.tickSize, "nearest");`,
    },
  ],
  "amount-unrounded": [
    {
      file: "order-sizing.ts",
      find: 'const qty = round(p.amount, inst.lotSize, "down");',
      replace: (on) => `const qty = ${on} ? p.amount : round(p.amount, inst.lotSize, "down");`,
    },
  ],
  "amount-rounded-up": [
    {
      // The same line as amount-unrounded's, after its edit: only the rounding mode is switched here.
      file: "order-sizing.ts",
      find: 'round(p.amount, inst.lotSize, "down")',
      replace: (on) => `round(p.amount, inst.lotSize, ${on} ? "up" : "down")`,
    },
  ],
  "no-minimum-check": [
    {
      file: "order-sizing.ts",
      find: "  atLeast(qty, inst.minQty,",
      replace: (on) => `  if (!${on}) atLeast(qty, inst.minQty,`,
    },
  ],
  "market-buy-in-base": [
    {
      file: "order-sizing.ts",
      find: 'return { symbol: inst.symbol, side: "buy", type: "market", quoteQty };',
      replace: (on) =>
        `return ${on} ? { symbol: inst.symbol, side: "buy", type: "market", qty: quoteQty } : { symbol: inst.symbol, side: "buy", type: "market", quoteQty };`,
    },
  ],
  "market-sell-in-quote": [
    {
      file: "order-sizing.ts",
      find: 'if (p.orderType === "market") return { symbol: inst.symbol, side: p.side, type: "market", qty };',
      replace: (on) =>
        `if (p.orderType === "market") return ${on} && p.side === "sell" ? { symbol: inst.symbol, side: p.side, type: "market", quoteQty: qty } : { symbol: inst.symbol, side: p.side, type: "market", qty };`,
    },
  ],
  "deal-amount-from-request": [
    {
      file: "trading.ts",
      find: "deal_amount: toNumber(o.filledQty),",
      replace: (on) => `deal_amount: toNumber(${on} ? o.qty : o.filledQty),`,
    },
  ],
  "avg-price-from-request": [
    {
      file: "trading.ts",
      find: "avg_price: toNumber(o.avgPrice),",
      replace: (on) => `avg_price: toNumber(${on} ? o.price : o.avgPrice),`,
    },
  ],
  "ticker-time-in-seconds": [
    {
      file: "market-data.ts",
      find: "    vol: toNumber(t.volume24h),\n    time: t.ts,",
      replace: (on) => `    vol: toNumber(t.volume24h),\n    time: ${on} ? Math.floor(t.ts / 1000) : t.ts,`,
    },
  ],
  "plain-error-for-unsupported": [
    {
      file: "contracts.ts",
      find: '  throw new NotSupportedError(wireName("getPositions"), SPOT_ONLY);',
      replace: (on) =>
        `  if (${on}) throw new Error("positions are unsupported on this exchange");\n  throw new NotSupportedError(wireName("getPositions"), SPOT_ONLY);`,
    },
  ],
};

const SWITCH = `import { planted } from "./planted";\n`;

/** Plants every defect behind its switch in the generated package's src/. */
function plantAll(src: string): void {
  fs.writeFileSync(
    path.join(src, "planted.ts"),
    "/** The defect the test has switched on, if any. */\nexport const planted = (defect: string): boolean => process.env.FMZ_PLANTED_DEFECT === defect;\n",
  );
  const edited = new Map<string, string>();
  for (const [defect, plants] of Object.entries(PLANTS)) {
    for (const p of plants) {
      const file = path.join(src, p.file);
      const text = edited.get(file) ?? fs.readFileSync(file, "utf8");
      const at = text.indexOf(p.find);
      assert.ok(
        at >= 0 && text.indexOf(p.find, at + 1) < 0,
        `${p.file}: "${p.find}" occurs once (the template changed?)`,
      );
      edited.set(file, text.replace(p.find, p.replace(`planted(${JSON.stringify(defect)})`)));
    }
  }
  for (const [file, text] of edited) fs.writeFileSync(file, SWITCH + text);
}

describe("the conformance suite catches each money defect planted in a generated adapter", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-planted-"));
  const dir = path.join(tmp, "plant-x");
  let gateway: Gateway | undefined;
  let standin: { url: string; close(): Promise<void> } | undefined;
  let target: ConformanceTarget;

  before(async () => {
    await run(process.execPath, [CLI, "new-adapter", "Plant-X", "--dir", dir], { timeout: 60_000 });
    linkWorkspaceModules(dir);
    plantAll(path.join(dir, "src"));
    await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, timeout: 120_000 });
    // The copy's core is this process's core (both resolve to packages/core): loading it registers PLANT-X.
    // A package built a moment ago, found by its path: require is the way to load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(dir, "dist", "index.js"));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const server = require(path.join(dir, "dist", "standin", "server.js")) as {
      startStandin(): Promise<{ url: string; close(): Promise<void> }>;
      DEFAULT_ACCOUNT: { key: string; secret: string };
    };
    standin = await server.startStandin();
    gateway = await Gateway.start({
      port: 0,
      logger: silentLogger(),
      exchanges: { [NAME]: { adapter: NAME, options: { baseUrl: standin.url } } },
    });
    target = {
      baseUrl: gateway.url,
      exchange: NAME,
      accessKey: server.DEFAULT_ACCOUNT.key,
      secretKey: server.DEFAULT_ACCOUNT.secret,
      symbol: "BTC_USDT",
      order: { price: "30000", amount: "0.001", side: "buy" },
      orderLog: `${standin.url}/_standin/orders`,
      marketOrders: { buyQuote: "100", sellBase: "0.001" },
    };
  });
  after(async () => {
    delete process.env.FMZ_PLANTED_DEFECT;
    await gateway?.close();
    await standin?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("the clean copy passes: every method correct, or not supported where it is spot-only", async () => {
    delete process.env.FMZ_PLANTED_DEFECT;
    const reports = await runConformance(target);
    const bad = reports.filter((r) => r.verdict === "wrong" || r.verdict === "skipped");
    assert.deepEqual(bad, []);
  });

  for (const defect of Object.keys(PLANTED_DEFECTS) as PlantedDefect[]) {
    it(`catches ${defect}`, async () => {
      process.env.FMZ_PLANTED_DEFECT = defect;
      try {
        const missed = defectMissed(await runConformance(target), defect);
        assert.equal(missed, undefined, missed);
      } finally {
        delete process.env.FMZ_PLANTED_DEFECT;
      }
    });
  }
});
