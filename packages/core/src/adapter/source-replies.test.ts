// Money between mounts as decimal text: exact from the numbers an adapter answers, and back.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Ajv from "ajv";
import { GatewayError } from "../errors/gateway-errors";
import { Dec, toNumber } from "../helpers/decimal";
import { METHOD_TABLE } from "../protocol/method-table";
import type { Depth, Funding, Market, Markets, Ticker, Trade } from "../protocol/reply-types";
import { spec } from "../protocol/method-spec";
import type { SourceBar, SourceDepthLevel, SourceFunding, SourceMarket, SourceTicker } from "./mount-source";
import { sourceReplySchema } from "./reply-conversion";
import { decimalText, sourceConversions, toProtocolReply, toSourceReply } from "./source-replies";

/** A random decimal of 1 to 15 significant digits, scaled from 1e-12 to 1e14, as canonical text. */
function randomDecimal(): string {
  const digits = 1 + Math.floor(Math.random() * 15);
  let mantissa = String(1 + Math.floor(Math.random() * 9));
  for (let i = 1; i < digits; i++) mantissa += String(Math.floor(Math.random() * 10));
  const exponent = Math.floor(Math.random() * 27) - 12;
  return new Dec(`${mantissa}e${exponent - digits + 1}`).toFixed();
}

describe("decimalText", () => {
  it("prints back exactly the decimal (up to 15 significant digits) a number came from", () => {
    for (let i = 0; i < 20_000; i++) {
      const text = randomDecimal();
      assert.equal(decimalText(Number(text)), text);
      assert.equal(decimalText(-Number(text)), `-${text}`);
    }
  });

  it("never uses an exponent, and refuses what is no number", () => {
    assert.equal(decimalText(0.1), "0.1");
    assert.equal(decimalText(0.1 + 0.2), "0.30000000000000004", "a float's noise is kept, not hidden");
    assert.equal(decimalText(1e-7), "0.0000001");
    assert.equal(decimalText(1.5e-12), "0.0000000000015");
    assert.equal(decimalText(1e21), "1000000000000000000000");
    assert.equal(decimalText(-0), "0");
    for (const bad of [NaN, Infinity, -Infinity]) {
      assert.throws(
        () => decimalText(bad, "last"),
        (err: Error) =>
          err instanceof GatewayError && err.message === `last is ${bad}: expected a finite number`,
      );
    }
  });
});

const MARKET: Market = {
  symbol: "BTC_USDT.swap",
  baseAsset: "BTC",
  quoteAsset: "USDT",
  tickSize: 0.1,
  amountSize: 0.01,
  pricePrecision: 1,
  amountPrecision: 2,
  minQty: 0.01,
  maxQty: 10000,
  minNotional: 0,
  maxNotional: 1e7,
  ctVal: 0.01,
  ctValCcy: "BTC",
};

