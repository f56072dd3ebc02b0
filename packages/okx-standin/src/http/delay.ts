// The restDelayMs option: every REST request is handled that many ms late, standing in for an internet
// round trip in the bench. With no delay the handler is returned untouched, so the fast path the bench
// uses as its floor costs nothing extra.

import type { IncomingMessage, ServerResponse } from "node:http";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface DelayedHandler {
  handler: Handler;
  /** Drops requests still waiting (close()). */
  cancel(): void;
}

export function delayed(handler: Handler, delayMs: number): DelayedHandler {
  if (!(delayMs > 0)) return { handler, cancel: () => undefined };
  const pending = new Set<NodeJS.Timeout>();
  return {
    handler: (req, res) => {
      const timer = setTimeout(() => {
        pending.delete(timer);
        handler(req, res);
      }, delayMs);
      pending.add(timer);
    },
    cancel: () => {
      for (const t of pending) clearTimeout(t);
      pending.clear();
    },
  };
}
