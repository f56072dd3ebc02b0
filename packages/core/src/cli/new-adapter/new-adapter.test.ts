// `fmz-gateway new-adapter`: names, refusals, what the generated package.json pins, and the CLI's output.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { runCli } from "../run-cli";
import { VERSION } from "../../version";
import { adapterNames } from "./names";
import { scaffoldAdapter } from "./scaffold";
import { TEMPLATES_DIR, fill, listTemplates } from "./templates";
import { SUPPORTED_TYPESCRIPT, dependencyRanges } from "./versions";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fmz-new-adapter-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function capture() {
  const lines: string[] = [];
  return { lines, io: { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) } };
}

describe("new-adapter", () => {
  it("pins the TypeScript range the project itself is built with", () => {
    const root = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    assert.equal(SUPPORTED_TYPESCRIPT, root.devDependencies.typescript);
  });

  it("derives the exchange, file, class and package names from NAME", () => {
    const n = adapterNames("my-ex");
    assert.deepEqual(
      { upper: n.upper, lower: n.lower, pascal: n.pascal, packageName: n.packageName },
      { upper: "MY-EX", lower: "my-ex", pascal: "MyEx", packageName: "fmz-gateway-my-ex" },
    );
    assert.equal(adapterNames("1inch").pascal, "X1inch");
    assert.equal(adapterNames("MYEX", "@me/fmz-myex").packageName, "@me/fmz-myex");
    assert.equal(adapterNames("MYEX").standinPort, adapterNames("myex").standinPort);
  });

  it("refuses a NAME that is not letters, digits, - and _", () => {
    for (const bad of ["", "my ex", "-x", "a/b", "../x", "ex.1", "é", "x".repeat(65)]) {
      assert.throws(() => adapterNames(bad), /invalid exchange name/, bad);
    }
    assert.throws(() => adapterNames("myex", "Bad Name"), /invalid package name/);
  });

  it("refuses a non-empty directory and leaves it as it was", () => {
    const dir = path.join(tmp, "busy");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "keep.txt"), "mine");
    assert.throws(() => scaffoldAdapter({ name: "myex", dir }), /is not empty/);
    assert.deepEqual(fs.readdirSync(dir), ["keep.txt"]);
  });

  it("writes into an empty directory, with the dependency ranges of this core", () => {
    const dir = path.join(tmp, "empty");
    fs.mkdirSync(dir);
    const made = scaffoldAdapter({ name: "Demo_X", dir });
    assert.ok(made.files.includes("src/demo_x-adapter.ts"));
    assert.ok(made.files.includes(".gitignore"));
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<
      string,
      Record<string, string>
    >;
    const ranges = dependencyRanges();
    assert.equal(pkg.name as unknown as string, "fmz-gateway-demo_x");
    assert.deepEqual(pkg.dependencies, { "@fmz-gateway/core": `^${VERSION}` });
    assert.equal(pkg.devDependencies["@fmz-gateway/testkit"], `^${VERSION}`);
    assert.equal(pkg.devDependencies.typescript, SUPPORTED_TYPESCRIPT);
    assert.deepEqual(pkg.peerDependencies, {
      "reflect-metadata": ranges.reflectMetadata,
      tsyringe: ranges.tsyringe,
    });
    const tsconfig = JSON.parse(fs.readFileSync(path.join(dir, "tsconfig.json"), "utf8")) as {
      extends?: string;
      compilerOptions: Record<string, unknown>;
    };
    assert.equal(tsconfig.extends, undefined);
    assert.equal(tsconfig.compilerOptions.noEmitOnError, true);
    const adapter = fs.readFileSync(path.join(dir, "src/demo_x-adapter.ts"), "utf8");
    assert.match(adapter, /export class DemoXAdapter extends ExchangeAdapter<DemoXOptions>/);
  });

  it("asks for core and testkit where the enclosing project gets them: a file: spec, rebased", () => {
    const project = path.join(tmp, "project");
    const vendor = path.join(project, "vendor");
    fs.mkdirSync(vendor, { recursive: true });
    for (const name of ["core", "testkit"]) {
      fs.writeFileSync(path.join(vendor, `fmz-gateway-${name}-${VERSION}.tgz`), "");
    }
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({
        dependencies: { "@fmz-gateway/core": `file:vendor/fmz-gateway-core-${VERSION}.tgz` },
      }),
    );
    const deps = (dir: string) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as Record<
        string,
        Record<string, string>
      >;
      return [pkg.dependencies["@fmz-gateway/core"], pkg.devDependencies["@fmz-gateway/testkit"]];
    };
    // Testkit found beside core's tarball, as npm pack names it.
    const nested = scaffoldAdapter({ name: "acme", cwd: project, dir: "adapters/acme" });
    assert.deepEqual(deps(nested.dir), [
      `file:../../vendor/fmz-gateway-core-${VERSION}.tgz`,
      `file:../../vendor/fmz-gateway-testkit-${VERSION}.tgz`,
    ]);
    assert.equal(nested.ranges.from, path.join(project, "package.json"));

    // Declared by the project: its spec wins; a spec to nothing, or from the registry, is the registry's.
    fs.mkdirSync(path.join(project, "kit"));
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({
        dependencies: { "@fmz-gateway/core": "file:kit" },
        devDependencies: { "@fmz-gateway/testkit": "file:kit" },
      }),
    );
    assert.deepEqual(deps(scaffoldAdapter({ name: "b", cwd: project }).dir), ["file:../kit", "file:../kit"]);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ dependencies: { "@fmz-gateway/core": "file:gone.tgz" } }),
    );
    assert.deepEqual(deps(scaffoldAdapter({ name: "c", cwd: project }).dir), [`^${VERSION}`, `^${VERSION}`]);
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify({ dependencies: { "@fmz-gateway/core": `^${VERSION}` } }),
    );
    const registry = scaffoldAdapter({ name: "d", cwd: project });
    assert.deepEqual(deps(registry.dir), [`^${VERSION}`, `^${VERSION}`]);
    assert.equal(registry.ranges.from, undefined);
  });

  it("fills every placeholder of every template", () => {
    const values = { NAME: "N", lower: "n", Pascal: "P", PACKAGE: "p", STANDIN_PORT: "1" };
    const ranges = ["CORE", "TESTKIT", "TSYRINGE", "REFLECT_METADATA", "TYPESCRIPT", "TYPES_NODE"];
    const all = { ...values, ...Object.fromEntries(ranges.map((r) => [`${r}_RANGE`, "1"])) };
    for (const t of listTemplates()) fill(fs.readFileSync(path.join(TEMPLATES_DIR, t), "utf8"), all);
    assert.throws(() => fill("__NAME__ __lower__", { NAME: "N" }), /__lower__ has no value/);
  });

  it("ships its templates as source, never compiled into core's dist (nor run as core's tests)", () => {
    assert.ok(listTemplates().some((t) => t.endsWith(".test.ts.tmpl")));
    assert.equal(fs.existsSync(path.join(__dirname, "templates")), false);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "packages/core/package.json"), "utf8")) as {
      files: string[];
    };
    assert.ok(pkg.files.includes("src/cli/new-adapter/templates"));
  });

  it("as a command: prints what it created and the next commands", async () => {
    const { lines, io } = capture();
    const dir = path.join(tmp, "cli");
    assert.equal(await runCli(["new-adapter", "acme", "--dir", dir, "--package", "@me/acme"], io), undefined);
    const text = lines.join("\n");
    assert.match(text, /Created @me\/acme in .*cli: the ACME adapter/);
    assert.match(text, /src\/acme-adapter\.ts/);
    assert.match(text, /npm install\n {2}npm test .*\n {2}npm start .*http:\/\/127\.0\.0\.1:6666\/ACME/);
  });

  it("as a command: a bad NAME or a busy directory is an error naming the problem", async () => {
    await assert.rejects(runCli(["new-adapter", "my ex"], capture().io), /invalid exchange name "my ex"/);
    await assert.rejects(
      runCli(["new-adapter", "acme", "--dir", path.join(tmp, "cli")], capture().io),
      /is not empty/,
    );
  });
});
