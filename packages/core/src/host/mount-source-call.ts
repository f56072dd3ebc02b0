import type { CallContext } from "../adapter/call-context";
import { parseCredentials } from "../adapter/credentials";
import type { MountSource, PublicMethodName, SourceCallOptions } from "../adapter/mount-source";
import { toSourceReply } from "../adapter/source-replies";
import { CallDeadline } from "../calls/deadline";
import { GatewayError } from "../errors/gateway-errors";
import { type ParamsOf, type ResultOf, wireName } from "../protocol/method-table";
import type { Mount } from "./mounts";

const NO_KEYS = parseCredentials("", "");

/**
 * One mount seen by another: its public methods called with empty credentials, under the source's own
 * deadline (or the caller's, whichever is sooner), given up at once when the caller's signal aborts.
 * The reply's money comes back as exact decimal text (adapter/source-replies).
 */
export function mountSource(mount: Mount): MountSource {
  return {
    name: mount.name,
    adapterName: mount.adapterName,
    options: mount.options,
    async call<K extends PublicMethodName>(method: K, params: ParamsOf<K>, opts: SourceCallOptions = {}) {
      const wire = wireName(method);
      const label = `${mount.name} ${wire}`;
      const own = Date.now() + mount.callTimeoutMs;
      const deadline =
        opts.deadline !== undefined && opts.deadline < own
          ? CallDeadline.at(label, opts.deadline, opts.signal)
          : new CallDeadline(label, own, mount.callTimeoutMs, opts.signal);
      const ctx: CallContext<object> = {
        exchange: mount.name,
        method: wire,
        credentials: NO_KEYS,
        options: mount.options,
        logger: mount.logger,
        get signal() {
          return deadline.signal;
        },
        deadline: deadline.at,
        setRaw: () => undefined,
      };
      const fn = (
        mount.adapter as unknown as Record<
          K,
          (c: CallContext<object>, p: ParamsOf<K>) => Promise<ResultOf<K>>
        >
      )[method];
      const reply = await deadline.run(() => fn.call(mount.adapter, ctx, params));
      try {
        return toSourceReply(method, reply);
      } catch (err) {
        // An adapter bug (a NaN price), reported as the source's, never passed on as a number.
        throw new GatewayError(`${label}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
