import { isGatewayError } from "../../errors/gateway-errors";

/**
 * The one-line fix shown under a failed check, chosen by the error's kind (not its class: a plugin may
 * bring its own copy of core). `private` says whether the call used the caller's keys, which changes what
 * an exchange's refusal most likely means.
 */
export function fixFor(err: unknown, call: { private: boolean; mount: string }): string {
  const kind = isGatewayError(err) ? err.kind : "internal";
  switch (kind) {
    case "network":
      return `check ${call.mount}'s baseUrl in the config and that this machine reaches the exchange (proxy, firewall, DNS)`;
    case "timeout":
      return `the exchange did not answer in time: check the network, or raise callTimeoutMs for ${call.mount}`;
    case "rate-limited":
      return "the exchange is limiting this address or key: wait a minute and run doctor again";
    case "exchange":
      return call.private
        ? "the exchange refused the keys: check the Access Key, every part of the Secret Key, the key's read permission and its IP whitelist"
        : "the exchange refused a public call: see its code above; check the mount's options (market, baseUrl)";
    case "bad-request":
      return call.private
        ? "give --key and --secret as the message says (Secret Key parts are comma-separated)"
        : "check --symbol (FMZ form, e.g. BTC_USDT or BTC_USDT.swap) and the mount's options";
    default:
      return "this looks like an adapter bug: report it with this line";
  }
}

/** The error's message, whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
