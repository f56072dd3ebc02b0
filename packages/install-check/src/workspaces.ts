import fs from "node:fs";
import path from "node:path";

/** The repository's root (this file runs from packages/install-check/dist). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

export interface Workspace {
  readonly name: string;
  /** Relative to the repository root, as npm's `-w` takes it. */
  readonly dir: string;
}

/**
 * Every workspace that would be published: listed in the root package.json's `workspaces` (a trailing
 * `/*` expanded) and not `private`. Read from the tree, so a new package is checked without edits here.
 */
export function publishableWorkspaces(root = REPO_ROOT): Workspace[] {
  const patterns = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { workspaces: string[] }
  ).workspaces;
  const dirs = patterns.flatMap((p) =>
    p.endsWith("/*")
      ? fs
          .readdirSync(path.join(root, p.slice(0, -2)), { withFileTypes: true })
          .filter((d) => d.isDirectory())
          .map((d) => `${p.slice(0, -2)}/${d.name}`)
      : [p],
  );
  const out: Workspace[] = [];
  for (const dir of dirs) {
    const file = path.join(root, dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name: string; private?: boolean };
    if (!pkg.private) out.push({ name: pkg.name, dir });
  }
  return out;
}

/** The environment for a child npm: without the npm_* variables of the `npm test` that runs us. */
export function cleanNpmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return env;
}
