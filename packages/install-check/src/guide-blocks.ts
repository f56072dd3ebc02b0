import fs from "node:fs";

/**
 * The code blocks of a markdown guide. A block fenced ```ts is a complete module, compiled by the
 * install check against the published packages' types; one fenced ```ts fragment is a piece of a
 * larger file, shown for reading and not compiled. Any other language is not TypeScript.
 */
export interface GuideBlock {
  /** The fence's info string: `ts`, `ts fragment`, `json`, `sh` … */
  readonly info: string;
  readonly code: string;
  /** 1-based line of the opening fence, for messages. */
  readonly line: number;
}

export function guideBlocks(file: string): GuideBlock[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const blocks: GuideBlock[] = [];
  let open: { info: string; line: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    const fence = /^```(.*)$/.exec(text);
    if (!open) {
      if (fence) open = { info: fence[1].trim(), line: i + 1, body: [] };
    } else if (fence && fence[1].trim() === "") {
      blocks.push({ info: open.info, code: open.body.join("\n"), line: open.line });
      open = undefined;
    } else {
      open.body.push(text);
    }
  });
  if (open) throw new Error(`${file}:${open.line}: a code block is never closed`);
  return blocks;
}

/** The complete TypeScript modules of a guide: what must compile. */
export function completeModules(file: string): GuideBlock[] {
  return guideBlocks(file).filter((b) => b.info === "ts");
}