describe("source replies", () => {
  const ticker: Ticker = {
    symbol: "BTC_USDT",
    buy: 60000.1,
    sell: 60000.2,
    high: 61000,
    low: 59000.5,
    open: 60500,
    last: 60000.1,
    vol: 1234.5678,
    time: 1_700_000_000_123,
  };

  it("a ticker's prices and volume become decimal text; its symbol and time stay as they are", () => {
    assert.deepEqual(toSourceReply("getTicker", ticker), {
      symbol: "BTC_USDT",
      buy: "60000.1",
      sell: "60000.2",
      high: "61000",
      low: "59000.5",
      open: "60500",
      last: "60000.1",
      vol: "1234.5678",
      time: 1_700_000_000_123,
    });
  });

  it("depth levels, trades, bars, markets and fundings: money as text, times and counts as numbers", () => {
    const depth: Depth = { time: 5, asks: [[0.3, 1e-7]], bids: [[0.29999, 12]] };
    assert.deepEqual(toSourceReply("getDepth", depth), {
      time: 5,
      asks: [["0.3", "0.0000001"]],
      bids: [["0.29999", "12"]],
    });
    const trade: Trade = { id: "7", time: 9, price: 2.5, amount: 0.001, type: "sell" };
    assert.deepEqual(toSourceReply("getTrades", [trade]), [
      { id: "7", time: 9, price: "2.5", amount: "0.001", type: "sell" },
    ]);
    assert.deepEqual(toSourceReply("getRecords", [[1_700_000_000, 1.1, 1.3, 1, 1.2, 42.5]]), [
      [1_700_000_000, "1.1", "1.3", "1", "1.2", "42.5"],
    ]);
    const markets: Markets = { "BTC_USDT.swap": MARKET };
    assert.deepEqual(toSourceReply("getMarkets", markets)["BTC_USDT.swap"], {
      ...markets["BTC_USDT.swap"],
      tickSize: "0.1",
      amountSize: "0.01",
      minQty: "0.01",
      maxQty: "10000",
      minNotional: "0",
      maxNotional: "10000000",
      ctVal: "0.01",
    });
    const funding: Funding = { symbol: "BTC_USDT.swap", rate: -0.0001, interval: 28_800_000, time: 10 };
    assert.deepEqual(toSourceReply("getFundings", [funding]), [{ ...funding, rate: "-0.0001" }]);
  });

  it("back to the protocol's numbers unchanged, for a reading mount's own reply", () => {
    const depth: Depth = { time: 5, asks: [[60000.1, 0.00001]], bids: [[60000, 1e-7]] };
    assert.deepEqual(toProtocolReply("getDepth", toSourceReply("getDepth", depth)), depth);
    assert.deepEqual(toProtocolReply("getTicker", toSourceReply("getTicker", ticker)), ticker);
    assert.deepEqual(toProtocolReply("getTickers", toSourceReply("getTickers", [ticker])), [ticker]);
    for (let i = 0; i < 1_000; i++) {
      const n = Number(randomDecimal());
      assert.equal(toNumber(decimalText(n)), n);
    }
  });

  it("a market named __proto__ stays a market of its own", () => {
    const markets = JSON.parse(`{"__proto__": ${JSON.stringify(MARKET)}}`) as Markets;
    const out = toSourceReply("getMarkets", markets);
    assert.ok(Object.hasOwn(out, "__proto__"));
    assert.equal(Object.getPrototypeOf(out), Object.prototype);
    assert.equal(out["__proto__"].tickSize, "0.1");
  });

  it("a money field that is not a finite number is refused, naming the field", () => {
    assert.throws(
      () => toSourceReply("getTicker", { ...ticker, last: NaN }),
      /^GatewayError: last is NaN: expected a finite number$/,
    );
  });

  it("names where in a nested reply a bad value is, both ways", () => {
    const depth = {
      time: 5,
      asks: [[1, 2]],
      bids: [
        [1, 2],
        [0.5, Infinity],
      ],
    } as Depth;
    assert.throws(() => toSourceReply("getDepth", depth), {
      name: "GatewayError",
      message: "bids[1][1] is Infinity: expected a finite number",
    });
    const markets = { "BTC_USDT.swap": { ...MARKET, tickSize: "0.1" } } as unknown as Markets;
    assert.throws(() => toSourceReply("getMarkets", markets), {
      message: '["BTC_USDT.swap"].tickSize is "0.1": expected a finite number',
    });
    const text = toSourceReply("getTrades", [{ id: "1", time: 1, price: 2, amount: 3, type: "buy" }]);
    assert.throws(() => toProtocolReply("getTrades", [{ ...text[0], amount: "lots" }]), {
      message: '[0].amount is not decimal text: cannot read "lots" as a number: expected finite decimal text',
    });
    assert.throws(() => toProtocolReply("getTrades", [{ ...text[0], amount: 3 as unknown as string }]), {
      message: "[0].amount is 3: expected decimal text",
    });
    assert.throws(() => toSourceReply("getTicker", null as unknown as Ticker), {
      message: "the reply is null: expected an object",
    });
  });

  it("every public reply's source form fits its schema's decimal-text twin, and only that", () => {
    const ajv = new Ajv({ strict: false });
    const replies = {
      getTicker: ticker,
      getTickers: [ticker],
      getDepth: { time: 5, asks: [[0.3, 1e-7]], bids: [[0.29999, 12]] },
      getTrades: [{ id: "7", time: 9, price: 2.5, amount: 0.001, type: "sell" }],
      getRecords: [[1_700_000_000, 1.1, 1.3, 1, 1.2, 42.5]],
      getMarkets: { "BTC_USDT.swap": MARKET },
      getFundings: [{ symbol: "BTC_USDT.swap", rate: -0.0001, interval: 28_800_000, time: 10 }],
    } as const;
    const publics = METHOD_TABLE.filter((s) => !s.private);
    assert.deepEqual(Object.keys(replies).sort(), publics.map((s) => s.method).sort());
    for (const s of publics) {
      const reply = replies[s.method];
      assert.ok(ajv.validate(s.replySchema, reply), `${s.method}: the sample fits its own schema`);
      const source = sourceConversions().get(s.method)?.toSource(reply);
      assert.ok(ajv.validate(sourceReplySchema(s.replySchema), source), `${s.method}: ${ajv.errorsText()}`);
      assert.ok(!ajv.validate(sourceReplySchema(s.replySchema), reply), `${s.method}: numbers are not text`);
    }
  });

  it("types: money is text, times, intervals and digit counts stay numbers", () => {
    // Checked by the compiler: each line fails the build if the derived type says otherwise.
    const level: SourceDepthLevel = ["1", "2"];
    const bar: SourceBar = [1, "1", "1", "1", "1", "1"];
    const t: Pick<SourceTicker, "buy" | "time"> = { buy: "1", time: 1 };
    const f: Pick<SourceFunding, "rate" | "interval" | "time"> = { rate: "0", interval: 1, time: 1 };
    const m: Pick<SourceMarket, "tickSize" | "pricePrecision" | "amountPrecision"> = {
      tickSize: "0.1",
      pricePrecision: 1,
      amountPrecision: 2,
    };
    // @ts-expect-error a price as a float does not cross between mounts
    const wrong: Pick<SourceTicker, "buy"> = { buy: 1 };
    assert.ok([level, bar, t, f, m, wrong].length === 6);
  });
});

