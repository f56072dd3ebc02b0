import type { Logger, MountPages } from "@fmz-gateway/core";
import type { PaperEngine } from "../engine/paper-engine";
import { EquityRows } from "../store/equity-rows";
import { pageData } from "./account-data";
import { EquitySampler } from "./equity-sampler";
import { PAGE_HTML } from "./page-html";
import { PAGE_JS } from "./page-script";
import { PAGE_CSS } from "./page-style";

/**
 * The paper mount's account page (`/mounts/<mount>/`, linked from the status page): each account's
 * balances, positions, orders, fills and equity over time. The adapter hands `pages()` to the gateway and
 * calls `sample()` from its upkeep timer, which keeps the equity series.
 */
export class AccountPage {
  /** Made on first use, so that making them (the equity table) can fail only where that is caught. */
  private parts?: { equity: EquityRows; sampler: EquitySampler };

  constructor(
    private readonly engine: PaperEngine,
    private readonly logger: Logger,
  ) {}

  private get made(): { equity: EquityRows; sampler: EquitySampler } {
    if (!this.parts) {
      const equity = new EquityRows(this.engine.ctx.store.db);
      this.parts = { equity, sampler: new EquitySampler(this.engine, equity, this.logger) };
    }
    return this.parts;
  }

  /** One sampling pass. Never rejects: the timer that calls it must keep running whatever happens. */
  async sample(): Promise<void> {
    try {
      await this.made.sampler.sample();
    } catch (err) {
      this.logger.debug(`paper: equity not sampled: ${String(err)}`);
    }
  }

  pages(): MountPages {
    return {
      title: "paper accounts",
      resources: {
        "index.html": { type: "html", body: () => PAGE_HTML },
        "page.js": { type: "js", body: () => PAGE_JS },
        "page.css": { type: "css", body: () => PAGE_CSS },
        "data.json": { type: "json", body: () => pageData(this.engine, this.made.equity) },
      },
    };
  }
}
