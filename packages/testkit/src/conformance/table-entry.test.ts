import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import {
  type AdapterMethods,
  type CallContext,
  ExchangeAdapter,
  METHOD_TABLE,
  PUBLIC_METHODS,
  type PublicMethodOf,
  type ResultOf,
  installUnsupportedDefaults,
  listSchemaOf,
  type Mount,
  methodResolver,
  mountSource,
  publicMethods,
  silentLogger,
  spec,
  supportedMethods,
  symbolParam,
  toProtocolReply,
  wireNames,
} from "@fmz-gateway/core";
import { UNKNOWN_METHOD_PROBE, selectMethods, suiteMethods } from "./methods";
import { runConformance } from "./run-conformance";

/** The one entry a new method takes: here a public `liquidations` list, unknown to the core's table. */
const LIQUIDATIONS = spec({
  wire: "liquidations",
  aliases: ["getliquidations"],
  method: "getLiquidations",
  fmz: "GetLiquidations",
  private: false,
  paramsSchema: {
    type: "object",
    required: ["symbol"],
    properties: { symbol: { type: "string", minLength: 1 } },
  },
  parse: (raw) => ({ symbol: symbolParam(raw) }),
  replySchema: listSchemaOf({
    type: "object",
    additionalProperties: false,
    required: ["symbol", "price", "amount", "time"],
    properties: {
      symbol: { type: "string" },
      price: { type: "number" },
      amount: { type: "number" },
      time: { type: "integer" },
    },
  }),
});
const TABLE = [...METHOD_TABLE, LIQUIDATIONS] as const;

type Methods = AdapterMethods<object, typeof TABLE>;
type Liquidation = Awaited<ReturnType<Methods["getLiquidations"]>>[number];

/** The base class as derived from the wider table. */
abstract class WiderBase extends ExchangeAdapter<object> {}
installUnsupportedDefaults(WiderBase.prototype, TABLE);

class WithoutLiquidations extends WiderBase {
  override async getTicker(): Promise<ResultOf<"getTicker">> {
    return {
      symbol: "BTC_USDT",
      buy: 1,
      sell: 2,
      high: 3,
      low: 1,
      open: 1,
      last: 2,
      vol: 5,
      time: Date.now(),
    };
  }
}

class WithLiquidations extends WithoutLiquidations {
  /** What the next call answers; a test sets a malformed one to see the generic check refuse it. */
  reply: unknown[] | undefined;
  lastSymbol: string | undefined;

  async getLiquidations(
    _ctx: CallContext<object>,
    p: Parameters<Methods["getLiquidations"]>[1],
  ): Promise<Liquidation[]> {
    this.lastSymbol = p.symbol.text;
    return (
      (this.reply as Liquidation[] | undefined) ?? [
        { symbol: p.symbol.text, price: 60000.5, amount: 0.25, time: Date.now() },
      ]
    );
  }
}

const NO_CONTEXT = {} as CallContext<object>;

/**
 * A gateway as small as it gets, built only from the wider table: it resolves the docker's method name,
 * checks and parses the params, and calls the adapter, answering `{"data"}` or `{"error"}` like the host.
 */
async function serve(adapters: Record<string, ExchangeAdapter<object>>): Promise<http.Server> {
  const resolve = methodResolver(TABLE);
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        method: string;
        params: Record<string, unknown>;
      };
      const adapter = adapters[decodeURIComponent((req.url ?? "/").slice(1))];
      const answer = async (): Promise<unknown> => {
        const resolved = resolve(body.method);
        if (!resolved) throw new Error(`unknown method "${body.method}"`);
        if (!resolved.validate(body.params)) throw new Error("invalid params");
        const params = resolved.spec.parse(body.params, { wireMethod: body.method });
        const fn = (adapter as unknown as Record<string, (c: unknown, p: unknown) => Promise<unknown>>)[
          resolved.spec.method
        ];
        return fn.call(adapter, NO_CONTEXT, params);
      };
      answer().then(
        (data) => res.end(JSON.stringify({ data })),
        (err: Error) => res.end(JSON.stringify({ error: err.message })),
      );
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

