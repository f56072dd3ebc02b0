/**
 * @fmz-gateway/paper: paper trading on another mount's live public data or on a built-in simulated
 * market, with balances, orders and positions kept in SQLite. Importing this module registers the
 * adapter as "PAPER".
 */
export { PaperAdapter } from "./paper-adapter";
export { PAPER_OPTIONS_SCHEMA, type PaperOptions } from "./options";
export { SimulatedMarket, FUNDING_INTERVAL_MS } from "./simulated/simulated-market";
export { SIM_INSTRUMENTS, type SimInstrument } from "./simulated/instruments";
export { type Clock, type MarketSource } from "./market/market-source";
export { PaperError, type PaperErrorCode } from "./engine/paper-error";
