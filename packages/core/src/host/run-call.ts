import type { CallContext } from "../adapter/call-context";
import { type Credentials, credentialSecrets } from "../adapter/credentials";
import { type Logger, secretScrubbingLogger } from "../logging/logger";
import { TimeoutError } from "../errors/gateway-errors";
import type { Mount } from "./mounts";

/** What an adapter call produced: its data, and the exchange's own response when it attached one. */
export interface CallOutcome {
  data: unknown;
  raw?: unknown;
}

/**
 * Runs one adapter call on a mount with a proper CallContext: the caller's credentials, the mount's
 * options and logger, a deadline that aborts the call's signal and rejects with a timeout error, and
 * `setRaw`. The dispatcher serves every docker call through it, and `fmz-gateway doctor` runs its checks
 * through it, so both see the adapter exactly as a strategy does.
 */
export function runCall(
  mount: Mount,
  wireMethod: string,
  credentials: Credentials,
  fn: (ctx: CallContext<object>) => Promise<unknown>,
  onClientGone?: (listener: () => void) => void,
): Promise<CallOutcome> {
  // The AbortController is made only when an adapter asks for the signal: most calls finish without
  // one being needed, and creating it is a measurable part of a fast call.
  let controller: AbortController | undefined;
  let abortedWith: Error | undefined;
  const abort = (reason: Error) => {
    abortedWith ??= reason;
    controller?.abort(reason);
  };
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
    get signal() {
      if (!controller) {
        controller = new AbortController();
        if (abortedWith) controller.abort(abortedWith);
      }
      return controller.signal;
    },
    deadline: Date.now() + mount.callTimeoutMs,
    setRaw: (r) => {
      raw = r;
    },
  };
  onClientGone?.(() => abort(new TimeoutError("the caller hung up")));
  return new Promise<CallOutcome>((resolve, reject) => {
    const timer = setTimeout(() => {
      const err = new TimeoutError(`${mount.name} ${wireMethod}: no answer within ${mount.callTimeoutMs} ms`);
      abort(err);
      reject(err);
    }, mount.callTimeoutMs);
    Promise.resolve()
      .then(() => fn(ctx))
      .then(
        (data) => resolve(raw === undefined ? { data } : { data, raw }),
        (err: unknown) => reject(err),
      )
      .finally(() => clearTimeout(timer));
  });
}
