// Candle bar calendars. OKX aligns 1m…4H bars to UTC; 6H and longer bars open at UTC+8 boundaries unless the
// bar name ends in "utc" (reference §4.6). Weeks open on Monday, months on the 1st, in the bar's time zone.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const UTC8 = 8 * HOUR;
// 1970-01-05 was a Monday: week boundaries are 4 days after the epoch's, modulo 7 days.
const MONDAY_SHIFT = 4 * DAY;

export interface BarCalendar {
  name: string;
  /** Start of the bar containing t. */
  floor(t: number): number;
  /** Start of the bar n bars after (n < 0: before) the bar starting at `start`. */
  shift(start: number, n: number): number;
  /** True for bars only /market/history-candles serves (1s). */
  historyOnly: boolean;
}

function fixed(name: string, size: number, offset: number, historyOnly = false): BarCalendar {
  return {
    name,
    historyOnly,
    floor: (t) => Math.floor((t + offset) / size) * size - offset,
    shift: (start, n) => start + n * size,
  };
}

function weekly(name: string, offset: number): BarCalendar {
  return {
    name,
    historyOnly: false,
    floor: (t) => Math.floor((t + offset - MONDAY_SHIFT) / WEEK) * WEEK + MONDAY_SHIFT - offset,
    shift: (start, n) => start + n * WEEK,
  };
}

function monthly(name: string, months: number, offset: number): BarCalendar {
  return {
    name,
    historyOnly: false,
    floor: (t) => {
      const d = new Date(t + offset);
      const m = d.getUTCMonth();
      return Date.UTC(d.getUTCFullYear(), m - (m % months), 1) - offset;
    },
    shift: (start, n) => {
      const d = new Date(start + offset);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n * months, 1) - offset;
    },
  };
}

const CALENDARS: BarCalendar[] = [
  fixed("1s", SECOND, 0, true),
  fixed("1m", MINUTE, 0),
  fixed("3m", 3 * MINUTE, 0),
  fixed("5m", 5 * MINUTE, 0),
  fixed("15m", 15 * MINUTE, 0),
  fixed("30m", 30 * MINUTE, 0),
  fixed("1H", HOUR, 0),
  fixed("2H", 2 * HOUR, 0),
  fixed("4H", 4 * HOUR, 0),
  fixed("6H", 6 * HOUR, UTC8),
  fixed("12H", 12 * HOUR, UTC8),
  fixed("1D", DAY, UTC8),
  fixed("2D", 2 * DAY, UTC8),
  fixed("3D", 3 * DAY, UTC8),
  weekly("1W", UTC8),
  monthly("1M", 1, UTC8),
  monthly("3M", 3, UTC8),
  fixed("6Hutc", 6 * HOUR, 0),
  fixed("12Hutc", 12 * HOUR, 0),
  fixed("1Dutc", DAY, 0),
  fixed("2Dutc", 2 * DAY, 0),
  fixed("3Dutc", 3 * DAY, 0),
  weekly("1Wutc", 0),
  monthly("1Mutc", 1, 0),
  monthly("3Mutc", 3, 0),
];

export const BARS: ReadonlyMap<string, BarCalendar> = new Map(CALENDARS.map((c) => [c.name, c]));
