import path from "node:path";
import { pathToFileURL } from "node:url";
import { exchangeRegistry } from "../registry/exchange-registry";

export class PluginError extends Error {}

/**
 * Loads plugin modules. Importing a module is all registration takes: its `@Exchange` decorators run.
 * Package names resolve from the working directory (where the user installed them); paths (starting
 * with `.` or `/`) from `baseDir`. Returns, per plugin, the adapters it registered.
 */
export async function loadPlugins(
  specs: readonly string[],
  baseDir = process.cwd(),
): Promise<Map<string, string[]>> {
  const loaded = new Map<string, string[]>();
  for (const spec of specs) {
    const before = new Set(exchangeRegistry.names());
    const isPath = spec.startsWith(".") || path.isAbsolute(spec);
    let resolved: string;
    try {
      resolved = require.resolve(isPath ? path.resolve(baseDir, spec) : spec, {
        paths: [process.cwd(), baseDir],
      });
    } catch {
      throw new PluginError(
        `plugin "${spec}" not found${isPath ? ` at ${path.resolve(baseDir, spec)}` : ` (is it installed? npm i ${spec})`}`,
      );
    }
    try {
      await importModule(resolved);
    } catch (err) {
      throw new PluginError(`plugin "${spec}" failed to load: ${(err as Error).message}`);
    }
    loaded.set(
      spec,
      exchangeRegistry.names().filter((n) => !before.has(n)),
    );
  }
  return loaded;
}

async function importModule(file: string): Promise<void> {
  try {
    // Plain require first: CommonJS plugins share the host's module cache (one registry, one core).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // An ES module plugin with top-level await cannot be required; import it instead.
    if (code !== "ERR_REQUIRE_ESM" && code !== "ERR_REQUIRE_ASYNC_MODULE") throw err;
    await import(pathToFileURL(file).href);
  }
}
