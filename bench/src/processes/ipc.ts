/** Messages between the bench and the processes it starts (over Node's fork IPC channel). */
export type ChildMessage =
  | { type: "ready"; url: string }
  | { type: "rss"; rss: number; heapUsed: number }
  | { type: "error"; message: string };
export type ParentMessage = { type: "rss" } | { type: "stop" };

/** Wires a child's side: answer RSS queries, stop on request. */
export function serveParent(stop: () => Promise<void>): void {
  process.on("message", (msg: ParentMessage) => {
    if (msg.type === "rss") {
      global.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      send({ type: "rss", rss, heapUsed });
    }
    if (msg.type === "stop") void stop().then(() => process.exit(0));
  });
}

export function send(msg: ChildMessage): void {
  process.send?.(msg);
}
