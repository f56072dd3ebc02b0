// Dated futures (instType FUTURES): which contracts are listed, under which alias, at a given moment of the
// stand-in's clock. OKX delivers every Friday at 08:00 UTC (the FUTURES fixture's expTimes, reference §4.8:
// 1734681600000 = Fri 2024-12-20 08:00 UTC). Its alias rules are not documented; this follows the fixture
// (this_week and next_week are the two nearest Fridays, even when the second is a quarter's last Friday)
// and reads the rest as: month contracts are the last Fridays of the following months, quarter contracts
// the last Fridays of March, June, September and December not already taken (inference). A settled
// contract disappears from the list ("When a product is going to be delisted (e.g. when a FUTURES contract
// is settled …), the instrument will not be available."), and orders on it are refused with 51027.

import type { Instrument, InstrumentSpec } from "./instruments";

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export type FuturesAlias =
  "this_week" | "next_week" | "this_month" | "next_month" | "quarter" | "next_quarter";

interface Family {
  spec: Omit<InstrumentSpec, "instId" | "instIdCode">;
  uly: string;
  /** Whether OKX lists month contracts for the family (the inverse BTC-USD family has them). */
  months: boolean;
  codeBase: number;
}

// Contract specs: BTC-USD copies the FUTURES fixture (ctVal 100 USD, lot 1, tick 0.1, lever 20); BTC-USDT
// uses the linear swap's contract value with whole-tenth lots (inference: no USDT FUTURES fixture).
const FAMILIES: readonly Family[] = [
  {
    uly: "BTC-USDT",
    months: false,
    codeBase: 20_000,
    spec: {
      instType: "FUTURES",
      baseCcy: "",
      quoteCcy: "",
      settleCcy: "USDT",
      ctVal: "0.01",
      ctValCcy: "BTC",
      ctType: "linear",
      tickSz: "0.1",
      lotSz: "0.1",
      minSz: "0.1",
      lever: "50",
      maxLmtSz: "1000000",
      maxMktSz: "10000",
      maxLmtAmt: "20000000",
      maxMktAmt: "",
      listTime: "1712909400730",
      startPrice: "60100",
    },
  },
  {
    uly: "BTC-USD",
    months: true,
    codeBase: 30_000,
    spec: {
      instType: "FUTURES",
      baseCcy: "",
      quoteCcy: "",
      settleCcy: "BTC",
      ctVal: "100",
      ctValCcy: "USD",
      ctType: "inverse",
      tickSz: "0.1",
      lotSz: "1",
      minSz: "1",
      lever: "20",
      maxLmtSz: "1000000",
      maxMktSz: "10000",
      maxLmtAmt: "20000000",
      maxMktAmt: "",
      listTime: "1712909400730",
      startPrice: "60100",
    },
  },
];

/** Fridays 08:00 UTC from `from` on, `count` of them. */
function fridays(from: number, count: number): number[] {
  const d = new Date(from);
  d.setUTCHours(8, 0, 0, 0);
  while (d.getUTCDay() !== 5) d.setUTCDate(d.getUTCDate() + 1);
  const out: number[] = [];
  for (let i = 0, t = d.getTime(); i < count; i++, t += WEEK) out.push(t);
  return out;
}

function yymmdd(t: number): string {
  const d = new Date(t);
  const two = (n: number) => String(n).padStart(2, "0");
  return two(d.getUTCFullYear() % 100) + two(d.getUTCMonth() + 1) + two(d.getUTCDate());
}

/** The last Friday of its month. */
export function isMonthEnd(t: number): boolean {
  return new Date(t + WEEK).getUTCMonth() !== new Date(t).getUTCMonth();
}

/** The last Friday of March, June, September or December. */
export function isQuarterEnd(t: number): boolean {
  return isMonthEnd(t) && new Date(t).getUTCMonth() % 3 === 2;
}

/**
 * Every contract the stand-in can ever list while it runs: each Friday from 17 weeks before `start` to
 * about 60 weeks after (so a test can move the clock by weeks, and next_quarter is always covered).
 */
export function futuresUniverse(start: number): { spec: InstrumentSpec; expTime: number }[] {
  const out: { spec: InstrumentSpec; expTime: number }[] = [];
  const all = fridays(start - 17 * WEEK, 80);
  for (const f of FAMILIES) {
    all.forEach((expTime, i) => {
      out.push({
        expTime,
        spec: { ...f.spec, instId: `${f.uly}-${yymmdd(expTime)}`, instIdCode: f.codeBase + i },
      });
    });
  }
  return out;
}

/** The contracts listed at `now`, nearest expiry first, each with its alias. */
export function futuresListing(
  universe: readonly Instrument[],
  now: number,
): { inst: Instrument; alias: FuturesAlias }[] {
  const out: { inst: Instrument; alias: FuturesAlias }[] = [];
  for (const f of FAMILIES) {
    const open = universe
      .filter((i) => i.instType === "FUTURES" && i.uly === f.uly && (i.expTime ?? 0) > now)
      .sort((a, b) => (a.expTime ?? 0) - (b.expTime ?? 0));
    const taken = new Set<Instrument>();
    const take = (alias: FuturesAlias, inst: Instrument | undefined) => {
      if (inst === undefined) return;
      taken.add(inst);
      out.push({ inst, alias });
    };
    take("this_week", open[0]);
    take("next_week", open[1]);
    if (f.months) {
      const months = open.filter((i) => !taken.has(i) && isMonthEnd(i.expTime ?? 0));
      take("this_month", months[0]);
      take("next_month", months[1]);
    }
    const quarters = open.filter((i) => !taken.has(i) && isQuarterEnd(i.expTime ?? 0));
    take("quarter", quarters[0]);
    take("next_quarter", quarters[1]);
  }
  return out.sort((a, b) => (a.inst.expTime ?? 0) - (b.inst.expTime ?? 0));
}

export type FuturesStatus = "listed" | "expired" | "unlisted";

/** Whether a dated future can be traded at `now`: listed, already settled (51027), or not yet listed. */
export function futuresStatus(universe: readonly Instrument[], inst: Instrument, now: number): FuturesStatus {
  if ((inst.expTime ?? 0) <= now) return "expired";
  return futuresListing(universe, now).some((l) => l.inst === inst) ? "listed" : "unlisted";
}
