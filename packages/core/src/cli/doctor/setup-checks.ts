import path from "node:path";
import type { GatewayConfig } from "../../config/config-schema";
import { loadConfigFile } from "../../config/load-config";
import { loadPlugins } from "../../config/load-plugins";
import { type Mount, type MountConfig, createMounts } from "../../host/mounts";
import { silentLogger } from "../../logging/logger";
import { exchangeRegistry } from "../../registry/exchange-registry";
import { Telemetry } from "../../telemetry/telemetry";
import { type DoctorRow, failed, passed } from "./doctor-row";
import { messageOf } from "./fixes";

export interface SetupInput {
  config?: string;
  plugin: readonly string[];
  mount?: string;
}

export interface Setup {
  readonly rows: DoctorRow[];
  /** The mounts to check (all, or the one `--mount` named); empty when setup failed. */
  readonly mounts: Mount[];
  /** Every mount built, to close afterwards. */
  readonly all: ReadonlyMap<string, Mount>;
}

const SETUP = "setup";

/**
 * The checks a gateway's start-up makes, one row each, in the order it makes them: the config file,
 * the plugins, then every mount built exactly as `fmz-gateway` builds them (options validated against
 * the adapter's schema, `init` run). The first failure ends setup: what follows depends on it.
 */
export async function setupChecks(input: SetupInput): Promise<Setup> {
  const rows: DoctorRow[] = [];
  const none: Setup = { rows, mounts: [], all: new Map() };
  let config: GatewayConfig = {};
  let dir = process.cwd();
  if (input.config) {
    try {
      ({ config, dir } = loadConfigFile(input.config));
    } catch (err) {
      const unread = /cannot read config/.test(messageOf(err));
      rows.push(
        failed(
          SETUP,
          "config",
          messageOf(err),
          unread
            ? "pass the path of your config file: fmz-gateway doctor --config FILE"
            : `correct that key in ${input.config} (every key and its type: docs/configuration.md)`,
        ),
      );
      return none;
    }
  }
  const exchanges = config.exchanges;
  rows.push(
    passed(
      SETUP,
      "config",
      input.config
        ? `${path.basename(input.config)} is valid${exchanges ? `: ${count(Object.keys(exchanges).length, "mount")}` : ""}`
        : "no --config: every loaded adapter at its own name",
    ),
  );

  const specs = [
    ...(config.plugins ?? []).map((s) => ({ s, dir })),
    ...input.plugin.map((s) => ({ s, dir: process.cwd() })),
  ];
  if (specs.length > 0) {
    try {
      const loaded = new Map<string, string[]>();
      for (const { s, dir: from } of specs)
        for (const [k, v] of await loadPlugins([s], from)) loaded.set(k, v);
      rows.push(
        passed(
          SETUP,
          "plugins",
          [...loaded]
            .map(([spec, names]) => `${spec} → ${names.join(", ") || "(already loaded)"}`)
            .join("; "),
        ),
      );
    } catch (err) {
      rows.push(failed(SETUP, "plugins", messageOf(err), pluginFix(messageOf(err))));
      return none;
    }
  }

  const wanted = exchanges ?? autoMounts();
  let all: Map<string, Mount>;
  try {
    all = await createMounts(wanted, silentLogger(), config.callTimeoutMs ?? 30_000, new Telemetry(), dir);
  } catch (err) {
    rows.push(
      failed(
        SETUP,
        "mounts",
        messageOf(err),
        `correct that entry under "exchanges" in the config (an adapter's options are listed in its README)`,
      ),
    );
    return none;
  }
  const mounts = input.mount ? pick(all, input.mount) : [...all.values()];
  if (mounts.length === 0) {
    const names = [...all.keys()];
    rows.push(
      names.length > 0
        ? failed(
            SETUP,
            "mounts",
            `no mount named "${input.mount}" (mounts: ${names.join(", ")})`,
            `pass --mount with one of: ${names.join(", ")}`,
          )
        : failed(
            SETUP,
            "mounts",
            `${input.mount ? `no mount named "${input.mount}": ` : ""}no exchange is mounted`,
            nothingMountedFix(input.config, config),
          ),
    );
    return { rows, mounts: [], all };
  }
  rows.push(passed(SETUP, "mounts", [...all.values()].map((m) => `${m.name} → ${m.adapterName}`).join(", ")));
  return { rows, mounts, all };
}

/**
 * What to do when nothing is mounted, from why: no config and no adapter loaded; loaded adapters that
 * only mount from a config entry (ccxt needs its exchange, paper its source); or a config that loads or
 * names none.
 */
function nothingMountedFix(file: string | undefined, config: GatewayConfig): string {
  const loaded = exchangeRegistry.list();
  const manual = loaded.filter((r) => !r.autoMount).map((r) => r.name);
  const example = (name: string) => `"${name}": {"adapter": "${name}", "options": {…}}`;
  const needEntry =
    manual.length > 0
      ? `${manual.join(" and ")} ${manual.length > 1 ? "mount" : "mounts"} only from an entry under "exchanges" in a config file (e.g. ${example(manual[0])}, options in its README)`
      : undefined;
  if (!file) {
    return needEntry
      ? `${needEntry}: pass --config with the file you serve with`
      : "no adapter is loaded: pass --config with the file you serve with, or --plugin @fmz-gateway/okx to check OKX at its own name";
  }
  if (loaded.length === 0) {
    return `${file} loads no adapter: add "plugins": ["@fmz-gateway/okx"] (or pass --plugin), and "exchanges" to name the mounts`;
  }
  if (config.exchanges) {
    return `${file} mounts nothing: add an entry under "exchanges" for a loaded adapter (${loaded.map((r) => r.name).join(", ")}), e.g. ${example(loaded[0].name)}`;
  }
  return needEntry ? `${needEntry}: add one to ${file}` : `add "exchanges" to ${file}`;
}

function pluginFix(message: string): string {
  const m = /plugin "([^"]+)" not found/.exec(message);
  if (!m) return "the plugin threw while loading: fix it, or run it with node to see the stack";
  return m[1].startsWith(".") || path.isAbsolute(m[1])
    ? "check the path (a plugin path in the config is taken from the config file's folder)"
    : `install it where fmz-gateway runs: npm i ${m[1]}`;
}

function pick(all: ReadonlyMap<string, Mount>, name: string): Mount[] {
  const upper = name.toUpperCase();
  return [...all.values()].filter((m) => m.name.toUpperCase() === upper);
}

/** What the gateway mounts without an `exchanges` map: every loaded adapter that allows it. */
function autoMounts(): Record<string, MountConfig> {
  const out: Record<string, MountConfig> = {};
  for (const reg of exchangeRegistry.list()) if (reg.autoMount) out[reg.name] = { adapter: reg.name };
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
