// Wires the websocket hub (public, business and private paths) and the market movers into a started stand-in (standin.ts stays a thin list).

import type { Server } from "node:http";
import { autoMove, stepMarket } from "../market/step";
import type { StandinState } from "../state";
import type { StandinOptions, WsControls } from "../types";
import { wsControls } from "./controls";
import { WsHub } from "./hub";
import { PrivateSide } from "./private/private-side";

export interface LiveMarket {
  ws: WsControls;
  step(instId: string, ticks?: number): void;
  /** reset(): every websocket fault off, the login and private-push counters back to zero. */
  reset(): void;
  close(): void;
}

export function startLiveMarket(st: StandinState, server: Server, opts: StandinOptions): LiveMarket {
  const hub = new WsHub(st.market, {
    idleMs: opts.wsIdleMs ?? 30_000,
    checksums: opts.wsChecksums ?? false,
    now: () => st.now(),
    priv: new PrivateSide(st),
  });
  hub.attach(server);
  const stopMoving = (opts.autoMoveMs ?? 0) > 0 ? autoMove(st, opts.autoMoveMs as number) : () => undefined;
  const ws = wsControls(hub);
  return {
    ws,
    reset: () => {
      ws.clearFaults();
      hub.priv.reset();
    },
    step: (instId, ticks = 1) => stepMarket(st, instId, ticks),
    close: () => {
      stopMoving();
      hub.close();
    },
  };
}
