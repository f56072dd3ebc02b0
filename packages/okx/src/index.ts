/**
 * @fmz-gateway/okx: the OKX v5 adapter. Importing this module registers it as "OKX" (the `@Exchange`
 * decorator does it), which is all a gateway config's `plugins: ["@fmz-gateway/okx"]` needs.
 */
export { OkxAdapter } from "./okx-adapter";
export { OKX_OPTIONS_SCHEMA, DEFAULT_BASE_URL, type OkxOptions } from "./options";
export { type OkxAuth, okxAuth } from "./auth/credentials";
export { signRequest, okxTimestamp } from "./auth/sign";
export { ENDPOINT_LIMITS, endpointLimit } from "./rest/rate-limits";
export { BARS as OKX_BARS } from "./market/records";
export { fmzSymbolOf, resolveSymbol } from "./market/symbols";
