import path from "node:path";

/** The parts of V8's `.cpuprofile` (written by `node --cpu-prof`) that a summary needs. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionCost {
  /** `name (file:line)`, the file shortened to its package or Node's module. */
  name: string;
  /** Where the function lives: a workspace package, an npm package, Node itself or V8's own entries. */
  area: string;
  selfMs: number;
  /** Time with the function anywhere on the stack (counted once per sample, so recursion is not doubled). */
  totalMs: number;
}

export interface ProfileSummary {
  /** Sampled time, idle excluded. */
  busyMs: number;
  idleMs: number;
  functions: FunctionCost[];
  /** Self time by area. */
  areas: Array<{ area: string; selfMs: number }>;
}

/** Where a script lives, for grouping: `core/host/dispatch.js`, `npm:winston`, `node:internal`, `(gc)`. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const u = url.replace(/^file:\/\//, "");
  const nm = u.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = u.slice(nm + "/node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (!pkg.startsWith("@fmz-gateway/")) return `npm:${pkg}`;
  }
  const ws = /\/(packages|bench|examples)\/([^/]+)\/dist\/(.*)$/.exec(u);
  if (ws) return `${ws[1] === "packages" ? ws[2] : ws[1]}/${path.dirname(ws[3])}`;
  if (u.startsWith("node:")) return u.startsWith("node:internal") ? "node:internal" : u;
  return path.basename(u);
}

function shortName(url: string, functionName: string, line: number): string {
  const name = functionName || "(anonymous)";
  if (!url) return name;
  const file = url.replace(/^file:\/\//, "");
  const ws = /\/(?:packages|bench|examples)\/([^/]+)\/dist\/(.*)$/.exec(file);
  const where = ws ? `${ws[1]}/${ws[2]}` : file.replace(/^.*\/node_modules\//, "");
  return `${name} (${where}:${line + 1})`;
}

/** Self and total time per function, and self time per area, from one profile. */
export function summarize(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const fns = new Map<string, FunctionCost>();
  const fnOf = (id: number): FunctionCost => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = shortName(url, functionName, lineNumber);
    let f = fns.get(name);
    if (!f) fns.set(name, (f = { name, area: areaOf(url, functionName), selfMs: 0, totalMs: 0 }));
    return f;
  };
  // The profiler's own work (stopping and serialising the profile) is no part of a call.
  const profilerOwn = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      if (byId.get(at)!.callFrame.url === "node:inspector") return true;
    return false;
  };
  let idleMs = 0;
  let busyMs = 0;
  for (const [id, us] of self) {
    if (profilerOwn(id)) continue;
    const ms = us / 1000;
    const f = fnOf(id);
    if (f.name === "(idle)") {
      idleMs += ms;
      continue;
    }
    busyMs += ms;
    f.selfMs += ms;
    const seen = new Set<FunctionCost>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const g = fnOf(at);
      if (!seen.has(g)) {
        seen.add(g);
        g.totalMs += ms;
      }
    }
  }
  const areas = new Map<string, number>();
  for (const f of fns.values())
    if (f.name !== "(idle)") areas.set(f.area, (areas.get(f.area) ?? 0) + f.selfMs);
  return {
    busyMs,
    idleMs,
    functions: [...fns.values()].filter((f) => f.name !== "(idle)"),
    areas: [...areas].map(([area, selfMs]) => ({ area, selfMs })).sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** A plain-text report: areas by self time, then the top functions by self and by total time. */
export function formatSummary(s: ProfileSummary, calls: number, top = 30): string {
  const pct = (ms: number) => `${((ms / s.busyMs) * 100).toFixed(1).padStart(5)} %`;
  const perCall = (ms: number) => `${((ms * 1000) / Math.max(1, calls)).toFixed(1).padStart(6)} µs/call`;
  const lines = [
    `busy ${s.busyMs.toFixed(0)} ms, idle ${s.idleMs.toFixed(0)} ms, ${calls} calls: ${perCall(s.busyMs).trim()}`,
    "",
    "self time by area:",
    ...s.areas.slice(0, top).map((a) => `  ${pct(a.selfMs)} ${perCall(a.selfMs)}  ${a.area}`),
    "",
    "functions by self time:",
    ...[...s.functions]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((f) => `  ${pct(f.selfMs)} ${perCall(f.selfMs)}  ${f.name}`),
    "",
    "workspace functions by total time (self + callees):",
    ...[...s.functions]
      .filter((f) => !f.area.startsWith("npm:") && !f.area.startsWith("node") && !f.area.startsWith("("))
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, top)
      .map((f) => `  ${pct(f.totalMs)} ${perCall(f.totalMs)}  ${f.name}`),
  ];
  return lines.join("\n");
}
