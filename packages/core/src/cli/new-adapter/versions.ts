import { localSpecs } from "./project-specs";

/**
 * The TypeScript a generated adapter is built with: the range this project is built with. Written here,
 * not read from the repository's package.json, because a published core has no repository around it;
 * `new-adapter.test.ts` holds it equal to the root package.json's, so the two cannot drift.
 */
export const SUPPORTED_TYPESCRIPT = "~6.0.3";

/** `@types/node` for the Node versions core supports (engines: >=20.19). */
export const SUPPORTED_TYPES_NODE = "^20.19.0";

/** The dependency ranges a generated package.json gets, from the core that generates it. */
export interface DependencyRanges {
  /**
   * `@fmz-gateway/core` and `@fmz-gateway/testkit`: `^<this core's version>`, or the `file:` spec the
   * enclosing project installs them by (project-specs.ts).
   */
  readonly core: string;
  readonly testkit: string;
  /** The project's package.json the `file:` specs come from, if any. */
  readonly from?: string;
  readonly tsyringe: string;
  readonly reflectMetadata: string;
  readonly typescript: string;
  readonly typesNode: string;
}

interface CorePackageJson {
  version: string;
  dependencies: Record<string, string>;
}

/**
 * Read at run time, as `VERSION` is, so a published core and its scaffolds never disagree. With `dir`
 * (where the package goes), core and testkit come from where the enclosing project gets them.
 */
export function dependencyRanges(dir?: string): DependencyRanges {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require("../../../package.json") as CorePackageJson;
  const local = dir === undefined ? {} : localSpecs(dir);
  return {
    core: local.core ?? `^${pkg.version}`,
    testkit: local.testkit ?? `^${pkg.version}`,
    from: local.from,
    // Peers at the ranges core itself depends on: the process must hold one copy of each.
    tsyringe: pkg.dependencies.tsyringe,
    reflectMetadata: pkg.dependencies["reflect-metadata"],
    typescript: SUPPORTED_TYPESCRIPT,
    typesNode: SUPPORTED_TYPES_NODE,
  };
}
