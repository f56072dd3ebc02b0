import { after, before, describe } from "node:test";
import type { Gateway } from "@fmz-gateway/core";
import { conformanceTests } from "../conformance/node-tests";
import { MEMORY_EXCHANGE, SPOT_ONLY_EXCHANGE, startMemoryGateway } from "./memory-exchange";

// Run by node-tests.test.ts in a child `node --test`: one mount with a fault, one with methods left out.
let gateway: Gateway;
before(async () => {
  gateway = await startMemoryGateway({
    BAD: { adapter: MEMORY_EXCHANGE, options: { faults: ["depth-asks-descending"] } },
    SPOT: { adapter: SPOT_ONLY_EXCHANGE },
  });
});
after(() => gateway.close());

describe("BAD", () => {
  conformanceTests(() => ({
    baseUrl: gateway.url,
    exchange: "BAD",
    symbol: "BTC_USDT",
    methods: ["ticker", "depth"],
  }));
});

describe("SPOT", () => {
  conformanceTests(() => ({
    baseUrl: gateway.url,
    exchange: "SPOT",
    accessKey: "fixture-key",
    secretKey: "fixture-secret",
    symbol: "BTC_USDT",
  }));
});
