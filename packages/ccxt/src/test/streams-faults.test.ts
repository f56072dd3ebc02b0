// Streams that break on both OKX mounts, the hand-written adapter and ccxt's okx: one suite
// (stream-suite-faults.ts) run on each against a stand-in of its own.
import { describe } from "node:test";
import { faultStreamSuite } from "./stream-suite-faults";
import { STREAM_MOUNTS } from "./stream-mounts";

for (const m of STREAM_MOUNTS) {
  describe(`streams on ${m.label} (/${m.name}): faults`, () => faultStreamSuite(m));
}
