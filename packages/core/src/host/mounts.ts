import Ajv from "ajv";
import { type DependencyContainer, container } from "tsyringe";
import type { AdapterStatics, ExchangeAdapter, MountInfo } from "../adapter/exchange-adapter";
import type { MountSource } from "../adapter/mount-source";
import type { Logger } from "../logging/logger";
import { mountScope } from "../di/mount-scope";
import { describeAjvError } from "../protocol/method-table";
import { type ExchangeRegistration, exchangeRegistry } from "../registry/exchange-registry";
import type { Telemetry } from "../telemetry/telemetry";
import { initOrder } from "./mount-order";
import { mountSource } from "./mount-source-call";
import { StartupError } from "./startup-error";

export interface MountConfig {
  /** Registered adapter name (`OKX`, `ccxt`), matched case-insensitively. */
  adapter: string;
  /** The adapter's own options (validated against its `optionsSchema`). */
  options?: Record<string, unknown>;
  /** How long the host waits for one call before answering a timeout error; default from the config. */
  callTimeoutMs?: number;
}

/** An adapter instance serving one path. */
export interface Mount {
  readonly name: string;
  readonly adapterName: string;
  readonly adapter: ExchangeAdapter<object>;
  readonly options: Record<string, unknown>;
  readonly callTimeoutMs: number;
  readonly logger: Logger;
}

export { StartupError };

// Defaults fill in what the adapter's schema declares, so adapters see complete options.
const optionsAjv = new Ajv({ allErrors: false, strict: false, useDefaults: true });

interface Planned {
  readonly reg: ExchangeRegistration;
  readonly options: Record<string, unknown>;
  readonly cfg: MountConfig;
}

/**
 * Instantiates and initialises one adapter per configured path, each after the mounts it reads from
 * (`static dependencies(options)`). Any failure (unknown adapter, bad option, an unknown or circular
 * source, an adapter's own init refusing) stops start-up with a message naming the config path.
 *
 * Each adapter is resolved in a child of `scope` holding its mount's services (di/mount-scope.ts), so a
 * constructor may take them, or anything registered in `scope`, by token; `init(mount)` follows.
 */
export async function createMounts(
  exchanges: Record<string, MountConfig>,
  logger: Logger,
  defaultCallTimeoutMs: number,
  telemetry: Telemetry,
  baseDir = process.cwd(),
  scope: DependencyContainer = container,
): Promise<Map<string, Mount>> {
  const planned = new Map<string, Planned>();
  for (const [name, cfg] of Object.entries(exchanges)) planned.set(name, plan(name, cfg));
  const deps = new Map(
    [...planned].map(([name, p]) => [
      name,
      (p.reg.target as unknown as AdapterStatics).dependencies?.(p.options) ?? [],
    ]),
  );
  const { order, resolved } = initOrder(deps, (name) => `exchanges.${name}.options`);
  const built = new Map<string, Mount>();
  for (const name of order) {
    const { reg, options, cfg } = planned.get(name) as Planned;
    const mountLogger = logger.child({ exchange: name });
    const allowed = resolved.get(name) ?? [];
    const sourceOf = (wanted: string): MountSource => {
      const found = findMount(built, wanted);
      if (!found || !allowed.includes(found.name)) {
        throw new Error(`mount "${wanted}" is not among this adapter's declared dependencies`);
      }
      return mountSource(found);
    };
    const info: MountInfo<Record<string, unknown>> = {
      name,
      options,
      logger: mountLogger,
      telemetry: telemetry.forMount(name),
      baseDir,
      mountSource: sourceOf,
    };
    let adapter: ExchangeAdapter<object>;
    try {
      adapter = exchangeRegistry.create(reg.name, mountScope(scope, info));
    } catch (err) {
      // A constructor's own throw, or a token it injects that nothing registered.
      throw new StartupError(`exchanges.${name}: ${reg.name} could not be built: ${(err as Error).message}`);
    }
    try {
      await adapter.init(info);
    } catch (err) {
      throw new StartupError(`exchanges.${name}: ${reg.name} refused its options: ${(err as Error).message}`);
    }
    built.set(name, {
      name,
      adapterName: reg.name,
      adapter,
      options,
      callTimeoutMs: cfg.callTimeoutMs ?? defaultCallTimeoutMs,
      logger: mountLogger,
    });
  }
  // Served (and listed) in the config's order, whatever order they were initialised in.
  return new Map([...planned.keys()].map((name) => [name, built.get(name) as Mount]));
}

function plan(name: string, cfg: MountConfig): Planned {
  const where = `exchanges.${name}`;
  const reg = exchangeRegistry.get(cfg.adapter);
  if (!reg) {
    const known = exchangeRegistry.names();
    throw new StartupError(
      `${where}.adapter: no adapter named "${cfg.adapter}" is loaded (loaded: ${known.join(", ") || "none"}); list its package in "plugins"`,
    );
  }
  const options = structuredClone(cfg.options ?? {});
  const schema = (reg.target as unknown as AdapterStatics).optionsSchema;
  if (schema) {
    const validate = optionsAjv.compile(schema);
    if (!validate(options)) {
      throw new StartupError(`${describeAjvError(validate.errors?.[0], `${where}.options`)}`);
    }
  }
  return { reg, options, cfg };
}

/** Finds a mount by path segment: exact first, then ignoring case (FMZ users type names by hand). */
export function findMount(mounts: ReadonlyMap<string, Mount>, name: string): Mount | undefined {
  const exact = mounts.get(name);
  if (exact) return exact;
  const upper = name.toUpperCase();
  for (const m of mounts.values()) if (m.name.toUpperCase() === upper) return m;
  return undefined;
}
