// Keeping a stream down for as long as a test needs: its resubscription is held at the stand-in.
import type { WsControls } from "../types";

/**
 * Runs `run` while subscriptions to `channelOrInstId` get no answer (`ws.hold`), then releases them, also
 * when `run` throws. A stream broken inside `run` stays down until it ends, however slow the machine:
 * without the hold a 20 ms backoff can heal it between two polls of a test.
 */
export async function whileHeld<T>(
  ws: Pick<WsControls, "hold" | "release">,
  channelOrInstId: string,
  run: () => Promise<T>,
): Promise<T> {
  ws.hold(channelOrInstId);
  try {
    return await run();
  } finally {
    ws.release();
  }
}
