import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT, type Workspace, cleanNpmEnv } from "./workspaces";

const run = promisify(execFile);

export interface Tarball {
  readonly name: string;
  /** Absolute path of the .tgz. */
  readonly file: string;
  /** Every path inside the package (`dist/index.js`, `package.json` …). */
  readonly files: readonly string[];
}

/** `npm pack`s the workspaces in one npm run (one start-up, not one per package) into `dest`. */
export async function packWorkspaces(workspaces: readonly Workspace[], dest: string): Promise<Tarball[]> {
  return npmPack(workspaces, ["--pack-destination", dest], dest);
}

/**
 * What each workspace's tarball would hold (`npm pack --dry-run`: nothing written), by package name:
 * every path inside it (`dist/index.js`, `README.md` …).
 */
export async function tarballFiles(
  workspaces: readonly Workspace[],
): Promise<Map<string, readonly string[]>> {
  const packed = await npmPack(workspaces, ["--dry-run"], "");
  return new Map(packed.map((t) => [t.name, t.files]));
}

async function npmPack(workspaces: readonly Workspace[], extra: string[], dest: string): Promise<Tarball[]> {
  const args = ["pack", "--json", ...extra, ...workspaces.flatMap((w) => ["-w", w.dir])];
  const { stdout } = await run("npm", args, { cwd: REPO_ROOT, env: cleanNpmEnv(), maxBuffer: 64 << 20 });
  const packed = JSON.parse(stdout) as Array<{
    name: string;
    filename: string;
    files: Array<{ path: string }>;
  }>;
  return packed.map((p) => ({
    name: p.name,
    file: path.join(dest, p.filename),
    files: p.files.map((f) => f.path),
  }));
}

/**
 * What a user never needs from a tarball: compiled tests (and their declarations), test helpers and
 * fixtures, test output, build state, source maps.
 */
export const NOT_FOR_USERS = [
  /\.test\.(d\.)?[cm]?[jt]s$/,
  /(^|\/)(test|tests|test-support|test-output|fixtures?|__tests__|__fixtures__)\//,
  /tsbuildinfo/,
  /\.map$/,
];

/**
 * The templates `fmz-gateway new-adapter` writes a package from: core ships them as they are (a
 * template's `src/test/…` is the generated package's test, not a test of core's).
 */
export const SCAFFOLD_TEMPLATES = /^src\/cli\/new-adapter\/templates\/.+\.tmpl$/;

/** Everything a tarball may hold: its manifest, README, licence, committed bin scripts and dist/. */
export const FOR_USERS =
  /^(package\.json|README\.md|LICEN[CS]E(\.md)?|bin\/[\w.-]+\.js|dist\/.+\.(js|d\.ts|json))$/;
