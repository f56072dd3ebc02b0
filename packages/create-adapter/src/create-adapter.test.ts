// `npm init @fmz-gateway/adapter NAME` runs this package's bin: it writes the package core's
// `fmz-gateway new-adapter` writes, and a refusal is exit code 1 with the reason.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";

const run = promisify(execFile);
const BIN = path.resolve(__dirname, "..", "bin", "create-adapter.js");

describe("create-adapter (npm init @fmz-gateway/adapter)", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-create-adapter-"));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("writes the adapter package for NAME where it is run, and says what to do next", async () => {
    const { stdout } = await run(process.execPath, [BIN, "Demo", "--package", "@me/fmz-demo"], { cwd: tmp });
    assert.match(stdout, /^Created @me\/fmz-demo in demo: the DEMO adapter/m);
    assert.match(stdout, /^ {2}cd demo\n {2}npm install\n {2}npm test/m);
    const pkg = JSON.parse(fs.readFileSync(path.join(tmp, "demo", "package.json"), "utf8")) as {
      name: string;
      dependencies: Record<string, string>;
    };
    assert.equal(pkg.name, "@me/fmz-demo");
    assert.ok(pkg.dependencies["@fmz-gateway/core"]);
    for (const file of ["src/demo-adapter.ts", "src/standin/server.ts", "src/test/conformance.test.ts"]) {
      assert.ok(fs.existsSync(path.join(tmp, "demo", file)), file);
    }
  });

  it("refuses a bad name or a directory in use with exit code 1, naming the problem", async () => {
    const refused = (args: string[]) =>
      run(process.execPath, [BIN, ...args], { cwd: tmp }).then(
        () => assert.fail(`${args.join(" ")} was accepted`),
        (err: { code: number; stderr: string }) => err,
      );
    const bad = await refused(["my ex"]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /^create-adapter: invalid exchange name "my ex"/m);
    const busy = await refused(["demo"]);
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, /demo is not empty/);
    assert.deepEqual(fs.readdirSync(tmp), ["demo"]);
  });

  it("--help shows the options", async () => {
    const { stdout } = await run(process.execPath, [BIN, "--help"], { cwd: tmp });
    assert.match(stdout, /--dir <path>/);
    assert.match(stdout, /--package <name>/);
  });
});