describe("the conversion is derived from any reply schema", () => {
  const QUOTE = {
    type: "object",
    required: ["price"],
    properties: {
      price: { type: "number" },
      size: { type: "number" },
      level: { enum: [0, 1] },
      count: { type: "integer" },
      venue: {
        anyOf: [
          { type: "object", required: ["fee"], properties: { fee: { type: "number" } } },
          { type: "string" },
        ],
      },
      fills: {
        type: "array",
        items: [{ type: "integer" }],
        additionalItems: { type: "number" },
      },
    },
    additionalProperties: { type: "array", items: { type: "number" } },
  } as const;
  const table = [
    spec({
      wire: "quote",
      aliases: [],
      method: "getQuote",
      fmz: "GetQuote",
      private: false,
      paramsSchema: { type: "object" },
      replySchema: QUOTE,
      parse: () => ({}),
    }),
    spec({
      wire: "secret",
      aliases: [],
      method: "getSecret",
      fmz: "GetSecret",
      private: true,
      paramsSchema: { type: "object" },
      replySchema: { type: "number" },
      parse: () => ({}),
    }),
  ] as const;

  it("walks properties, additionalProperties, tuples, their rest and anyOf; integers and enums stay", () => {
    const reply = {
      price: 0.1,
      level: 1 as const,
      count: 3,
      venue: { fee: 0.0002 },
      fills: [7, 0.5, 1e-7] as [number, ...number[]],
      other: [1.5, 2],
    };
    const source = toSourceReply("getQuote", reply, table);
    assert.deepEqual(source, {
      price: "0.1",
      level: 1,
      count: 3,
      venue: { fee: "0.0002" },
      fills: [7, "0.5", "0.0000001"],
      other: ["1.5", "2"],
    });
    assert.ok(!("size" in source), "an optional field left out stays out");
    assert.deepEqual(toProtocolReply("getQuote", source, table), reply);
    const named = toSourceReply("getQuote", { price: 2, venue: "OKX" }, table);
    assert.deepEqual(named, { price: "2", venue: "OKX" }, "the text alternative is left as it is");
    assert.deepEqual(toProtocolReply("getQuote", named, table), { price: 2, venue: "OKX" });
  });

  it("converts a private method never, and refuses a schema it cannot follow at compile time", () => {
    assert.deepEqual([...sourceConversions(table).keys()], ["getQuote"]);
    assert.throws(() => toSourceReply("getSecret" as "getQuote", { price: 1 }, table), {
      message: "getSecret is not a public method: a mount source answers public methods only",
    });
    const withAllOf = [{ ...table[0], replySchema: { allOf: [{ type: "number" }] } }] as const;
    assert.throws(() => sourceConversions(withAllOf), {
      message:
        'getQuote reply schema: "allOf" is not supported where money may be; describe the reply with properties, items, additionalProperties, anyOf or oneOf',
    });
  });
});
