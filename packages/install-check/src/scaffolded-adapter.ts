import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { installedBin, listening } from "./gateway-process";
import { completeModules } from "./guide-blocks";
import { npmInstall } from "./user-project";
import { cleanNpmEnv } from "./workspaces";

const run = promisify(execFile);

/** npm and node in a child of this test runner: as a user's shell would run them, not as a subtest. */
function userEnv(): NodeJS.ProcessEnv {
  const env = cleanNpmEnv();
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/**
 * `npx fmz-gateway new-adapter NAME` in the user's project, then a plain `npm install` in the package it
 * made, as its "Next:" says: core and testkit from the tarballs the project installed them from (they
 * are not on the registry here; the generated package.json asks for them there), everything else
 * (TypeScript, @types/node, the peers) from npm's cache as a user's install would fetch it.
 */
export async function scaffoldAdapter(
  project: string,
  name: string,
): Promise<{ dir: string; output: string }> {
  const { stdout } = await run(installedBin(project), ["new-adapter", name], { cwd: project });
  const dir = path.join(project, name.toLowerCase());
  await npmInstall(dir, []);
  return { dir, output: stdout };
}

/** `npm test` in the package: its build and its tests, the conformance suite among them. */
export async function npmTest(dir: string): Promise<string> {
  const { stdout } = await run("npm", ["test"], { cwd: dir, env: userEnv(), maxBuffer: 64 << 20 }).catch(
    (err: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm test failed in ${dir}:\n${err.stdout ?? ""}\n${err.stderr ?? ""}`);
    },
  );
  return stdout;
}

/** `npm start -- --port 0`: the stand-in and a gateway serving the adapter; resolves with its address. */
export async function npmStart(dir: string): Promise<{ url: string; stop(): void }> {
  const child = spawn("npm", ["start", "--", "--port", "0"], { cwd: dir, env: userEnv(), detached: true });
  const { url } = await listening(child, "npm start");
  // npm runs node under a shell: the whole group goes.
  return { url, stop: () => process.kill(-(child.pid ?? 0), "SIGTERM") };
}

/**
 * Every complete TypeScript block of a markdown guide (```ts, not ```ts fragment), compiled with the
 * package's own TypeScript and tsconfig against the installed packages' published types. Resolves with
 * how many blocks it compiled; rejects with tsc's output when one does not compile, naming the guide's line.
 */
export async function compileGuide(dir: string, guide: string): Promise<number> {
  const blocks = completeModules(guide);
  const out = path.join(dir, "guide-check");
  fs.mkdirSync(out, { recursive: true });
  const files = blocks.map((b) => {
    const file = path.join(out, `guide-line-${b.line}.ts`);
    // Each block is a module of its own: names in one never clash with another's.
    fs.writeFileSync(file, `${b.code}\nexport {};\n`);
    return file;
  });
  fs.writeFileSync(
    path.join(out, "tsconfig.json"),
    JSON.stringify({ extends: "../tsconfig.json", compilerOptions: { noEmit: true, rootDir: ".." }, files }),
  );
  const tsc = path.join(dir, "node_modules", "typescript", "bin", "tsc");
  await run(process.execPath, [tsc, "-p", path.join(out, "tsconfig.json")], { cwd: dir }).catch(
    (err: { stdout?: string }) => {
      throw new Error(
        `a complete code block of ${path.basename(guide)} does not compile:\n${err.stdout ?? ""}`,
      );
    },
  );
  return blocks.length;
}
