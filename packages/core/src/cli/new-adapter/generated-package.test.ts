// The package `new-adapter` generates builds with the project's TypeScript and passes its own tests,
// the conformance suite among them, out of the box. Generated outside the repository and resolved
// without the registry: its node_modules link to the workspace's core and testkit and the root's modules.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { scaffoldAdapter } from "./scaffold";

const run = promisify(execFile);
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..", "..");
const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

/** node_modules entry → where it points: the built workspace packages, else the root's install. */
const LINKS: Record<string, string> = {
  "@fmz-gateway/core": path.join(REPO_ROOT, "packages", "core"),
  "@fmz-gateway/testkit": path.join(REPO_ROOT, "packages", "testkit"),
  ...Object.fromEntries(
    ["typescript", "@types/node", "tsyringe", "reflect-metadata"].map((m) => [
      m,
      path.join(REPO_ROOT, "node_modules", m),
    ]),
  ),
};

/** A child `node --test` must run as a runner of its own, not report into this one. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

describe("a generated adapter package", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-scaffold-"));
  const dir = path.join(tmp, "acme-x");
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(() => {
    scaffoldAdapter({ name: "Acme-X", dir });
    for (const [name, target] of Object.entries(LINKS)) {
      const link = path.join(dir, "node_modules", name);
      fs.mkdirSync(path.dirname(link), { recursive: true });
      fs.symlinkSync(target, link, "junction");
    }
  });

  it("builds with the project's TypeScript", async () => {
    await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, timeout: 120_000 });
    assert.ok(fs.existsSync(path.join(dir, "dist", "index.js")));
    assert.ok(fs.existsSync(path.join(dir, "dist", "acme-x-adapter.js")));
  });

  it("passes its own tests: the conformance suite against the stand-in, sizing, signing", async () => {
    const tests = fs
      .readdirSync(path.join(dir, "dist", "test"))
      .filter((f) => f.endsWith(".test.js"))
      .map((f) => path.join("dist", "test", f));
    assert.ok(tests.includes(path.join("dist", "test", "conformance.test.js")));
    const { stdout } = await run(process.execPath, ["--test", ...tests], {
      cwd: dir,
      env: childEnv(),
      timeout: 120_000,
    }).catch((err: { stdout?: string; stderr?: string }) => {
      assert.fail(`the generated tests failed:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
    });
    assert.match(stdout, /^# fail 0$/m);
    assert.match(stdout, /^ok \d+ - ACME-X passes the conformance suite against the stand-in$/m);
    assert.match(stdout, /ok \d+ - conformance: positions/);
  });

  it("never leaves a runnable broken build: a type error emits nothing", async () => {
    const adapter = path.join(dir, "src", "acme-x-adapter.ts");
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    fs.appendFileSync(adapter, "\nexport const broken: number = 'text';\n");
    await assert.rejects(run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: dir, timeout: 120_000 }));
    assert.equal(fs.existsSync(path.join(dir, "dist")), false);
  });
});
