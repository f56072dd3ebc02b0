// Data frames for the channels other than books (reference okx-ws.md §2.4, §3): `{"arg":{…},"data":[…]}`.

import type { SyntheticTrade } from "../market/trades";

export function pushFrame(argJson: string, dataJson: string): string {
  return `{"arg":${argJson},"data":[${dataJson}]}`;
}

/** A `trades` row: REST's fields plus the websocket's count, source and integer seqId (§3.2). */
export function tradeRowJson(t: SyntheticTrade): string {
  return (
    `{"instId":"${t.instId}","tradeId":"${t.tradeId}","px":"${t.px}","sz":"${t.sz}","side":"${t.side}",` +
    `"ts":"${t.ts}","count":"1","source":"0","seqId":${t.tradeId}}`
  );
}
