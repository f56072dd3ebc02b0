import fs from "node:fs";
import path from "node:path";

const LOCAL_REQUIRE = /\brequire\("(\.{1,2}\/[^"]+)"\)/g;

/**
 * The package-relative `require("./x")`s in an installed package's compiled files that point at
 * nothing: a file the `files` field left out of the tarball (a dev tool importing a test helper, say)
 * would crash only when a user runs it. Each as `dist/from.js → ./missing`.
 */
export function danglingRequires(packageDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(file);
      else if (entry.isFile() && entry.name.endsWith(".js"))
        for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(LOCAL_REQUIRE))
          if (!resolves(path.resolve(dir, spec))) out.push(`${path.relative(packageDir, file)} → ${spec}`);
    }
  };
  walk(packageDir);
  return out;
}

function resolves(target: string): boolean {
  return [target, `${target}.js`, `${target}.json`, path.join(target, "index.js")].some(
    (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
  );
}
