import fs from "node:fs";
import path from "node:path";

/**
 * The generated package's files, one template each, shipped inside core (package.json `files`) so
 * `new-adapter` works offline. They live beside this module's source, not in `dist`: they are not compiled
 * by core's tsc (`.tmpl`), and core's test run never sees them as tests. From `dist/cli/new-adapter/`
 * the source folder is three levels up.
 */
export const TEMPLATES_DIR = path.resolve(
  __dirname,
  "..",
  "..",
  "..",
  "src",
  "cli",
  "new-adapter",
  "templates",
);

const SUFFIX = ".tmpl";

/** Every template's path relative to TEMPLATES_DIR, sorted. */
export function listTemplates(dir = TEMPLATES_DIR): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(SUFFIX)) out.push(child);
    }
  };
  walk("");
  return out.sort();
}

/**
 * A template's output path: without `.tmpl`, placeholders filled, and `_gitignore` as `.gitignore`
 * (npm leaves a `.gitignore` out of a published package, so core could not ship one under that name).
 */
export function outputPath(template: string, values: Readonly<Record<string, string>>): string {
  const rel = fill(template.slice(0, -SUFFIX.length), values);
  return rel.replace(/(^|\/)_gitignore$/, "$1.gitignore");
}

/**
 * Replaces every `__KEY__` that is an own key of `values` (never one an object inherits); a placeholder
 * left over is a bug in a template, so it throws.
 */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  const out = text.replace(/__([A-Za-z_]+?)__/g, (whole, key: string) =>
    Object.hasOwn(values, key) ? values[key] : whole,
  );
  const left = /__(NAME|PACKAGE|Pascal|lower|[A-Z_]+_RANGE|STANDIN_PORT)__/.exec(out);
  if (left) throw new Error(`template placeholder ${left[0]} has no value`);
  return out;
}
