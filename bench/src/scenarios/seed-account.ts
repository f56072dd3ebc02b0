import { call } from "../load/served";
import { liveBody } from "./keys";
import { SYMBOL, TRADE } from "./private-rows";
import { TICKER } from "./rows";

/**
 * Gives the live key's account something to report before the private rows: a resting spot buy, a
 * resting swap buy and a long swap position (one contract), placed by REST through the gateway's REST
 * mounts so the streamed mounts learn them from their snapshot. The stand-in's market stands still in the
 * bench, so the resting orders stay open and the position stays as it is for the whole run.
 */
export async function seedAccount(gatewayUrl: string): Promise<void> {
  const ticker = (await call(gatewayUrl, "OKX_REST", liveBody(TICKER, { symbol: SYMBOL }))) as {
    data: { last: number | string };
  };
  // Far enough below the market never to fill; a whole number is on every tick size.
  const below = String(Math.floor(Number(ticker.data.last) * 0.8));
  const trade = (mount: string, price: string, amount: string) =>
    call(gatewayUrl, mount, liveBody(TRADE, { symbol: SYMBOL, type: "buy", price, amount }));
  await trade("OKX_REST", below, "0.01");
  await trade("OKX_SWAP_REST", below, "1");
  await trade("OKX_SWAP_REST", "-1", "1");
}
