import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { ChildMessage, ParentMessage } from "./ipc";

/** A process the bench started: the stand-in or a gateway. */
export class Child {
  private constructor(
    private readonly proc: ChildProcess,
    readonly url: string,
  ) {}

  static start(script: string, args: string[]): Promise<Child> {
    return Child.startWithEnv(script, args, {});
  }

  /**
   * `onOutput` receives the child's stdout and stderr (the soak scans a gateway's logs); without it
   * they are the bench's own. `execArgv` is added to Node's flags (a CPU profile, for instance).
   */
  static startWithEnv(
    script: string,
    args: string[],
    env: Record<string, string>,
    opts: { onOutput?: (text: string) => void; execArgv?: string[] } = {},
  ): Promise<Child> {
    const capture = opts.onOutput;
    const proc = fork(path.join(__dirname, "..", script), args, {
      env: { ...process.env, ...env },
      execArgv: ["--expose-gc", ...(opts.execArgv ?? [])],
      stdio: ["ignore", capture ? "pipe" : "inherit", capture ? "pipe" : "inherit", "ipc"],
    });
    if (capture) {
      proc.stdout?.setEncoding("utf8").on("data", capture);
      proc.stderr?.setEncoding("utf8").on("data", capture);
    }
    return new Promise((resolve, reject) => {
      proc.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
      proc.on("message", (msg: ChildMessage) => {
        if (msg.type === "ready") resolve(new Child(proc, msg.url));
        if (msg.type === "error") reject(new Error(`${script}: ${msg.message}`));
      });
    });
  }

  /** The process id (its /proc entry holds RSS and open file descriptors). */
  get pid(): number {
    return this.proc.pid ?? 0;
  }

  /** Resolves with the exit code when the process ends (a crash, or after stop()). */
  exited(): Promise<number | null> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
      return Promise.resolve(this.proc.exitCode);
    }
    return new Promise((resolve) => this.proc.once("exit", (code) => resolve(code)));
  }

  /** Resident memory and live JS heap after a full GC, in bytes. */
  memory(): Promise<{ rss: number; heapUsed: number }> {
    return new Promise((resolve) => {
      const onMessage = (msg: ChildMessage) => {
        if (msg.type !== "rss") return;
        this.proc.off("message", onMessage);
        resolve({ rss: msg.rss, heapUsed: msg.heapUsed });
      };
      this.proc.on("message", onMessage);
      this.proc.send({ type: "rss" });
    });
  }

  /** Resident memory after a full GC, in bytes. */
  async rss(): Promise<number> {
    return (await this.memory()).rss;
  }

  /**
   * Starts the process's CPU profiler; the returned function stops it and writes the profile
   * (`.cpuprofile`, readable by Chrome DevTools) to `file`.
   */
  async profile(): Promise<(file: string) => Promise<void>> {
    await this.request({ type: "profile", action: "start" }, "profiled");
    return async (file) => {
      await this.request({ type: "profile", action: "stop", file }, "profiled");
    };
  }

  /**
   * The stand-in's REST requests signed with `apiKey` between `since` and `until` (Unix ms), by
   * "METHOD path": what an exchange would count against the key's limits.
   */
  upstream(apiKey: string, since: number, until: number): Promise<Record<string, number>> {
    return new Promise((resolve) => {
      const onMessage = (msg: ChildMessage) => {
        if (msg.type !== "upstream") return;
        this.proc.off("message", onMessage);
        resolve(msg.byPath);
      };
      this.proc.on("message", onMessage);
      this.proc.send({ type: "upstream", apiKey, since, until });
    });
  }

  private request(msg: ParentMessage, reply: ChildMessage["type"]): Promise<void> {
    return new Promise((resolve) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type !== reply) return;
        this.proc.off("message", onMessage);
        resolve();
      };
      this.proc.on("message", onMessage);
      this.proc.send(msg);
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.proc.removeAllListeners("exit");
      const timer = setTimeout(() => this.proc.kill("SIGKILL"), 5000);
      this.proc.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.proc.send({ type: "stop" });
    });
  }
}
