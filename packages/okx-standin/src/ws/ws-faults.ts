// The websocket fault switches a test throws at runtime. Book faults are one-shot and aimed at one
// instrument, or at whichever instrument's book message comes next when no instId is given.

import type { WsRefusal } from "../types";
import type { BookMessageFaults } from "./book-feed";

const ANY = "*";

type BookFault = keyof BookMessageFaults;

export class WsFaultState {
  silent = false;
  private readonly book: Record<BookFault, Set<string>> = {
    skipSequence: new Set(),
    resetSequence: new Set(),
    badChecksum: new Set(),
  };
  /** channel or instId → the error a subscription to it gets. */
  readonly refusals = new Map<string, WsRefusal>();
  /** Channels or instIds whose subscriptions are left unanswered until released. */
  readonly holds = new Set<string>();

  arm(fault: BookFault, instId: string | undefined): void {
    this.book[fault].add(instId ?? ANY);
  }

  /** The faults the next book message of `instId` carries (call consume() once it is really sent). */
  peek(instId: string): BookMessageFaults {
    const has = (f: BookFault): boolean => this.book[f].has(instId) || this.book[f].has(ANY);
    return {
      skipSequence: has("skipSequence"),
      resetSequence: has("resetSequence"),
      badChecksum: has("badChecksum"),
    };
  }

  consume(instId: string, used: BookMessageFaults): void {
    for (const f of Object.keys(this.book) as BookFault[]) {
      if (!used[f]) continue;
      if (!this.book[f].delete(instId)) this.book[f].delete(ANY);
    }
  }

  refusalFor(channel: string, instId: string): WsRefusal | undefined {
    return this.refusals.get(channel) ?? this.refusals.get(instId);
  }

  isHeld(channel: string, instId: string): boolean {
    return this.holds.has(channel) || this.holds.has(instId);
  }

  clear(): void {
    this.silent = false;
    for (const s of Object.values(this.book)) s.clear();
    this.refusals.clear();
    this.holds.clear();
  }
}

export const NO_BOOK_FAULTS: BookMessageFaults = {
  skipSequence: false,
  resetSequence: false,
  badChecksum: false,
};
