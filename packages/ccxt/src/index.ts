/**
 * @fmz-gateway/ccxt: every exchange ccxt knows, through FMZ's custom protocol. Importing this module
 * registers the `ccxt` adapter; mount it with `{"adapter": "ccxt", "options": {"exchange": "kraken"}}`.
 */
import "reflect-metadata";

export { CcxtAdapter } from "./ccxt-adapter";
export {
  type CcxtOptions,
  type MountMarket,
  optionsSchema,
  resolveExchangeId,
  closeMatches,
} from "./options";
export { credentialLayout, mapCredentials, secretKeyFormat, type CredentialLayout } from "./credentials";
export { resolveInstrument, fmzSymbolOf, classifyExpiries } from "./symbols";
export { mapCcxtError, parseCcxtMessage } from "./errors";
export { fmzStatus, toFmzOrder } from "./orders";
export { methodMatrix, MATRIX_METHODS, type MatrixRow } from "./tools/matrix";
