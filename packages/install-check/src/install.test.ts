// The README's promise, checked on every test run: `npm i @fmz-gateway/core @fmz-gateway/okx` in a
// project of one's own gives a working `fmz-gateway` that loads the published OKX adapter and a
// plain-JavaScript adapter of the user's, and the tarballs hold what a user needs and nothing else.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { type OkxStandin, startOkxStandin } from "@fmz-gateway/okx-standin";
import { type GatewayProcess, installedBin, startInstalledGateway } from "./gateway-process";
import { danglingRequires } from "./local-requires";
import { FOR_USERS, NOT_FOR_USERS, SCAFFOLD_TEMPLATES, type Tarball, packWorkspaces } from "./pack";
import { compileGuide, npmStart, npmTest, scaffoldAdapter } from "./scaffolded-adapter";
import { copiesOf, createUserProject } from "./user-project";
import { REPO_ROOT, cleanNpmEnv, publishableWorkspaces } from "./workspaces";

const run = promisify(execFile);
const LAST = "43210.5";
/** The published adapters and the user's own JavaScript one, as a user passes them. */
const PLUGINS = [
  "--plugin",
  "@fmz-gateway/okx",
  "--plugin",
  "@fmz-gateway/ccxt",
  "--plugin",
  "./my-adapter.js",
];

