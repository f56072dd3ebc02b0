import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";

export interface GatewayProcess {
  readonly url: string;
  readonly stdout: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
  kill(): void;
}

/** The installed `fmz-gateway` command (node_modules/.bin), started in the project with `args`. */
export function installedBin(project: string): string {
  return path.join(project, "node_modules", ".bin", "fmz-gateway");
}

export async function startInstalledGateway(
  project: string,
  args: readonly string[],
): Promise<GatewayProcess> {
  const proc: ChildProcessWithoutNullStreams = spawn(installedBin(project), [...args], { cwd: project });
  const { url, stdout } = await listening(proc, "fmz-gateway");
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return {
    url,
    stdout,
    stop: () => {
      proc.kill("SIGTERM");
      return exited;
    },
    kill: () => proc.kill("SIGKILL"),
  };
}

/**
 * The address a starting gateway prints (`listening on http://…`), and its output so far and from then
 * on; rejects with everything it wrote when it exits first.
 */
export function listening(
  proc: ChildProcessWithoutNullStreams,
  what: string,
): Promise<{ url: string; stdout: () => string }> {
  let out = "";
  let err = "";
  proc.stderr.on("data", (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    proc.stdout.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)\n/.exec(out);
      if (m) resolve({ url: m[1], stdout: () => out });
    });
    proc.once("exit", (code) => reject(new Error(`${what} exited ${code}: ${out}${err}`)));
  });
}
