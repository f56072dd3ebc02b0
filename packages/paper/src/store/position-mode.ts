import type { Db } from "./database";
import { OPEN } from "./paper-store";

/**
 * A mount's positions and orders follow its `positionMode`. When the config changes it, what an
 * earlier run left is carried over where that is unambiguous, as an exchange allows a switch only
 * when nothing is open:
 * - to `long_short`: each net position becomes the long or the short it is;
 * - to `net`: each long or short becomes the net position, unless an account holds both on one
 *   instrument (they cannot be one position: refused, naming it).
 * Open contract orders placed under the other mode are refused too (their direction meant something
 * else). Returns why it cannot switch, or undefined once done.
 */
export function alignPositionMode(db: Db, mount: string, mode: "net" | "long_short"): string | undefined {
  const other = mode === "net" ? "side <> 'net'" : "side = 'net'";
  const mine = "account IN (SELECT id FROM accounts WHERE mount = ?)";
  const orders = db
    .prepare(
      `SELECT COUNT(*) AS n FROM orders WHERE ${mine} AND pos_side IS NOT NULL AND pos_side ${mode === "net" ? "<> 'net'" : "= 'net'"} AND ${OPEN}`,
    )
    .get(mount) as { n: number };
  if (orders.n > 0) {
    return `${orders.n} open contract orders were placed in the other position mode; cancel them (or set positionMode back) before switching to ${mode}`;
  }
  if (mode === "net") {
    const both = db
      .prepare(
        `SELECT symbol FROM positions WHERE ${mine} AND side <> 'net' GROUP BY account, symbol HAVING COUNT(*) > 1 LIMIT 1`,
      )
      .get(mount) as { symbol: string } | undefined;
    if (both) {
      return `an account holds both a long and a short ${both.symbol} position, which cannot become one net position; close one (or set positionMode back to long_short) first`;
    }
  }
  const to = mode === "net" ? "'net'" : "CASE WHEN qty LIKE '-%' THEN 'short' ELSE 'long' END";
  db.prepare(`UPDATE positions SET side = ${to} WHERE ${mine} AND ${other}`).run(mount);
  return undefined;
}
