// The stand-in's side of a gateway's websocket subscriptions: what it really holds, not what the
// gateway believes it holds.
import type { WsControls } from "../types";

/** The instIds the stand-in holds a subscription for on one channel, sorted. */
export function subscribed(ws: Pick<WsControls, "subscriptions">, channel: string): string[] {
  return ws
    .subscriptions()
    .filter((s) => s.channel === channel)
    .map((s) => s.instId)
    .sort();
}
