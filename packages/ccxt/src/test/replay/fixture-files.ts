// ccxt's recorded responses and markets, as copied into this package (see fixtures/README.md). Tests
// run from dist/, so the JSON is read from the package's source folder, found from the package root.
import fs from "node:fs";
import path from "node:path";

/** One recorded call: ccxt's unified method, its arguments, the exchange's raw reply, ccxt's parse. */
export interface FixtureEntry {
  readonly description: string;
  readonly method: string;
  readonly input: unknown[];
  readonly httpResponse: unknown;
  readonly parsedResponse: unknown;
}

export interface ExchangeFixture {
  readonly exchange: string;
  /** The fixture file's own instance options (ccxt's static tests apply them too). */
  readonly options: Record<string, unknown>;
  readonly entries: readonly FixtureEntry[];
  /** Unified symbol → ccxt market, metadata keys (`__…`) stripped. */
  readonly markets: Record<string, Record<string, unknown>>;
}

function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

export const FIXTURE_DIR = path.join(packageRoot(), "src", "test", "replay", "fixtures");

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
}

export function loadFixture(exchange: string): ExchangeFixture {
  const dir = path.join(FIXTURE_DIR, exchange);
  const response = readJson(path.join(dir, "response.json")) as {
    options?: Record<string, unknown>;
    methods: Record<string, FixtureEntry[]>;
  };
  const rawMarkets = readJson(path.join(dir, "markets.json")) as Record<string, Record<string, unknown>>;
  const markets = Object.fromEntries(Object.entries(rawMarkets).filter(([k]) => !k.startsWith("__")));
  const entries = Object.entries(response.methods).flatMap(([method, list]) =>
    list.map((e) => ({ ...e, method: e.method ?? method })),
  );
  return { exchange, options: response.options ?? {}, entries, markets };
}

/** Every exchange with a fixture folder, sorted. */
export function fixtureExchanges(): string[] {
  return fs
    .readdirSync(FIXTURE_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
