import fs from "node:fs";

const START = "<!-- bench:start -->";
const END = "<!-- bench:end -->";

/** Replaces the README's benchmark section (between the markers) with the latest table. */
export function updateReadme(readmePath: string, markdown: string): boolean {
  const text = fs.readFileSync(readmePath, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) return false;
  fs.writeFileSync(readmePath, `${text.slice(0, a + START.length)}\n${markdown}\n${text.slice(b)}`);
  return true;
}
