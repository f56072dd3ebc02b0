/** The status page's stylesheet: system fonts, light and dark, tables that stay readable when wide. */
export const STATUS_CSS = `:root {
  --bg: #f6f7f9; --card: #fff; --fg: #1d2330; --muted: #6b7383; --line: #e3e6eb;
  --ok: #1a7f45; --ok-bg: #e3f5ea; --err: #b42318; --err-bg: #fdecea; --warn: #9a6700; --warn-bg: #fff4d6;
  --neutral-bg: #eceef2; --accent: #3b5bdb;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #12151b; --card: #1b1f27; --fg: #e6e8ec; --muted: #959cab; --line: #2c323d;
    --ok: #4cc38a; --ok-bg: #16301f; --err: #ff8a80; --err-bg: #3a1a18; --warn: #f5c451; --warn-bg: #3a2f12;
    --neutral-bg: #262b35; --accent: #8ea5ff;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header { display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 8px;
  padding: 14px 24px; background: var(--card); border-bottom: 1px solid var(--line); position: sticky; top: 0; }
.brand { display: flex; align-items: center; gap: 10px; }
h1 { font-size: 18px; margin: 0; font-weight: 650; }
.facts { display: flex; gap: 18px; }
main { padding: 16px 24px; display: grid; gap: 16px; max-width: 1400px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 16px;
  overflow-x: auto; }
h2 { font-size: 15px; margin: 0 0 10px; font-weight: 600; }
h2 .muted { font-weight: 400; font-size: 13px; margin-left: 6px; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top;
  white-space: nowrap; }
th { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
th.group { text-align: center; border-bottom: 2px solid var(--line); }
td.num, th.num { text-align: right; }
td.sep, th.sep { border-left: 1px solid var(--line); }
tr:last-child td { border-bottom: none; }
td.wrap { white-space: normal; word-break: break-word; max-width: 640px; }
td.empty { color: var(--muted); font-style: italic; text-align: center; padding: 14px; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; }
.badge.ok { color: var(--ok); background: var(--ok-bg); }
.badge.err { color: var(--err); background: var(--err-bg); }
.badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.neutral { color: var(--muted); background: var(--neutral-bg); }
.errtext { color: var(--err); margin-left: 8px; }
.note { color: var(--muted); margin-left: 8px; }
.unsupported { color: var(--muted); font-weight: 400; font-size: 12px; margin-left: 6px; }
td.bad { color: var(--err); font-weight: 600; }
.opt { display: inline-block; margin: 0 6px 2px 0; padding: 0 6px; border: 1px solid var(--line);
  border-radius: 4px; font-size: 12px; }
.dot { width: 10px; height: 10px; border-radius: 50%; background: var(--muted); display: inline-block; }
.dot.up { background: var(--ok); } .dot.down { background: var(--err); }
footer { padding: 4px 24px 24px; font-size: 12px; }
a { color: var(--accent); }
.pagelink { margin-left: 10px; font-size: 12.5px; }
`;
