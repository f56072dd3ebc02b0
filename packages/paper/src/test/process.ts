// Starts the real gateway command in a child process (as `npm start` does) and reads its address.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export const CLI = path.resolve(__dirname, "../../../core/dist/cli/main.js");

export interface GatewayProcess {
  child: ChildProcess;
  url: string;
}

export function startGatewayProcess(config: string): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [CLI, "--config", config, "--port", "0", "--log-level", "error"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
    child.on("exit", (code) =>
      reject(new Error(`gateway exited with ${String(code)} before listening: ${err}`)),
    );
  });
}
