import type { Logger } from "@fmz-gateway/core";
import type { PaperEngine } from "../engine/paper-engine";
import type { EquityRows, Marks } from "../store/equity-rows";
import { mainCurrency, shownAccounts } from "./account-data";
import { Prices, valueAccount } from "./valuation";

/** An account whose value moves with the market gets a point at most this often (source clock). */
export const MOVING_EVERY_MS = 60_000;
/**
 * Which accounts move is asked at most this often (source clock): accounts that never move (cash in
 * the main currency only) are always a minute past their last point, and the question reads every
 * balance and position of the file.
 */
const MOVING_CHECK_MS = 10_000;

/**
 * Keeps the equity series of the accounts the page shows, called from the adapter's upkeep timer. An
 * account gets a point when it has a new fill or ledger entry (a trade, a deposit, funding, a reset),
 * and otherwise at most once a minute while its value moves with the market (an open position, a
 * currency other than the main one). After a start every account without a point gets its first.
 */
export class EquitySampler {
  /** The newest fill and ledger ids at the last pass; undefined before the first. */
  private seen?: Marks;
  /** Each account's newest point (source clock). */
  private last = new Map<number, number>();
  /** When moving accounts were last looked for (source clock). */
  private movingCheckedAt = -Infinity;

  constructor(
    private readonly engine: PaperEngine,
    private readonly rows: EquityRows,
    private readonly logger: Logger,
  ) {}

  /** One pass. A failure of the pass as a whole is the caller's to catch (AccountPage.sample). */
  async sample(): Promise<void> {
    const now = this.engine.ctx.source.now();
    const ids = shownAccounts(this.engine).shown.map((a) => a.id);
    const marks = this.rows.marks();
    let due: Set<number>;
    if (!this.seen) {
      this.last = this.rows.lastTimes();
      due = new Set(ids.filter((id) => !this.last.has(id)));
    } else {
      const changed = this.rows.changedSince(this.seen);
      due = new Set(ids.filter((id) => changed.has(id)));
    }
    this.seen = marks;
    const main = mainCurrency(this.engine);
    const stale = ids.filter(
      (id) => !due.has(id) && now - (this.last.get(id) ?? -Infinity) >= MOVING_EVERY_MS,
    );
    // A clock set back (a test's) asks again at once.
    const checkDue = now < this.movingCheckedAt || now - this.movingCheckedAt >= MOVING_CHECK_MS;
    if (stale.length > 0 && checkDue) {
      this.movingCheckedAt = now;
      const moving = this.rows.moving(main);
      for (const id of stale) if (moving.has(id)) due.add(id);
    }
    if (due.size === 0) return;
    const prices = new Prices(this.engine, main);
    for (const id of due) {
      try {
        const { value } = await valueAccount(this.engine, id, prices);
        this.rows.add(id, now, value.toFixed());
        this.last.set(id, now);
      } catch (err) {
        this.logger.debug(`paper: equity of account ${id} not sampled: ${String(err)}`);
      }
    }
  }
}
