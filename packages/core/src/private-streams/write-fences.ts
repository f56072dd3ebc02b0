import type { HeldRecords } from "./held-records";
import type { OrderTraits, PrivateKind } from "./private-driver";

/**
 * Read your own writes. A `trade` or `cancel` through the gateway leaves a fence: until the stream shows
 * what that write changed, answers of the kinds it may have changed are not taken from the held state.
 *
 * What "shows" means, per kind, for the write's order:
 * - orders: a placed order is held; a cancelled one is held closed;
 * - balances: the order is held, and a balance push at least as new as the order's last change came;
 * - positions: as balances, with a position push; an order without fills moved no position.
 * A fence without an order id (a placement whose outcome is unknown) is never shown by a push. A fence
 * is also lifted, kind by kind, by a REST snapshot of that kind asked for after the write.
 */
export interface WriteFence {
  /** Local epoch ms of the write's reply. */
  readonly at: number;
  readonly write: "place" | "cancel";
  /** The exchange's order id, when the write named one. */
  readonly orderKey: string | undefined;
  /** Kinds a later REST snapshot already settled. */
  readonly settled: Set<PrivateKind>;
}

export interface FenceBooks<O> {
  orders: HeldRecords<O>;
  balances: HeldRecords<unknown>;
  positions: HeldRecords<unknown>;
  orderTraits: OrderTraits<O>;
}

export class WriteFences<O> {
  private fences: WriteFence[] = [];

  constructor(
    private readonly books: FenceBooks<O>,
    private readonly kinds: readonly PrivateKind[],
  ) {}

  add(write: "place" | "cancel", orderKey: string | undefined, at: number): void {
    this.fences.push({ at, write, orderKey, settled: new Set() });
  }

  /** Whether every write so far is visible in the held `kind`. */
  shown(kind: PrivateKind): boolean {
    if (this.fences.length === 0) return true;
    return this.fences.every((f) => this.fenceShown(f, kind));
  }

  /**
   * A REST snapshot of `kind` asked for at `startedAt` has replaced the held state. It settles the writes
   * answered strictly before it was asked for: with millisecond clocks, a reply and a request in the same
   * millisecond cannot be ordered, so such a write waits for another snapshot.
   */
  settle(kind: PrivateKind, startedAt: number): void {
    for (const f of this.fences) if (f.at < startedAt) f.settled.add(kind);
    this.prune();
  }

  /** Drops fences every kind shows (called after pushes, so the list stays short). */
  prune(): void {
    if (this.fences.length === 0) return;
    this.fences = this.fences.filter((f) => !this.kinds.every((k) => this.fenceShown(f, k)));
  }

  clear(): void {
    this.fences = [];
  }

  get size(): number {
    return this.fences.length;
  }

  private fenceShown(f: WriteFence, kind: PrivateKind): boolean {
    if (f.settled.has(kind)) return true;
    if (f.orderKey === undefined) return false;
    const held = this.books.orders.get(f.orderKey);
    if (!held) return false;
    const traits = this.books.orderTraits;
    if (f.write === "cancel" && !traits.closed(held.value)) return false;
    switch (kind) {
      case "orders":
        return true;
      case "balances":
        return this.books.balances.newestPushedTime >= held.time;
      case "positions":
        return !traits.filled(held.value) || this.books.positions.newestPushedTime >= held.time;
    }
  }
}
