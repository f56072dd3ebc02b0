import path from "node:path";

const FENCE = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
const CODE_SPAN = /(`+)[^`]*?\1/g;
const INLINE_LINK = /\]\(\s*<?([^\s)>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const REFERENCE = /^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$/gm;
const HTML_LINK = /<(?:a|img)\b[^>]*?\b(?:href|src)="([^"]+)"/gi;

/**
 * Every link target of a markdown text: inline `[text](target)` and `![alt](target)`, reference
 * definitions `[id]: target`, and HTML `href`/`src`. Code blocks and code spans are skipped: what
 * they show is code, not a link (but the code span inside a link's text, `` [`x`](target) ``, is
 * only the text).
 */
export function markdownLinks(markdown: string): string[] {
  const text = markdown.replace(FENCE, "").replace(CODE_SPAN, "code");
  return [INLINE_LINK, REFERENCE, HTML_LINK].flatMap((re) => [...text.matchAll(re)].map((m) => m[1]));
}

/**
 * Why a README link fails a reader on npm, or undefined when it works there. npm shows the README
 * without the repository around it: a relative link works only if it stays in the package and names
 * something in its tarball (`files`, a path inside the package; a folder counts if some file is under
 * it); anything else must be absolute.
 */
export function brokenOnNpm(target: string, files: readonly string[]): string | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith("#")) return undefined;
  if (target.startsWith("/")) return "a root-relative path means nothing on npm";
  const file = decodeURI(target.replace(/[?#].*$/, ""));
  const inPackage = path.posix.normalize(file).replace(/\/$/, "");
  if (inPackage === ".." || inPackage.startsWith("../")) return "leaves the package";
  if (inPackage === "." || files.includes(inPackage) || files.some((f) => f.startsWith(`${inPackage}/`)))
    return undefined;
  return "is not in the tarball";
}
