// A generated package resolved without the registry, for the repository's own tests: its node_modules
// link to the built workspace packages (core, testkit) and to the root's install for the rest. Used by
// core's test of the generated package and testkit's planted-defects test (by path: test support is not
// part of core's published files).
import fs from "node:fs";
import path from "node:path";

/** The repository's root (this file runs from packages/core/dist/cli/new-adapter/test-support). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..", "..", "..", "..", "..");

/** The root's TypeScript compiler: the one the project is built with. */
export const TSC = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

/** node_modules entry → where it points. */
const LINKS: Readonly<Record<string, string>> = {
  "@fmz-gateway/core": path.join(REPO_ROOT, "packages", "core"),
  "@fmz-gateway/testkit": path.join(REPO_ROOT, "packages", "testkit"),
  ...Object.fromEntries(
    ["typescript", "@types/node", "tsyringe", "reflect-metadata"].map((m) => [
      m,
      path.join(REPO_ROOT, "node_modules", m),
    ]),
  ),
};

/** Links the generated package in `dir` to the workspace, as `npm install` would have installed it. */
export function linkWorkspaceModules(dir: string): void {
  for (const [name, target] of Object.entries(LINKS)) {
    const link = path.join(dir, "node_modules", name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(target, link, "junction");
  }
}

/** The environment of a child `node --test`: a runner of its own, not reporting into this one. */
export function childTestEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return env;
}
