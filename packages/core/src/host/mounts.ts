import Ajv from "ajv";
import type { ExchangeAdapter } from "../adapter/exchange-adapter";
import type { Logger } from "../logging/logger";
import { describeAjvError } from "../protocol/method-table";
import { exchangeRegistry } from "../registry/exchange-registry";
import type { Telemetry } from "../telemetry/telemetry";

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

export class StartupError extends Error {}

// Defaults fill in what the adapter's schema declares, so adapters see complete options.
const optionsAjv = new Ajv({ allErrors: false, strict: false, useDefaults: true });

/**
 * Instantiates and initialises one adapter per configured path. Any failure (unknown adapter, bad
 * option, an adapter's own init refusing) stops start-up with a message naming the config path.
 */
export async function createMounts(
  exchanges: Record<string, MountConfig>,
  logger: Logger,
  defaultCallTimeoutMs: number,
  telemetry: Telemetry,
): Promise<Map<string, Mount>> {
  const mounts = new Map<string, Mount>();
  for (const [name, cfg] of Object.entries(exchanges)) {
    const where = `exchanges.${name}`;
    const reg = exchangeRegistry.get(cfg.adapter);
    if (!reg) {
      const known = exchangeRegistry.names();
      throw new StartupError(
        `${where}.adapter: no adapter named "${cfg.adapter}" is loaded (loaded: ${known.join(", ") || "none"}); list its package in "plugins"`,
      );
    }
    const options = structuredClone(cfg.options ?? {});
    const schema = (reg.target as unknown as { optionsSchema?: object }).optionsSchema;
    if (schema) {
      const validate = optionsAjv.compile(schema);
      if (!validate(options)) {
        throw new StartupError(`${describeAjvError(validate.errors?.[0], `${where}.options`)}`);
      }
    }
    const adapter = exchangeRegistry.create(reg.name);
    const mountLogger = logger.child({ exchange: name });
    try {
      await adapter.init({ name, options, logger: mountLogger, telemetry: telemetry.forMount(name) });
    } catch (err) {
      throw new StartupError(`${where}: ${reg.name} refused its options: ${(err as Error).message}`);
    }
    mounts.set(name, {
      name,
      adapterName: reg.name,
      adapter,
      options,
      callTimeoutMs: cfg.callTimeoutMs ?? defaultCallTimeoutMs,
      logger: mountLogger,
    });
  }
  return mounts;
}

/** Finds a mount by path segment: exact first, then ignoring case (FMZ users type names by hand). */
export function findMount(mounts: ReadonlyMap<string, Mount>, name: string): Mount | undefined {
  const exact = mounts.get(name);
  if (exact) return exact;
  const upper = name.toUpperCase();
  for (const m of mounts.values()) if (m.name.toUpperCase() === upper) return m;
  return undefined;
}
