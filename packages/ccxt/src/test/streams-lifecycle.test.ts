// How long streams live on both OKX mounts, the hand-written adapter and ccxt's okx: one suite
// (stream-suite-lifecycle.ts) run on each.
import { describe } from "node:test";
import { lifecycleStreamSuite } from "./stream-suite-lifecycle";
import { STREAM_MOUNTS } from "./stream-mounts";

for (const m of STREAM_MOUNTS) {
  describe(`streams on ${m.label} (/${m.name}): lifecycle`, () => lifecycleStreamSuite(m));
}
