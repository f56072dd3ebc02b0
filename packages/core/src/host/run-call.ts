import type { CallContext } from "../adapter/call-context";
import { type Credentials, credentialSecrets } from "../adapter/credentials";
import { CallDeadline } from "../calls/deadline";
import { TimeoutError } from "../errors/gateway-errors";
import { type Logger, secretScrubbingLogger } from "../logging/logger";
import type { Mount } from "./mounts";

/** What an adapter call produced: its data, and the exchange's own response when it attached one. */
export interface CallOutcome {
  data: unknown;
  raw?: unknown;
}

/**
 * Runs one adapter call on a mount with a proper CallContext: the caller's credentials, the mount's
 * options and logger, the mount's call deadline (calls/deadline: the signal aborts and the call is
 * answered with a timeout error), and `setRaw`. The dispatcher serves every docker call through it, and
 * `fmz-gateway doctor` runs its checks through it, so both see the adapter exactly as a strategy does.
 */
export function runCall(
  mount: Mount,
  wireMethod: string,
  credentials: Credentials,
  fn: (ctx: CallContext<object>) => Promise<unknown>,
  onClientGone?: (listener: () => void) => void,
): Promise<CallOutcome> {
  const deadline = CallDeadline.after(`${mount.name} ${wireMethod}`, mount.callTimeoutMs);
  let raw: unknown;
  let logger: Logger | undefined;
  const ctx: CallContext<object> = {
    exchange: mount.name,
    method: wireMethod,
    credentials,
    options: mount.options,
    // Made on first use: most calls log nothing, and this child scrubs the caller's secrets from
    // whatever the adapter logs (an error quoting an IO path or an order id the caller sent).
    get logger() {
      return (logger ??= secretScrubbingLogger(mount.logger, credentialSecrets(credentials)));
    },
    // Made on first read (the deadline's): most calls finish without an adapter asking for it.
    get signal() {
      return deadline.signal;
    },
    deadline: deadline.at,
    setRaw: (r) => {
      raw = r;
    },
  };
  // A hang-up asks the adapter to stop; what it did anyway (an order placed) is still its answer.
  onClientGone?.(() => deadline.abort(new TimeoutError("the caller hung up")));
  return deadline.run(() => fn(ctx)).then((data) => (raw === undefined ? { data } : { data, raw }));
}
