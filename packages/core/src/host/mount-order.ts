import { StartupError } from "./startup-error";

/**
 * The order to initialise mounts in so that every mount's sources come before it. `deps` maps each
 * mount to the mounts it reads from (as configured, matched case-insensitively like paths are). An
 * unknown or circular source stops start-up with the config path of the option that named it.
 */
export function initOrder(
  deps: ReadonlyMap<string, readonly string[]>,
  where: (mount: string) => string,
): { order: string[]; resolved: Map<string, string[]> } {
  const byUpper = new Map([...deps.keys()].map((n) => [n.toUpperCase(), n]));
  const resolved = new Map<string, string[]>();
  for (const [name, list] of deps) {
    resolved.set(
      name,
      list.map((dep) => {
        const found = deps.has(dep) ? dep : byUpper.get(dep.toUpperCase());
        if (!found) {
          throw new StartupError(
            `${where(name)}: no mount named "${dep}" to read from (mounts: ${[...deps.keys()].join(", ")})`,
          );
        }
        return found;
      }),
    );
  }
  const order: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...path.slice(path.indexOf(name)), name].join(" → ");
      throw new StartupError(`${where(path[path.indexOf(name)])}: circular source: ${cycle}`);
    }
    state.set(name, "visiting");
    for (const dep of resolved.get(name) ?? []) visit(dep, [...path, name]);
    state.set(name, "done");
    order.push(name);
  };
  for (const name of deps.keys()) visit(name, []);
  return { order, resolved };
}
