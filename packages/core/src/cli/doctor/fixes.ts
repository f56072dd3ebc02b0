import { isGatewayError } from "../../errors/gateway-errors";

/** The call a fix is for. */
export interface FixCall {
  /** Whether the call used the caller's keys, which changes what an exchange's refusal most likely means. */
  private: boolean;
  mount: string;
  /**
   * The mounts this one reads its market data from (a paper mount's `source`). A network failure there is
   * theirs: the mount itself may have no baseUrl at all.
   */
  sources?: readonly string[];
}

/**
 * The one-line fix shown under a failed check, chosen by the error's kind (not its class: a plugin may
 * bring its own copy of core).
 */
export function fixFor(err: unknown, call: FixCall): string {
  const kind = isGatewayError(err) ? err.kind : "internal";
  const sources = call.sources ?? [];
  // Market data that comes from another mount fails where that mount reaches its exchange.
  const via = sources.length > 0 && !call.private ? sources.join(" and ") : undefined;
  const from = `${call.mount}'s market data comes from ${sources.length > 1 ? "mounts" : "mount"} ${via}`;
  switch (kind) {
    case "network":
      return via
        ? `${from}: check ${possessive(sources)} baseUrl in the config and that this machine reaches that exchange (proxy, firewall, DNS)`
        : `check ${call.mount}'s baseUrl in the config and that this machine reaches the exchange (proxy, firewall, DNS)`;
    case "timeout":
      return via
        ? `${from}, whose exchange did not answer in time: check the network, or raise callTimeoutMs for ${via} and ${call.mount}`
        : `the exchange did not answer in time: check the network, or raise callTimeoutMs for ${call.mount}`;
    case "rate-limited":
      return "the exchange is limiting this address or key: wait a minute and run doctor again";
    case "exchange":
      if (call.private) {
        return "the exchange refused the keys: check the Access Key, every part of the Secret Key, the key's read permission and its IP whitelist";
      }
      return via
        ? `${from}, whose exchange refused a public call: see its code above; check ${possessive(sources)} options (market, baseUrl)`
        : "the exchange refused a public call: see its code above; check the mount's options (market, baseUrl)";
    case "bad-request":
      return call.private
        ? "give --key and --secret as the message says (Secret Key parts are comma-separated)"
        : "check --symbol (FMZ form, e.g. BTC_USDT or BTC_USDT.swap) and the mount's options";
    default:
      return "this looks like an adapter bug: report it with this line";
  }
}

/** `OKX's`, `OKX's and BINANCE's`. */
function possessive(names: readonly string[]): string {
  return names.map((n) => `${n}'s`).join(" and ");
}

/** The error's message, whatever was thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
