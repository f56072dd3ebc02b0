/**
 * @fmz-gateway/example-demoex: importing this module registers the DEMOEX adapter (its `@Exchange`
 * decorator runs), which is all a gateway needs to load it as a plugin:
 *
 *   { "plugins": ["./examples/custom-exchange/dist/index.js"],
 *     "exchanges": { "DEMOEX": { "adapter": "DEMOEX", "options": { "baseUrl": "http://127.0.0.1:18201" } } } }
 */
export { DemoExAdapter } from "./demoex-adapter";
export { type DemoExOptions, DEFAULT_BASE_URL, demoExOptionsSchema } from "./options";
export { signRequest } from "./sign";
export type * from "./api-types";
