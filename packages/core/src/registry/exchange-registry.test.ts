import "reflect-metadata";
import assert from "node:assert/strict";
import { test } from "node:test";
import { ExchangeAdapter } from "../adapter/exchange-adapter";
import { Exchange, exchangeRegistry, registerExchange } from "./exchange-registry";

@Exchange("RegA", { description: "first" })
class RegAdapterA extends ExchangeAdapter {}

class RegAdapterB extends ExchangeAdapter {}

test("@Exchange registers by name; lookups ignore case; each create is a fresh instance", () => {
  const reg = exchangeRegistry.get("rega");
  assert.equal(reg?.target, RegAdapterA);
  assert.equal(reg?.description, "first");
  assert.ok(exchangeRegistry.names().includes("RegA"));
  const one = exchangeRegistry.create("REGA");
  assert.ok(one instanceof RegAdapterA);
  assert.notEqual(exchangeRegistry.create("RegA"), one);
});

test("registering the same class twice is harmless; a second class under the name is an error naming both", () => {
  registerExchange("RegA", RegAdapterA);
  assert.throws(
    () => registerExchange("REGA", RegAdapterB),
    /two adapters are registered as "REGA": RegAdapterA and RegAdapterB/,
  );
});

test("an unknown adapter names what is loaded; a bad name is refused", () => {
  assert.throws(
    () => exchangeRegistry.create("Missing"),
    /no adapter named "Missing" is loaded \(loaded: .*RegA/,
  );
  assert.throws(() => registerExchange("has space", RegAdapterB), /must be 1-64 letters/);
});
