import fs from "node:fs";
import { Session } from "node:inspector/promises";

/** Messages between the bench and the processes it starts (over Node's fork IPC channel). */
export type ChildMessage =
  | { type: "ready"; url: string }
  | { type: "rss"; rss: number; heapUsed: number }
  | { type: "error"; message: string }
  | { type: "profiled"; file: string }
  | { type: "upstream"; byPath: Record<string, number> };
export type ParentMessage =
  | { type: "rss" }
  | { type: "stop" }
  /** Start V8's CPU profiler, or stop it and write the profile to `file` (bench/src/profile). */
  | { type: "profile"; action: "start" }
  | { type: "profile"; action: "stop"; file: string }
  /**
   * The stand-in only: its REST requests signed with `apiKey` that arrived in [since, until) (Unix ms),
   * counted by "METHOD path" (the stand-in's request log is readable in its own process only).
   */
  | { type: "upstream"; apiKey: string; since: number; until: number };

/** What a child answers besides RSS, profiles and stop: the stand-in's request counts. */
export interface ChildQueries {
  upstream?: (apiKey: string, since: number, until: number) => Record<string, number>;
}

/** Wires a child's side: answer RSS queries and profiler requests, stop on request. */
export function serveParent(stop: () => Promise<void>, queries: ChildQueries = {}): void {
  let profiler: Session | undefined;
  process.on("message", (msg: ParentMessage) => {
    if (msg.type === "profile") {
      if (msg.action === "start") {
        profiler = new Session();
        profiler.connect();
        // 100 µs between samples: a call here takes a few hundred, so each shows in several samples.
        void profiler
          .post("Profiler.enable")
          .then(() => profiler?.post("Profiler.setSamplingInterval", { interval: 100 }))
          .then(() => profiler?.post("Profiler.start"))
          .then(() => send({ type: "profiled", file: "" }));
      } else if (profiler) {
        const session = profiler;
        profiler = undefined;
        void session.post("Profiler.stop").then(({ profile }) => {
          fs.writeFileSync(msg.file, JSON.stringify(profile));
          session.disconnect();
          send({ type: "profiled", file: msg.file });
        });
      }
    }
    if (msg.type === "rss") {
      global.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: "rss", rss, heapUsed });
    }
    if (msg.type === "upstream" && queries.upstream) {
      send({ type: "upstream", byPath: queries.upstream(msg.apiKey, msg.since, msg.until) });
    }
    if (msg.type === "stop") void stop().then(() => process.exit(0));
  });
}

export function send(msg: ChildMessage): void {
  process.send?.(msg);
}
