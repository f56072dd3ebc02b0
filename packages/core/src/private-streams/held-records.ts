/**
 * How the private-stream facility reads one kind of record (an order, a currency's balance, a
 * position) in the exchange's own shape. The adapter supplies it; the facility never looks inside a
 * record otherwise.
 */
export interface RecordTraits<T> {
  /** What identifies the record: an order id, a currency, instrument + margin mode + side. */
  key(record: T): string;
  /**
   * The exchange's time of the record's last change (OKX `uTime`), epoch ms: what orders updates, so an
   * older state never overwrites a newer one. 0 when the exchange gives none.
   */
  time(record: T): number;
  /**
   * The fields an answer is built from, as one string: reconciliation compares these. Leave out what moves
   * with the market rather than with the account (a position's unrealized profit), or every
   * reconciliation would find a "difference" nobody missed.
   */
  fingerprint(record: T): string;
  /**
   * A record that is finished: an order filled or cancelled (kept, it still answers `order`), a position
   * closed or a balance at zero (dropped, as the exchange's REST lists leave them out).
   */
  closed(record: T): boolean;
}

export interface HeldRecord<T> {
  readonly value: T;
  /** `RecordTraits.time` of the value. */
  readonly time: number;
  /** Local epoch ms when it arrived (a push or a REST answer): a snapshot older than this cannot judge it. */
  readonly seenAt: number;
}

export interface HeldRecordsOptions<T> {
  traits: RecordTraits<T>;
  /** Keep closed records (orders: `order` by id answers from them) instead of dropping them. */
  keepClosed: boolean;
  /** Closed records kept at most; the oldest go first. */
  maxClosed?: number;
}

/** Tombstones remembered at most: enough to outlast any push still in flight. */
const MAX_TOMBSTONES = 10_000;

/**
 * One kind of record held from a private stream, newest state per key. Every write goes through one rule:
 * a state older than the one held (by the exchange's time) is ignored, and a finished record never comes
 * back to life from an older or equally old push (OKX may send a message twice, with another `uTime`).
 */
export class HeldRecords<T> {
  private readonly open = new Map<string, HeldRecord<T>>();
  /** Closed records kept (orders), oldest first. */
  private readonly finished = new Map<string, HeldRecord<T>>();
  /** Key → time of a dropped closed record, so a late push of an older state does not restore it. */
  private readonly tombstones = new Map<string, number>();
  /** Newest exchange time among records that came from the stream. */
  newestPushedTime = 0;
  private readonly maxClosed: number;

  constructor(private readonly opts: HeldRecordsOptions<T>) {
    this.maxClosed = opts.maxClosed ?? 2_000;
  }

  get traits(): RecordTraits<T> {
    return this.opts.traits;
  }

  /** The record held for `key`, open or closed. */
  get(key: string): HeldRecord<T> | undefined {
    return this.open.get(key) ?? this.finished.get(key);
  }

  /** The open records' values (open orders, non-zero balances, open positions). */
  values(): T[] {
    const out: T[] = [];
    for (const r of this.open.values()) out.push(r.value);
    return out;
  }

  /** Open records with their arrival facts (reconciliation). */
  held(): IterableIterator<[string, HeldRecord<T>]> {
    return this.open.entries();
  }

  get size(): number {
    return this.open.size;
  }

  /**
   * Applies one state of a record unless the one held is newer. `fromStream` marks a push (it moves
   * `newestPushedTime`, which read-your-writes waits on). Returns whether the held state changed.
   */
  apply(value: T, seenAt: number, fromStream: boolean): boolean {
    const t = this.opts.traits;
    const key = t.key(value);
    const time = t.time(value);
    if (fromStream && time > this.newestPushedTime) this.newestPushedTime = time;
    const held = this.get(key);
    if (held) {
      if (time < held.time) return false;
      if (time === held.time && t.closed(held.value) && !t.closed(value)) return false;
    } else {
      const dead = this.tombstones.get(key);
      if (dead !== undefined && time <= dead) return false;
    }
    this.put(key, { value, time, seenAt });
    return true;
  }

  /**
   * Replaces every record with a complete snapshot (REST: every open order, every non-zero balance,
   * every open position) taken from `startedAt` on. A record that arrived from the stream after the
   * snapshot was asked for is newer than anything the snapshot can say and stays, as does one whose
   * exchange time is newer than the snapshot's row; everything else takes the snapshot's state. An open
   * record missing from the snapshot is dropped (it closed unseen: the next question about it goes to REST).
   */
  replace(snapshot: readonly T[], startedAt: number, seenAt: number): void {
    const t = this.opts.traits;
    const inSnapshot = new Set<string>();
    for (const row of snapshot) {
      const key = t.key(row);
      inSnapshot.add(key);
      const held = this.get(key);
      if (held && (held.seenAt >= startedAt || held.time > t.time(row))) continue;
      this.put(key, { value: row, time: t.time(row), seenAt });
    }
    for (const [key, held] of [...this.open]) {
      if (inSnapshot.has(key) || held.seenAt >= startedAt) continue;
      this.open.delete(key);
    }
  }

  /** Sets the record held for its key whatever is held: reconciliation's correction. */
  force(value: T, seenAt: number): void {
    const key = this.opts.traits.key(value);
    this.tombstones.delete(key);
    this.put(key, { value, time: this.opts.traits.time(value), seenAt });
  }

  /** Forgets a record (an open order the exchange no longer lists and could not be looked up). */
  forget(key: string): void {
    this.open.delete(key);
    this.finished.delete(key);
  }

  clear(): void {
    this.open.clear();
    this.finished.clear();
    this.tombstones.clear();
    this.newestPushedTime = 0;
  }

  private put(key: string, record: HeldRecord<T>): void {
    if (!this.opts.traits.closed(record.value)) {
      this.finished.delete(key);
      this.open.set(key, record);
      return;
    }
    this.open.delete(key);
    if (!this.opts.keepClosed) {
      this.tombstones.delete(key);
      this.tombstones.set(key, record.time);
      if (this.tombstones.size > MAX_TOMBSTONES) this.tombstones.delete(firstKey(this.tombstones));
      return;
    }
    this.finished.delete(key);
    this.finished.set(key, record);
    if (this.finished.size > this.maxClosed) this.finished.delete(firstKey(this.finished));
  }
}

function firstKey(map: Map<string, unknown>): string {
  return map.keys().next().value as string;
}
