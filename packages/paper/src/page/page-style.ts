/** The account page's own rules, on top of the status page's stylesheet (its colours, tables, badges). */
export const PAGE_CSS = `.account h2 { display: flex; align-items: baseline; flex-wrap: wrap; gap: 6px 14px; }
.account h2 .label { font-size: 15px; }
.worth { font-size: 15px; font-weight: 650; }
h3 { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: .03em;
  margin: 14px 0 4px; }
.tables { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 0 28px; }
svg.equity { display: block; width: 100%; height: auto; max-height: 220px; }
svg.equity .line { fill: none; stroke: var(--accent); stroke-width: 2; stroke-linejoin: round; }
svg.equity .area { fill: var(--accent); opacity: .08; }
svg.equity .grid { stroke: var(--line); stroke-width: 1; }
svg.equity .last { fill: var(--accent); }
svg.equity text { fill: var(--muted); font-size: 11px; font-family: system-ui, sans-serif; }
.account .note { display: block; margin: 4px 0 0; font-size: 12px; }
.buy { color: var(--ok); }
.sell { color: var(--err); }
.facts a { white-space: nowrap; }
`;
