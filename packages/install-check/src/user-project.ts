import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { cleanNpmEnv } from "./workspaces";

const run = promisify(execFile);

/**
 * A user's own adapter, in plain JavaScript, as the README tells them to write one: `require` core,
 * extend `ExchangeAdapter`, register it by name (no decorator syntax). It reads its exchange's REST API
 * (here the stand-in's OKX ticker, at the mount's `baseUrl`), so its answer proves a real round trip.
 */
export const USER_ADAPTER = `const { ExchangeAdapter, ExchangeError, registerExchange } = require("@fmz-gateway/core");

class MyAdapter extends ExchangeAdapter {
  async getTicker(ctx, params) {
    const instId = params.symbol.base + "-" + params.symbol.quote;
    const res = await fetch(ctx.options.baseUrl + "/api/v5/market/ticker?instId=" + instId, { signal: ctx.signal });
    const body = await res.json();
    if (body.code !== "0") throw new ExchangeError("MYEX", body.code, body.msg);
    const t = body.data[0];
    return {
      symbol: params.symbol.text,
      buy: Number(t.bidPx), sell: Number(t.askPx), high: Number(t.high24h), low: Number(t.low24h),
      open: Number(t.open24h), last: Number(t.last), vol: Number(t.vol24h), time: Number(t.ts),
    };
  }
}
MyAdapter.optionsSchema = {
  type: "object",
  required: ["baseUrl"],
  additionalProperties: false,
  properties: { baseUrl: { type: "string" } },
};
registerExchange("MYEX", MyAdapter, { description: "my own exchange, in plain JavaScript" });
`;

/** A fresh npm project in `dir` (outside the repository) with the tarballs installed, as a user would. */
export async function createUserProject(dir: string, tarballs: readonly string[]): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "my-fmz-project", version: "1.0.0", private: true }, null, 2),
  );
  await npmInstall(dir, tarballs);
  fs.writeFileSync(path.join(dir, "my-adapter.js"), USER_ADAPTER);
}

/**
 * `npm install` of the tarballs (and what their manifests need) in `dir`, from npm's cache where it can
 * (`npm ci` filled it). Install scripts are skipped: the only one among the dependencies is
 * better-sqlite3's native build, which would download a binary from GitHub, and nothing here opens a
 * database.
 */
export async function npmInstall(dir: string, tarballs: readonly string[]): Promise<void> {
  await run(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel",
      "error",
      ...tarballs,
    ],
    { cwd: dir, env: cleanNpmEnv(), maxBuffer: 64 << 20 },
  );
}

/** Every copy of a package under the project's node_modules (more than one means a split registry). */
export function copiesOf(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    if (fs.existsSync(path.join(modules, name, "package.json"))) found.push(path.join(modules, name));
    for (const entry of fs.readdirSync(modules)) {
      const scoped = entry.startsWith("@")
        ? fs.readdirSync(path.join(modules, entry)).map((e) => path.join(entry, e))
        : [entry];
      for (const pkg of scoped) walk(path.join(modules, pkg, "node_modules"));
    }
  };
  walk(path.join(dir, "node_modules"));
  return found;
}
