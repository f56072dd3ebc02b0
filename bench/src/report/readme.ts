import fs from "node:fs";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/**
 * Replaces the README's benchmark section (between the markers) with the latest table, formatted the
 * way the repository's Prettier check expects.
 */
export async function updateReadme(readmePath: string, markdown: string): Promise<boolean> {
  const text = fs.readFileSync(readmePath, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return false;
  const updated = `${text.slice(0, a + START.length)}\n${markdown}\n${text.slice(b)}`;
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(readmePath)) ?? {};
  fs.writeFileSync(readmePath, await prettier.format(updated, { ...options, filepath: readmePath }));
  return true;
}
