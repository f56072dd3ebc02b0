import fs from "node:fs";
import type { Child } from "../processes/child";

export interface Sample {
  /** Seconds since the load started. */
  t: number;
  rssMb: number;
  /** Live JS heap after a full GC (what the gateway retains). */
  heapMb: number;
  fds: number;
}

const MB = 2 ** 20;

/** Reads the gateway's RSS and open descriptors from /proc, and its live heap over IPC, at an interval. */
export class Sampler {
  readonly samples: Sample[] = [];
  private timer?: NodeJS.Timeout;
  private started = 0;

  constructor(private readonly gateway: Child) {}

  start(everyMs: number): void {
    this.started = Date.now();
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    return this.sample();
  }

  private async sample(): Promise<void> {
    const t = (Date.now() - this.started) / 1000;
    try {
      const { heapUsed } = await this.gateway.memory();
      this.samples.push({
        t,
        rssMb: rssKb(this.gateway.pid) / 1024,
        heapMb: heapUsed / MB,
        fds: openFds(this.gateway.pid),
      });
    } catch {
      // The process is gone; the "stayed up" check reports it.
    }
  }
}

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
}

function openFds(pid: number): number {
  return fs.readdirSync(`/proc/${pid}/fd`).length;
}
