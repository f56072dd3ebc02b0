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
  let stdout = "";
  let stderr = "";
  proc.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
      const m = /listening on (http:\/\/\S+)\n/.exec(stdout);
      if (m) resolve(m[1]);
    });
    proc.once("exit", (code) => reject(new Error(`fmz-gateway exited ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  return {
    url,
    stdout: () => stdout,
    stop: () => {
      proc.kill("SIGTERM");
      return exited;
    },
    kill: () => proc.kill("SIGKILL"),
  };
}