describe("a method added through one table entry", () => {
  const without = new WithoutLiquidations();
  const withIt = new WithLiquidations();
  let server: http.Server;
  let baseUrl: string;

  before(async () => {
    server = await serve({ WITHOUT: without, WITH: withIt });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  it("gets a 'not supported' default in the base class derived from the table", async () => {
    const adapter = without as unknown as Methods;
    await assert.rejects(
      adapter.getLiquidations(NO_CONTEXT, { symbol: symbolParam({ symbol: "BTC_USDT" }) }),
      {
        message: "not supported: liquidations",
      },
    );
    // The core's own methods keep their defaults on the wider base.
    await assert.rejects(adapter.getMarkets(NO_CONTEXT, {}), { message: "not supported: markets" });
  });

  it("is listed by supportedMethods where an adapter implements it, in table order", () => {
    assert.deepEqual(supportedMethods(withIt, TABLE, WiderBase.prototype), ["getTicker", "getLiquidations"]);
    assert.deepEqual(supportedMethods(without, TABLE, WiderBase.prototype), ["getTicker"]);
  });

  it("joins the public methods a mount may call on another, and the wire names", () => {
    const names: readonly PublicMethodOf<typeof TABLE>[] = publicMethods(TABLE);
    assert.deepEqual(names, [...PUBLIC_METHODS, "getLiquidations"]);
    assert.ok(
      !(PUBLIC_METHODS as readonly string[]).includes("getLiquidations"),
      "the core's own set is unchanged",
    );
    const privateTable = [...METHOD_TABLE, { ...LIQUIDATIONS, private: true as const }] as const;
    assert.deepEqual(publicMethods(privateTable), PUBLIC_METHODS, "a private method is never public");
    assert.equal(wireNames(TABLE).get("getLiquidations"), "liquidations");
    assert.equal(methodResolver(TABLE)("GetLiquidations")?.spec, LIQUIDATIONS);
  });

  it("joins the testkit's suite before the unknown-method probe, aliases included", () => {
    const suite = suiteMethods(TABLE);
    assert.deepEqual(suite.slice(-2), ["liquidations", UNKNOWN_METHOD_PROBE]);
    assert.deepEqual(suite.slice(0, -2), suiteMethods(METHOD_TABLE).slice(0, -1));
    assert.deepEqual(selectMethods(["GetLiquidations", "ticker"], TABLE), ["ticker", "liquidations"]);
  });

  it("is run by the generic check: called with the target's symbol, judged by its reply schema", async () => {
    const target = (exchange: string) => ({
      baseUrl,
      exchange,
      symbol: "ETH_USDT",
      methods: ["liquidations"],
    });
    assert.deepEqual(await runConformance(target("WITH"), TABLE), [
      { method: "liquidations", verdict: "correct" },
    ]);
    assert.equal(withIt.lastSymbol, "ETH_USDT");

    withIt.reply = [{ symbol: "ETH_USDT", price: "lots", amount: 1, time: 1 }];
    const [wrong] = await runConformance(target("WITH"), TABLE);
    assert.equal(wrong.verdict, "wrong");
    assert.equal(wrong.reason, 'data[0].price must be a number or numeric string (got "lots")');

    withIt.reply = [{ symbol: "ETH_USDT", price: 1, amount: 1, time: 1.5 }];
    const [fractionalTime] = await runConformance(target("WITH"), TABLE);
    assert.equal(fractionalTime.reason, "data[0].time must be an integer or numeric string (got 1.5)");

    withIt.reply = [{ symbol: "ETH_USDT", price: "60000.5", amount: 1, time: 1 }];
    const [lenient] = await runConformance(target("WITH"), TABLE);
    assert.equal(lenient.verdict, "correct", "a numeric string passes, as the protocol allows");

    assert.deepEqual(await runConformance(target("WITHOUT"), TABLE), [
      { method: "liquidations", verdict: "not-supported", reason: "not supported: liquidations" },
    ]);
  });

  it("is callable through a mount source, its money as decimal text, with no other declaration", async () => {
    // A mount as the host builds it (host/mounts.ts), serving the adapter that implements the new method.
    const mount: Mount = {
      name: "WITH",
      adapterName: "LIQTEST",
      adapter: withIt,
      options: {},
      callTimeoutMs: 5_000,
      logger: silentLogger(),
    };
    const source = mountSource(mount, TABLE);
    withIt.reply = [{ symbol: "BTC_USDT", price: 0.1, amount: 1e-7, time: 1_700_000_000_123 }];
    // Typed from the entry's reply schema: `number` (money) arrives as text, `integer` as a number.
    const got: { symbol: string; price: string; amount: string; time: number }[] = await source.call(
      "getLiquidations",
      { symbol: symbolParam({ symbol: "BTC_USDT" }) },
    );
    assert.deepEqual(got, [
      { symbol: "BTC_USDT", price: "0.1", amount: "0.0000001", time: 1_700_000_000_123 },
    ]);
    assert.equal(withIt.lastSymbol, "BTC_USDT");
    assert.deepEqual(
      toProtocolReply("getLiquidations", got, TABLE),
      withIt.reply,
      "and back to the protocol's numbers unchanged",
    );

    withIt.reply = [{ symbol: "BTC_USDT", price: Number.NaN, amount: 1, time: 1 }];
    await assert.rejects(source.call("getLiquidations", { symbol: symbolParam({ symbol: "BTC_USDT" }) }), {
      message: "WITH liquidations: [0].price is NaN: expected a finite number",
    });

    // The core's own table has no such method: a source over it refuses the name before calling anyone.
    withIt.lastSymbol = undefined;
    const coreSource = mountSource(mount);
    await assert.rejects(
      coreSource.call("getLiquidations" as "getFundings", { symbol: symbolParam({ symbol: "ETH_USDT" }) }),
      { message: "getLiquidations is not a public method: a mount source answers public methods only" },
    );
    assert.equal(withIt.lastSymbol, undefined);
    withIt.reply = undefined;
  });
});
