import fs from "node:fs";
import path from "node:path";

/** The two fmz-gateway packages a generated package depends on. */
export const CORE = "@fmz-gateway/core";
export const TESTKIT = "@fmz-gateway/testkit";

/** How a generated package asks for core and testkit, when not as `^<version>` from the registry. */
export interface LocalSpecs {
  /** `file:…` relative to the generated package, or undefined for the registry range. */
  readonly core?: string;
  readonly testkit?: string;
  /** The package.json they were read from (for the CLI to name). */
  readonly from?: string;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * How the project a package is generated in installs core and testkit, so the package's own `npm install`
 * fetches them from the same place. A user who installed core from a tarball or a folder (`npm i
 * ./fmz-gateway-core-0.1.0.tgz` saves `file:…`) would otherwise get a package that asks the registry for
 * a core it may not hold. The nearest package.json above `dir` that depends on core decides; a `file:`
 * spec is rebased from that project to `dir`. Testkit comes from that package.json too, else from a
 * tarball named as `npm pack` names it beside core's. Anything else (a registry range, a git URL, no
 * project) leaves the registry range.
 */
export function localSpecs(dir: string): LocalSpecs {
  const found = enclosingProject(path.dirname(dir));
  if (!found) return {};
  const { root, manifest, file } = found;
  const core = localPath(root, declared(manifest, CORE));
  if (!core) return {};
  const testkit = localPath(root, declared(manifest, TESTKIT)) ?? besideCore(core);
  const spec = (target: string) => `file:${toPosix(path.relative(dir, target))}`;
  return { core: spec(core), testkit: testkit === undefined ? undefined : spec(testkit), from: file };
}

/** The nearest package.json at or above `start` that depends on core. */
function enclosingProject(start: string): { root: string; manifest: Manifest; file: string } | undefined {
  for (let at = path.resolve(start); ; at = path.dirname(at)) {
    const file = path.join(at, "package.json");
    const manifest = readManifest(file);
    if (manifest && declared(manifest, CORE)) {
      return { root: at, manifest, file };
    }
    if (path.dirname(at) === at) return undefined;
  }
}

/** The spec a manifest gives `name`, as a dependency or a devDependency. */
function declared(manifest: Manifest, name: string): string | undefined {
  return manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
}

function readManifest(file: string): Manifest | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Manifest) : undefined;
  } catch {
    return undefined; // absent or not JSON: not a project that says how it installs core
  }
}

/** The absolute path of a `file:` spec (a tarball or a folder) that exists, else undefined. */
function localPath(root: string, spec: string | undefined): string | undefined {
  if (spec === undefined || !spec.startsWith("file:")) return undefined;
  const target = path.resolve(root, spec.slice("file:".length));
  return fs.existsSync(target) ? target : undefined;
}

/** `fmz-gateway-testkit-<v>.tgz` beside `fmz-gateway-core-<v>.tgz`, as `npm pack` names them. */
function besideCore(core: string): string | undefined {
  const match = /^fmz-gateway-core-(.+\.tgz)$/.exec(path.basename(core));
  if (!match) return undefined;
  const testkit = path.join(path.dirname(core), `fmz-gateway-testkit-${match[1]}`);
  return fs.existsSync(testkit) ? testkit : undefined;
}

function toPosix(rel: string): string {
  return rel.split(path.sep).join("/");
}
