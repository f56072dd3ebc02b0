import type { CallContext } from "../adapter/call-context";
import { parseCredentials } from "../adapter/credentials";
import type { MountSource, SourceCallOptions, TableMountSource } from "../adapter/mount-source";
import { notPublic, sourceConversions } from "../adapter/source-replies";
import { CallDeadline } from "../calls/deadline";
import { GatewayError } from "../errors/gateway-errors";
import { METHOD_TABLE } from "../protocol/method-table";
import {
  type MethodTable,
  type PublicMethodOf,
  type SourceReplyOf,
  type TableParamsOf,
  wireNames,
} from "../protocol/table-derivations";
import type { Mount } from "./mounts";

const NO_KEYS = parseCredentials("", "");

/**
 * One mount seen by another: its public methods called with empty credentials, under the source's own
 * deadline (or the caller's, whichever is sooner), given up at once when the caller's signal aborts.
 * The reply's money comes back as exact decimal text, converted as the method's reply schema in `table`
 * says (adapter/source-replies); `table` is the core's unless a test serves a wider one.
 */
export function mountSource(mount: Mount): MountSource;
export function mountSource<const T extends MethodTable>(mount: Mount, table: T): TableMountSource<T>;
export function mountSource<T extends MethodTable>(
  mount: Mount,
  table: MethodTable = METHOD_TABLE,
): TableMountSource<T> {
  // Derived once per source, not per call: a paper exchange calls its source on every public call.
  // Compiled here, at start, so a reply schema the conversion cannot follow fails before any call.
  const conversions = sourceConversions(table);
  const wires = wireNames(table);
  return {
    name: mount.name,
    adapterName: mount.adapterName,
    options: mount.options,
    async call<K extends PublicMethodOf<T>>(
      method: K,
      params: TableParamsOf<T, K>,
      opts: SourceCallOptions = {},
    ): Promise<SourceReplyOf<T, K>> {
      // Refused before the adapter runs: a private method (or a name no table has) is never called.
      const convert = conversions.get(method);
      if (!convert) throw new GatewayError(notPublic(method));
      const wire = wires.get(method) ?? method;
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
        mount.adapter as unknown as Record<string, (c: CallContext<object>, p: unknown) => Promise<unknown>>
      )[method];
      const reply = await deadline.run(() => fn.call(mount.adapter, ctx, params));
      try {
        return convert.toSource(reply) as SourceReplyOf<T, K>;
      } catch (err) {
        // An adapter bug (a NaN price), reported as the source's, never passed on as a number.
        throw new GatewayError(`${label}: ${(err as Error).message}`, { cause: err });
      }
    },
  };
}
