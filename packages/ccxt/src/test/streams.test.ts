// Market data from streams on both OKX mounts, the hand-written adapter and ccxt's okx, one suite
// (stream-suite-market.ts) run on each against a stand-in of its own.
import { describe } from "node:test";
import { marketStreamSuite } from "./stream-suite-market";
import { STREAM_MOUNTS } from "./stream-mounts";

for (const m of STREAM_MOUNTS) {
  describe(`streams on ${m.label} (/${m.name}): ticker, depth, records, trades`, () => marketStreamSuite(m));
}
