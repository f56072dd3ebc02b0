import type { CallContext } from "../adapter/call-context";
import { parseCredentials } from "../adapter/credentials";
import type { MountSource, PublicMethodName, SourceCallOptions } from "../adapter/mount-source";
import { TimeoutError } from "../errors/gateway-errors";
import { METHOD_TABLE, type ParamsOf, type ResultOf } from "../protocol/method-table";
import type { Mount } from "./mounts";

const WIRE = new Map<string, string>(METHOD_TABLE.map((s) => [s.method, s.wire]));
const NO_KEYS = parseCredentials("", "");

/**
 * One mount seen by another: its public methods called with empty credentials, under the source's own
 * deadline (or the caller's, whichever is sooner), aborted when the caller's signal aborts.
 */
export function mountSource(mount: Mount): MountSource {
  return {
    name: mount.name,
    adapterName: mount.adapterName,
    options: mount.options,
    async call<K extends PublicMethodName>(method: K, params: ParamsOf<K>, opts: SourceCallOptions = {}) {
      const wire = WIRE.get(method) ?? method;
      const deadline = Math.min(opts.deadline ?? Infinity, Date.now() + mount.callTimeoutMs);
      const controller = new AbortController();
      const onAbort = () => controller.abort(opts.signal?.reason);
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      const timer = setTimeout(
        () => controller.abort(new TimeoutError(`${mount.name} ${wire}: no answer within the deadline`)),
        Math.max(0, deadline - Date.now()),
      );
      const ctx: CallContext<object> = {
        exchange: mount.name,
        method: wire,
        credentials: NO_KEYS,
        options: mount.options,
        logger: mount.logger,
        signal: controller.signal,
        deadline,
        setRaw: () => undefined,
      };
      const fn = (
        mount.adapter as unknown as Record<
          K,
          (c: CallContext<object>, p: ParamsOf<K>) => Promise<ResultOf<K>>
        >
      )[method];
      try {
        return await Promise.race([
          fn.call(mount.adapter, ctx, params),
          new Promise<never>((_, reject) =>
            controller.signal.addEventListener("abort", () => reject(controller.signal.reason as Error), {
              once: true,
            }),
          ),
        ]);
      } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}
