// The `ws` object on OkxStandin: counters a test reads and fault switches it throws (README "Websocket").

import type { WsControls } from "../types";
import { noticeEvent } from "./events";
import type { WsHub } from "./hub";

export function wsControls(hub: WsHub): WsControls {
  return {
    connectionCount: () => hub.connections.size,
    subscriptions: () =>
      [...hub.subs.values()]
        .filter((s) => s.conns.size > 0)
        .map((s) => ({ channel: s.channel, instId: s.instId, connections: s.conns.size })),
    messagesSent: () => hub.sent,
    messagesReceived: () => hub.received,
    setChecksums: (on) => {
      hub.checksums = on;
    },
    dropAll: () => {
      for (const c of hub.connections) c.socket.terminate();
    },
    goSilent: (on) => {
      hub.faults.silent = on;
    },
    skipSequence: (instId) => hub.faults.arm("skipSequence", instId),
    resetSequence: (instId) => hub.faults.arm("resetSequence", instId),
    badChecksum: (instId) => hub.faults.arm("badChecksum", instId),
    bookHeartbeat: (instId) => {
      const now = hub.now();
      for (const sub of hub.subs.values()) {
        const feed = hub.feeds.get(sub.instId);
        if (sub.spec.kind !== "books" || feed === undefined) continue;
        if (instId === undefined || instId === sub.instId)
          hub.broadcast(sub, feed.heartbeat(now, hub.checksums));
      }
    },
    refuse: (channelOrInstId, error = {}) => {
      hub.faults.refusals.set(channelOrInstId, error);
    },
    hold: (channelOrInstId) => {
      hub.faults.holds.add(channelOrInstId);
    },
    release: () => {
      hub.faults.holds.clear();
      hub.releaseHeld();
    },
    notice: () => {
      for (const c of hub.connections) c.send(noticeEvent(c.connId), false);
    },
    clearFaults: () => {
      hub.faults.clear();
      hub.priv.clearFaults();
      hub.releaseHeld();
    },
    refuseLogins: (error) => hub.priv.refuseLogins(error),
    delayPrivate: (ms) => hub.priv.delayPrivate(ms),
    suppressOrder: (ordId) => hub.priv.suppressOrder(ordId),
    privateConnections: (apiKey) => hub.priv.privateConnections(apiKey),
    loginAttempts: (apiKey) => hub.priv.loginAttempts(apiKey),
    privatePushes: (apiKey) => hub.priv.privatePushes(apiKey),
  };
}
