// tsyringe needs the Reflect metadata polyfill loaded before it; whichever core module loads first brings it.
import "reflect-metadata";
import { container, injectable, type DependencyContainer } from "tsyringe";
import type { ExchangeAdapter } from "../adapter/exchange-adapter";
// The process-wide services (rate-limit store, clock, caches) an adapter's constructor may inject.
import "../di/root";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- adapter constructors may take injected services
export type AdapterClass = new (...args: any[]) => ExchangeAdapter<any>;

export interface ExchangeRegistration {
  /** The name as registered (`OKX`); lookups ignore case. */
  readonly name: string;
  readonly target: AdapterClass;
  readonly description?: string;
  /**
   * Whether the gateway serves this adapter at its own name when the config has no `exchanges` map.
   * Adapters that cannot work without options (ccxt needs `exchange`) set it to false.
   */
  readonly autoMount: boolean;
}

export interface ExchangeOptions {
  description?: string;
  autoMount?: boolean;
}

/**
 * Kept on globalThis under a registered symbol, so a plugin that resolved its own copy of core still
 * registers where the host looks. (tsyringe itself must be one copy: adapters take it as a peer.)
 */
const REGISTRY_KEY = Symbol.for("@fmz-gateway/core:exchange-registry");
type Store = Map<string, ExchangeRegistration>;
const globalStore = globalThis as unknown as Record<symbol, Store | undefined>;
const store: Store = (globalStore[REGISTRY_KEY] ??= new Map());

/** The tsyringe token an adapter is registered under. */
export function adapterToken(name: string): string {
  return `fmz-gateway:adapter:${name.toUpperCase()}`;
}

/**
 * Registers an exchange adapter by name: `@Exchange("OKX") class OkxAdapter extends ExchangeAdapter`.
 * Importing the module is all it takes. A second, different class under the same name is an error that
 * names both, so two plugins can never silently shadow each other.
 */
export function Exchange(name: string, options: ExchangeOptions = {}) {
  return <T extends AdapterClass>(target: T): T => {
    registerExchange(name, target, options);
    return target;
  };
}

export function registerExchange(name: string, target: AdapterClass, options: ExchangeOptions = {}): void {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    throw new Error(`@Exchange name "${name}" must be 1-64 letters, digits, "_", "-" or "."`);
  }
  const key = name.toUpperCase();
  const existing = store.get(key);
  if (existing) {
    if (existing.target === target) return;
    throw new Error(
      `two adapters are registered as "${name}": ${existing.target.name} and ${target.name}; rename one`,
    );
  }
  injectable()(target);
  container.register(adapterToken(name), { useClass: target });
  store.set(key, { name, target, description: options.description, autoMount: options.autoMount ?? true });
}

export const exchangeRegistry = {
  get(name: string): ExchangeRegistration | undefined {
    return store.get(name.toUpperCase());
  },
  list(): ExchangeRegistration[] {
    return [...store.values()].sort((a, b) => a.name.localeCompare(b.name));
  },
  names(): string[] {
    return this.list().map((r) => r.name);
  },
  /**
   * A fresh adapter instance, resolved through tsyringe in a child of `from`, so its constructor may take
   * services by token (`@inject(CLOCK)`). The host passes the mount's scope (di/mount-scope.ts), which
   * adds the per-mount ones; the root container has only the process-wide ones.
   */
  create(name: string, from: DependencyContainer = container): ExchangeAdapter<object> {
    const reg = this.get(name);
    if (!reg) {
      const known = this.names();
      throw new Error(
        `no adapter named "${name}" is loaded (loaded: ${known.length ? known.join(", ") : "none"}); add its package to "plugins"`,
      );
    }
    return from.createChildContainer().resolve<ExchangeAdapter<object>>(adapterToken(reg.name));
  },
};
