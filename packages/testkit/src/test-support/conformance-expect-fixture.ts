import { after, before, describe } from "node:test";
import type { Gateway } from "@fmz-gateway/core";
import { conformanceTests } from "../conformance/node-tests";
import { SPOT_ONLY_EXCHANGE, startMemoryGateway } from "./memory-exchange";

// Run by node-tests.test.ts in a child `node --test`: a ticker-only mount held to expectations that are
// partly wrong, so each way a strict test can fail shows once.
let gateway: Gateway;
before(async () => {
  gateway = await startMemoryGateway({ SPOT: { adapter: SPOT_ONLY_EXCHANGE } });
});
after(() => gateway.close());

describe("STRICT", () => {
  conformanceTests(
    () => ({
      baseUrl: gateway.url,
      exchange: "SPOT",
      accessKey: "fixture-key",
      secretKey: "fixture-secret",
      symbol: "BTC_USDT",
      methods: ["ticker", "depth", "positions", "order"],
    }),
    // `position` is an alias of positions; the ticker is wrongly expected not supported.
    { notSupported: ["position", "ticker"] },
  );
});
