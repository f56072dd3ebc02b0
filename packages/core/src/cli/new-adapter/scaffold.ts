import fs from "node:fs";
import path from "node:path";
import { type AdapterNames, adapterNames } from "./names";
import { TEMPLATES_DIR, fill, listTemplates, outputPath } from "./templates";
import { type DependencyRanges, dependencyRanges } from "./versions";

export interface ScaffoldRequest {
  /** The exchange's name as typed: `myex`, `MY-EX`. */
  name: string;
  /** Where to write; default `./<name in lower case>` of `cwd`. */
  dir?: string;
  /** The package's name; default `fmz-gateway-<name in lower case>`. */
  packageName?: string;
  /** Default `process.cwd()`. */
  cwd?: string;
  /** Tests only: other templates or ranges. */
  templatesDir?: string;
  ranges?: DependencyRanges;
}

export interface Scaffolded {
  readonly names: AdapterNames;
  /** Absolute. */
  readonly dir: string;
  /** Relative to `dir`, sorted. */
  readonly files: readonly string[];
  /** What its package.json asks for. */
  readonly ranges: DependencyRanges;
}

/**
 * Writes a new adapter package for one exchange from the templates. Refuses a bad name and a directory
 * that exists and is not empty (it never overwrites a user's file); creates the directory otherwise.
 */
export function scaffoldAdapter(req: ScaffoldRequest): Scaffolded {
  const names = adapterNames(req.name, req.packageName);
  const dir = path.resolve(req.cwd ?? process.cwd(), req.dir ?? names.lower);
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} exists and is not a directory`);
    if (fs.readdirSync(dir).length > 0) {
      throw new Error(`${dir} is not empty: choose another --dir (new-adapter never overwrites files)`);
    }
  }
  const ranges = req.ranges ?? dependencyRanges(dir);
  const values: Record<string, string> = {
    NAME: names.upper,
    lower: names.lower,
    Pascal: names.pascal,
    PACKAGE: names.packageName,
    STANDIN_PORT: String(names.standinPort),
    CORE_RANGE: ranges.core,
    TESTKIT_RANGE: ranges.testkit,
    TSYRINGE_RANGE: ranges.tsyringe,
    REFLECT_METADATA_RANGE: ranges.reflectMetadata,
    TYPESCRIPT_RANGE: ranges.typescript,
    TYPES_NODE_RANGE: ranges.typesNode,
  };
  const templatesDir = req.templatesDir ?? TEMPLATES_DIR;
  // Every file rendered before the first is written: a broken template leaves no half-made package.
  const rendered = listTemplates(templatesDir).map((t) => ({
    rel: outputPath(t, values),
    text: fill(fs.readFileSync(path.join(templatesDir, t), "utf8"), values),
  }));
  for (const { rel, text } of rendered) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text, { flag: "wx" }); // wx: never replace a file, even one made meanwhile
  }
  return { names, dir, files: rendered.map((r) => r.rel).sort(), ranges };
}
