// startOkxStandin(): wires state and HTTP server together and exposes the test-facing controls.

import { createServer, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { DEFAULT_CREDENTIALS } from "./auth/credentials";
import { formatDecimal, parseDecimal, parseSignedDecimal } from "./decimal";
import { INSTRUMENTS, futuresRows } from "./instruments";
import { delayed } from "./http/delay";
import { createRequestHandler } from "./server";
import { StandinState } from "./state";
import { orderSnapshot } from "./trading/order";
import type { OkxStandin, StandinOptions } from "./types";
import { startLiveMarket } from "./ws/live-market";

export async function startOkxStandin(opts: StandinOptions = {}): Promise<OkxStandin> {
  const host = opts.host ?? "127.0.0.1";
  const st = new StandinState({
    credentials: opts.credentials ?? DEFAULT_CREDENTIALS,
    enforceRateLimits: opts.enforceRateLimits ?? true,
    timeWindowMs: opts.timeWindowMs ?? 30_000,
    maxRecordedRequests: opts.maxRecordedRequests ?? 100_000,
    clockOffsetMs: opts.clockOffsetMs ?? 0,
  });
  const hung = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const rest = delayed(createRequestHandler(st, hung), opts.restDelayMs ?? 0);
  const server = createServer({ keepAlive: true }, rest.handler);
  // Websockets upgrade on the same port (/ws/v5/public, /ws/v5/business, /ws/v5/private).
  const live = startLiveMarket(st, server, opts);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : (opts.port ?? 0);
  const urlHost = host.includes(":") ? `[${host}]` : host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      live.close();
      rest.cancel();
      server.close(() => resolve());
      // Idle keep-alive sockets and hung requests would otherwise hold close() open forever.
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      hung.clear();
    });
    return closing;
  };

  return {
    url: `http://${urlHost}:${port}`,
    port,
    close,
    addCredential: (c) => st.addCredential(c),
    faults: { add: (f) => st.faults.add(f), clear: () => st.faults.clear() },
    requests: st.requests,
    clearRequests: () => {
      st.requests.length = 0;
    },
    orders: () => {
      const all = [...st.accounts.values()].flatMap((a) => a.orders);
      all.sort((a, b) => (a.ordIdNum < b.ordIdNum ? -1 : a.ordIdNum > b.ordIdNum ? 1 : 0));
      return all.map(orderSnapshot);
    },
    setBalance: (apiKey, ccy, amount) => {
      const acct = st.accounts.get(apiKey);
      if (acct === undefined) throw new Error(`setBalance: unknown apiKey ${apiKey}`);
      const value = parseSignedDecimal(amount);
      if (value === undefined) throw new Error(`setBalance: "${amount}" is not a plain decimal`);
      const now = st.now();
      acct.bal(ccy).cash = value;
      acct.uTime = now;
      st.engine.changes.touch(acct, now, "transferred");
    },
    fillOrder: (ordId, sz) => {
      const o = [...st.accounts.values()].map((a) => a.byOrdId.get(ordId)).find((x) => x !== undefined);
      if (o === undefined) throw new Error(`fillOrder: unknown order ${ordId}`);
      const q = parseDecimal(sz);
      if (q === undefined) throw new Error(`fillOrder: "${sz}" is not a plain decimal`);
      st.engine.fillOrder(o, q, st.now());
    },
    setTicker: (instId, fields) => {
      st.market.set(instId, fields);
      // The stand-in's clock, as REST handlers and step() use, so uTimes agree whichever moved the market.
      st.engine.matchResting(instId, st.now());
    },
    reset: () => {
      st.reset();
      live.reset();
    },
    step: live.step,
    ws: live.ws,
    setClockOffset: (offsetMs) => {
      if (!Number.isFinite(offsetMs)) throw new Error(`setClockOffset: ${offsetMs} is not a number of ms`);
      st.clockOffsetMs = offsetMs;
    },
    setFunding: (instId, funding) => {
      if (!INSTRUMENTS.some((i) => i.instId === instId && i.instType === "SWAP")) {
        throw new Error(`setFunding: ${instId} is not a swap of the stand-in`);
      }
      if (funding === undefined) {
        st.funding.delete(instId);
        return;
      }
      const rate = parseSignedDecimal(funding.rate);
      if (!Number.isSafeInteger(funding.time) || funding.time < 0 || rate === undefined) {
        throw new Error(
          `setFunding: time must be whole ms and rate a plain decimal (got ${JSON.stringify(funding)})`,
        );
      }
      st.funding.set(instId, { time: funding.time, rate: formatDecimal(rate) });
    },
    now: () => st.now(),
    futures: () =>
      futuresRows(st.now()).map(({ inst, alias }) => ({
        instId: inst.instId,
        alias,
        expTime: inst.expTime ?? 0,
      })),
  };
}
