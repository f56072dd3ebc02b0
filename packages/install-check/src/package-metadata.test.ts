// What a user sees of a package on npm before installing it: where its source and issues are, which Node
// it needs, where its types are, a README whose links work away from the repository, and (in the READMEs)
// the TypeScript the packages are built with. Checked for every publishable workspace, read from the tree.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { before, describe, it } from "node:test";
import { tarballFiles } from "./pack";
import { brokenOnNpm, markdownLinks } from "./readme-links";
import { REPO_ROOT, publishableWorkspaces } from "./workspaces";

interface Manifest {
  name: string;
  homepage?: string;
  bugs?: { url?: string };
  repository?: { type?: string; url?: string; directory?: string };
  engines?: { node?: string };
  types?: string;
  exports?: { ".": { types?: string } };
  devDependencies?: Record<string, string>;
}

const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
const manifest = (dir: string) => JSON.parse(read(path.join(dir, "package.json"))) as Manifest;

const root = manifest(".");
/** `https://github.com/owner/name`, from the root's `git+https://github.com/owner/name.git`. */
const home = root.repository?.url?.replace(/^git\+/, "").replace(/\.git$/, "") ?? "";
const workspaces = publishableWorkspaces();

describe("published packages: metadata a user can trust", () => {
  it("the root names the repository once", () => {
    assert.equal(root.repository?.type, "git");
    assert.match(home, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/, "root repository.url");
  });

  for (const ws of workspaces) {
    it(`${ws.name}: repository, homepage, bugs, engines and types`, () => {
      const pkg = manifest(ws.dir);
      assert.deepEqual(pkg.repository, { type: "git", url: root.repository?.url, directory: ws.dir });
      assert.equal(pkg.homepage, `${home}/tree/main/${ws.dir}#readme`);
      assert.deepEqual(pkg.bugs, { url: `${home}/issues` });
      assert.equal(pkg.engines?.node, root.engines?.node, "engines.node as the root's");
      assert.ok(pkg.types, "types");
      assert.equal(pkg.exports?.["."].types, `./${pkg.types}`, "exports' types is the same file");
      assert.ok(
        fs.existsSync(path.join(REPO_ROOT, ws.dir, pkg.types)),
        `${pkg.types} exists after the build`,
      );
    });
  }
});

describe("published READMEs: links that work on npm", () => {
  let files = new Map<string, readonly string[]>();
  before(async () => {
    files = await tarballFiles(workspaces);
  });

  for (const ws of workspaces) {
    it(`${ws.name}: every link stays in the tarball or is absolute, and repository links name a real path`, () => {
      const inTarball = files.get(ws.name) ?? [];
      assert.ok(inTarball.includes("README.md") && inTarball.includes(manifest(ws.dir).types ?? ""));
      const bad: string[] = [];
      for (const link of markdownLinks(read(path.join(ws.dir, "README.md")))) {
        const why = brokenOnNpm(link, inTarball);
        if (why) bad.push(`${link}: ${why}`);
        const inRepo = new RegExp(`^${home}/(blob|tree)/main/([^#?]+)`).exec(link);
        if (inRepo) {
          const target = path.join(REPO_ROOT, decodeURI(inRepo[2]));
          const kind = inRepo[1] === "blob" ? "file" : "folder";
          const exists = fs.existsSync(target) && fs.statSync(target).isFile() === (kind === "file");
          if (!exists) bad.push(`${link}: no such ${kind} in the repository`);
        }
      }
      assert.deepEqual(bad, [], `${ws.dir}/README.md`);
    });
  }
});

describe("the TypeScript range is stated where users read", () => {
  const range = root.devDependencies?.typescript ?? "";
  for (const readme of ["README.md", "packages/core/README.md"]) {
    it(`${readme} states TypeScript ${range}, the root's devDependency`, () => {
      assert.match(range, /^[~^]?\d/, "the root pins typescript");
      assert.ok(read(readme).includes(`TypeScript ${range}`), `${readme} says "TypeScript ${range}"`);
    });
  }
});

describe("markdownLinks and brokenOnNpm", () => {
  it("finds inline, reference and HTML links, not code", () => {
    const md = [
      '[a](../../docs/x.md) and [`b`](https://e.org/b "t") ![i](./dist/i.png)',
      "`[not](a-link)`",
      "```js\nconst x = [y](z);\n```",
      "[ref]: ../okx",
      '<a href="../../README.md">r</a>',
    ].join("\n");
    assert.deepEqual(markdownLinks(md), [
      "../../docs/x.md",
      "https://e.org/b",
      "./dist/i.png",
      "../okx",
      "../../README.md",
    ]);
  });

  it("judges a link by the tarball", () => {
    const files = ["README.md", "dist/index.js", "package.json"];
    assert.equal(brokenOnNpm("https://github.com/o/r/blob/main/docs/x.md", files), undefined);
    assert.equal(brokenOnNpm("#install", files), undefined);
    assert.equal(brokenOnNpm("./dist/index.js", files), undefined);
    assert.equal(brokenOnNpm("dist", files), undefined);
    assert.equal(brokenOnNpm("../../docs/x.md", files), "leaves the package");
    assert.equal(brokenOnNpm("./dist/../../x", files), "leaves the package");
    assert.equal(brokenOnNpm("src/index.ts", files), "is not in the tarball");
    assert.equal(brokenOnNpm("/docs/x.md", files), "a root-relative path means nothing on npm");
  });
});