/** The installed `fmz-gateway doctor ARGS`, run in the project: its table and exit code. */
async function doctor(project: string, args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(installedBin(project), ["doctor", ...args], { cwd: project });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

async function ticker(url: string, mount: string): Promise<{ data?: { last: number }; error?: string }> {
  const res = await fetch(`${url}/${mount}`, {
    method: "POST",
    body: JSON.stringify({
      access_key: "",
      secret_key: "",
      method: "ticker",
      params: { symbol: "BTC_USDT" },
    }),
  });
  return (await res.json()) as { data?: { last: number }; error?: string };
}

describe("installable as the README says", () => {
  // Outside the repository, so nothing resolves through the workspace's node_modules.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-install-"));
  const project = path.join(tmp, "my-fmz-project");
  const timings: string[] = [];
  let tarballs: Tarball[] = [];
  let standin: OkxStandin;
  let gateway: GatewayProcess | undefined;

  before(async () => {
    let t = performance.now();
    const lap = (what: string) => {
      timings.push(`${what} ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
    };
    standin = await startOkxStandin({ port: 0 });
    standin.setTicker("BTC-USDT", { last: LAST });
    const workspaces = publishableWorkspaces();
    tarballs = await packWorkspaces(workspaces, tmp);
    lap("pack");
    await createUserProject(
      project,
      tarballs.map((p) => p.file),
    );
    lap("install");
    fs.writeFileSync(
      path.join(project, "fmz-gateway.json"),
      JSON.stringify({
        port: 0,
        logLevel: "warn",
        exchanges: {
          OKX: { adapter: "OKX", options: { baseUrl: standin.url } },
          OKXC: { adapter: "ccxt", options: { exchange: "okx", baseUrl: standin.url } },
          MINE: { adapter: "MYEX", options: { baseUrl: standin.url } },
        },
      }),
    );
  });
  after(async () => {
    gateway?.kill();
    await standin?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
    console.log(`install-check timings: ${timings.join(", ")}`);
  });

  test("every publishable package is packed, with its entry points and without tests or build state", () => {
    const names = tarballs.map((t) => t.name).sort();
    for (const needed of [
      "@fmz-gateway/core",
      "@fmz-gateway/create-adapter",
      "@fmz-gateway/okx",
      "@fmz-gateway/ccxt",
      "@fmz-gateway/testkit",
    ]) {
      assert.ok(names.includes(needed), `${needed} packed (packed: ${names.join(", ")})`);
    }
    assert.ok(!names.includes("@fmz-gateway/okx-standin"), "the stand-in is private");
    for (const t of tarballs) {
      const extra = t.files.filter(
        (f) =>
          !(t.name === "@fmz-gateway/core" && SCAFFOLD_TEMPLATES.test(f)) &&
          (!FOR_USERS.test(f) || NOT_FOR_USERS.some((re) => re.test(f))),
      );
      assert.deepEqual(extra, [], `${t.name} ships files a user never needs`);
      for (const f of ["package.json", "README.md", "dist/index.js", "dist/index.d.ts"]) {
        assert.ok(t.files.includes(f), `${t.name} lacks ${f}`);
      }
    }
    const core = tarballs.find((t) => t.name === "@fmz-gateway/core");
    assert.ok(core?.files.includes("bin/fmz-gateway.js") && core.files.includes("dist/cli/main.js"));
  });

  test("the project has one copy of core, from the tarball, and the fmz-gateway command", () => {
    assert.deepEqual(copiesOf(project, "@fmz-gateway/core"), [
      path.join(project, "node_modules/@fmz-gateway/core"),
    ]);
    const lock = JSON.parse(fs.readFileSync(path.join(project, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string }>;
    };
    assert.match(lock.packages["node_modules/@fmz-gateway/core"]?.resolved ?? "", /^file:.*\.tgz$/);
    assert.ok(fs.existsSync(installedBin(project)));
  });

  test("every file a tarball ships can load: no relative require points at a file left out", () => {
    for (const t of tarballs) {
      assert.deepEqual(danglingRequires(path.join(project, "node_modules", t.name)), [], t.name);
    }
  });

  test("fmz-gateway serves the published OKX and ccxt adapters and the user's JavaScript adapter", async () => {
    gateway = await startInstalledGateway(project, ["--config", "fmz-gateway.json", ...PLUGINS]);
    assert.match(gateway.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await fetch(`${gateway.url}/health`)).status, 200);
    for (const mount of ["OKX", "OKXC", "MINE"]) {
      const reply = await ticker(gateway.url, mount);
      assert.equal(reply.data?.last, Number(LAST), `${mount}: ${JSON.stringify(reply)}`);
    }
    assert.match(gateway.stdout(), /\/MINE\s+→ MYEX/);
    // The status page comes from the installed package too (its page, script and styles are in dist/).
    const page = await fetch(`${gateway.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(await page.text(), /<title>fmz-gateway status<\/title>/);
    const status = (await (await fetch(`${gateway.url}/status.json`)).json()) as {
      mounts: Array<{ name: string; adapter: string }>;
      calls: Array<{ exchange: string; method: string }>;
    };
    assert.deepEqual(
      status.mounts.map((m) => `${m.name} ${m.adapter}`),
      ["OKX OKX", "OKXC ccxt", "MINE MYEX"],
    );
    assert.deepEqual(
      status.calls.map((c) => `${c.exchange} ${c.method}`),
      ["MINE ticker", "OKX ticker", "OKXC ticker"],
    );
    assert.equal(await gateway.stop(), 0);
    gateway = undefined;
  });

  test("fmz-gateway doctor passes there, and fails (exit 1) for a mount that cannot be reached", async () => {
    const ok = await doctor(project, ["--config", "fmz-gateway.json", ...PLUGINS]);
    assert.equal(ok.code, 0, ok.stdout);
    for (const mount of ["OKX", "OKXC", "MINE"]) {
      assert.match(ok.stdout, new RegExp(`✓ {2}${mount} +ticker BTC_USDT +last 43210\\.5`));
    }
    fs.writeFileSync(
      path.join(project, "dead.json"),
      JSON.stringify({
        exchanges: { MINE: { adapter: "MYEX", options: { baseUrl: "http://127.0.0.1:1" } } },
      }),
    );
    const dead = await doctor(project, ["--config", "dead.json", "--plugin", "./my-adapter.js"]);
    assert.equal(dead.code, 1, dead.stdout);
    assert.match(dead.stdout, /✗ {2}MINE +ticker BTC_USDT .*\n +fix: /);
  });
  test("fmz-gateway new-adapter scaffolds a package there that builds, passes its tests and serves", async () => {
    const { dir, output } = await scaffoldAdapter(project, "Acme");
    assert.match(output, /npm test/);
    // From the tarballs the project was installed from, not from a registry that does not hold them.
    assert.match(
      output,
      /@fmz-gateway\/core: file:\S*fmz-gateway-core-[\d.]+\.tgz, @fmz-gateway\/testkit: file:/,
    );
    for (const file of [
      "src/acme-adapter.ts",
      "src/trading.ts",
      "src/rest/client.ts",
      "src/standin/server.ts",
    ]) {
      assert.ok(fs.existsSync(path.join(dir, file)), file);
    }
    // The TypeScript the packages are built with, not whatever is newest on the registry.
    const ts = JSON.parse(
      fs.readFileSync(path.join(dir, "node_modules/typescript/package.json"), "utf8"),
    ) as {
      version: string;
    };
    assert.match(ts.version, /^6\.0\./);
    const tests = await npmTest(dir);
    assert.match(tests, /^# fail 0$/m);
    assert.match(tests, /^ok \d+ - ACME passes the conformance suite against the stand-in$/m);

    const served = await npmStart(dir);
    try {
      const reply = await ticker(served.url, "ACME");
      assert.ok((reply.data?.last ?? 0) > 0, JSON.stringify(reply));
    } finally {
      served.stop();
    }
  });

  test("npm init @fmz-gateway/adapter writes the same package as new-adapter, from the installed initializer", async () => {
    // npm runs the project's own @fmz-gateway/create-adapter: nothing is fetched.
    const { stdout } = await run("npm", ["init", "@fmz-gateway/adapter", "acme-init"], {
      cwd: project,
      env: cleanNpmEnv(),
    });
    assert.match(stdout, /^Created fmz-gateway-acme-init in acme-init: the ACME-INIT adapter/m);
    const files = (dir: string) =>
      fs
        .readdirSync(path.join(project, dir), { recursive: true, encoding: "utf8" })
        .filter((f) => !/^(node_modules|dist|guide-check)(\/|$)|package-lock\.json$/.test(f))
        .map((f) => f.replace(/acme-init/g, "acme"))
        .sort();
    assert.deepEqual(files("acme-init"), files("acme"));
    const deps = JSON.parse(fs.readFileSync(path.join(project, "acme-init", "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    assert.match(deps.dependencies["@fmz-gateway/core"], /^file:\.\.\/.*fmz-gateway-core-[\d.]+\.tgz$/);
  });

  test("every complete code block of the adapter guide compiles against the published packages", async () => {
    const dir = path.join(project, "acme");
    const guide = path.join(REPO_ROOT, "docs", "writing-an-adapter.md");
    const compiled = await compileGuide(dir, guide);
    assert.ok(compiled >= 5, `the guide has ${compiled} complete blocks`);
  });
});
