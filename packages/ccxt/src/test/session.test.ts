// The docker-like session that passes on @fmz-gateway/okx passes on a ccxt okx mount, same stand-in.
import { after, before, beforeEach, describe, it } from "node:test";
import { type Harness, startHarness } from "./harness";
import { spotSession, swapSession } from "./session";

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.close();
});
beforeEach(() => h.standin.reset());

describe("one docker session, two adapters", () => {
  for (const [label, mount] of [
    ["hand-written OKX adapter", "OKX"],
    ["ccxt okx", "OKXC"],
  ]) {
    it(`spot session on ${label} (/${mount})`, () => spotSession(h.client(mount), h.standin));
  }
  for (const [label, mount] of [
    ["hand-written OKX adapter", "OKX_SWAP"],
    ["ccxt okx", "OKXC_SWAP"],
  ]) {
    it(`swap session on ${label} (/${mount})`, () => swapSession(h.client(mount), h.standin));
  }
});
