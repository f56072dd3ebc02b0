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
import { TSC, childTestEnv, linkWorkspaceModules } from "./test-support/workspace-links";

const run = promisify(execFile);
describe("a generated adapter package", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-scaffold-"));
  const dir = path.join(tmp, "acme-x");
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  before(() => {
    scaffoldAdapter({ name: "Acme-X", dir });
    linkWorkspaceModules(dir);
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
      env: childTestEnv(),
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
