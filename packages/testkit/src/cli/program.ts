import { Command, CommanderError, Option } from "commander";
import { formatReport } from "../conformance/format-report";
import { SUITE_METHODS } from "../conformance/methods";
import { runConformance } from "../conformance/run-conformance";
import type { ConformanceTarget } from "../conformance/types";

export interface ConformanceCliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** Exit codes: 0 nothing wrong, 1 some method wrong, 2 the command line itself was wrong. */
export const EXIT_OK = 0;
export const EXIT_WRONG = 1;
export const EXIT_USAGE = 2;

interface Flags {
  url: string;
  exchange: string;
  accessKey?: string;
  secretKey?: string;
  symbol: string;
  range?: string;
  orderPrice?: string;
  orderAmount?: string;
  orderSide: "buy" | "sell";
  orderLog?: string;
  marketBuyQuote?: string;
  marketSellBase?: string;
  method: string[];
  json?: boolean;
}

function buildCommand(io: ConformanceCliIo): Command {
  return new Command("fmz-conformance")
    .description("Check one exchange mount of a running fmz-gateway against the FMZ custom protocol")
    .requiredOption("--exchange <name>", "the mount to test (the path segment, e.g. OKX)")
    .requiredOption("--symbol <symbol>", "an instrument to exercise: BTC_USDT or BTC_USDT.swap")
    .option("--url <url>", "gateway root", "http://127.0.0.1:6666")
    .option("--access-key <key>", "exchange Access Key (default: $FMZ_ACCESS_KEY)")
    .option("--secret-key <secret>", "exchange Secret Key, extras comma-separated (default: $FMZ_SECRET_KEY)")
    .option("--range <range>", "a range for orders and positions, e.g. USDT.swap")
    .option(
      "--order-price <price>",
      "price of a resting limit order to place and cancel (far from the market)",
    )
    .option("--order-amount <amount>", "amount of that order (on the lot, above the minimum)")
    .addOption(
      new Option("--order-side <side>", "side of that order").choices(["buy", "sell"]).default("buy"),
    )
    .option(
      "--order-log <url>",
      'a URL answering GET with {"orders": [...]}: every order the exchange (or stand-in) received',
    )
    .option(
      "--market-buy-quote <amount>",
      "place a market buy spending this much quote currency (contracts on a contract)",
    )
    .option("--market-sell-base <amount>", "and a market sell of this much base currency (contracts)")
    .option(
      "--method <name>",
      `only this method; repeatable (${SUITE_METHODS.join(", ")})`,
      (v: string, acc: string[]) => [...acc, v],
      [],
    )
    .option("--json", "print the reports as JSON instead of a table")
    .addHelpText(
      "after",
      `
Keys are best passed in FMZ_ACCESS_KEY and FMZ_SECRET_KEY (command lines are visible to other users).
Without keys, private methods are skipped; without --order-price and --order-amount, no order is placed.
Market orders (--market-buy-quote and --market-sell-base, both or neither) fill at the market: the account
must hold enough of both currencies.
Exit code: 0 when no method is wrong, 1 when one is, 2 on a bad command line.

Example:
  fmz-conformance --url http://127.0.0.1:6666 --exchange OKX --symbol BTC_USDT \\
    --order-price 10000 --order-amount 0.0001`,
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
}

/** The `fmz-conformance` command; answers its exit code instead of exiting, so tests can run it. */
export async function runConformanceCli(
  argv: readonly string[],
  io: ConformanceCliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const cmd = buildCommand(io);
  try {
    cmd.parse(["node", "fmz-conformance", ...argv]);
  } catch (err) {
    if (
      err instanceof CommanderError &&
      (err.code === "commander.helpDisplayed" || err.code === "commander.version")
    ) {
      return EXIT_OK;
    }
    return EXIT_USAGE; // commander already printed why
  }
  const flags = cmd.opts<Flags>();
  if ((flags.orderPrice === undefined) !== (flags.orderAmount === undefined)) {
    io.err("fmz-conformance: give both --order-price and --order-amount, or neither");
    return EXIT_USAGE;
  }
  if ((flags.marketBuyQuote === undefined) !== (flags.marketSellBase === undefined)) {
    io.err("fmz-conformance: give both --market-buy-quote and --market-sell-base, or neither");
    return EXIT_USAGE;
  }
  const target: ConformanceTarget = {
    baseUrl: flags.url,
    exchange: flags.exchange,
    accessKey: flags.accessKey ?? env.FMZ_ACCESS_KEY,
    secretKey: flags.secretKey ?? env.FMZ_SECRET_KEY,
    symbol: flags.symbol,
    range: flags.range,
    order:
      flags.orderPrice !== undefined && flags.orderAmount !== undefined
        ? { price: flags.orderPrice, amount: flags.orderAmount, side: flags.orderSide }
        : undefined,
    methods: flags.method.length > 0 ? flags.method : undefined,
    orderLog: flags.orderLog,
    marketOrders:
      flags.marketBuyQuote !== undefined && flags.marketSellBase !== undefined
        ? { buyQuote: flags.marketBuyQuote, sellBase: flags.marketSellBase }
        : undefined,
  };
  let reports;
  try {
    reports = await runConformance(target);
  } catch (err) {
    io.err(`fmz-conformance: ${(err as Error).message}`);
    return EXIT_USAGE;
  }
  io.out(flags.json ? JSON.stringify(reports, null, 2) : formatReport(reports));
  return reports.some((r) => r.verdict === "wrong") ? EXIT_WRONG : EXIT_OK;
}
