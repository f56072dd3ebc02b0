// Wires the websocket hub and the market movers into a started stand-in (standin.ts stays a thin list).

import type { Server } from "node:http";
import { autoMove, stepMarket } from "../market/step";
import type { StandinState } from "../state";
import type { StandinOptions, WsControls } from "../types";
import { wsControls } from "./controls";
import { WsHub } from "./hub";

export interface LiveMarket {
  ws: WsControls;
  step(instId: string, ticks?: number): void;
  close(): void;
}

export function startLiveMarket(st: StandinState, server: Server, opts: StandinOptions): LiveMarket {
  const hub = new WsHub(st.market, {
    idleMs: opts.wsIdleMs ?? 30_000,
    checksums: opts.wsChecksums ?? false,
    now: () => st.now(),
  });
  hub.attach(server);
  const stopMoving = (opts.autoMoveMs ?? 0) > 0 ? autoMove(st, opts.autoMoveMs as number) : () => undefined;
  return {
    ws: wsControls(hub),
    step: (instId, ticks = 1) => stepMarket(st, instId, ticks),
    close: () => {
      stopMoving();
      hub.close();
    },
  };
}
