import { Backoff, type Logger, type StreamFeed } from "@fmz-gateway/core";
import { ChannelSub } from "./channel-sub";
import type { OkxArg, OkxPush, OkxSocket } from "./okx-socket";
import { type OkxBookData, OrderBook } from "./order-book";

/**
 * `books` (400 levels, incremental): the book is served only between a valid snapshot and the first
 * failed check. On a sequence gap or a wrong checksum it is discarded at once, and the subscription is
 * taken again (after a backoff, so a feed that keeps failing cannot turn into a resubscribe storm).
 */
export class BookSub extends ChannelSub<OrderBook> {
  private readonly book = new OrderBook();
  private readonly backoff: Backoff;
  private retry?: NodeJS.Timeout;

  constructor(
    feed: StreamFeed<OrderBook>,
    arg: OkxArg,
    socket: OkxSocket,
    private readonly logger: Logger,
    reconnectMs: number,
  ) {
    super(feed, arg, socket);
    this.backoff = new Backoff({ initialMs: reconnectMs, maxMs: 30_000 });
  }

  push(msg: OkxPush): void {
    if (this.retry) return; // discarded, waiting to resubscribe
    const result = this.book.apply(msg.action, msg.data[0] as OkxBookData);
    if (result === "ok") {
      if (msg.action !== "snapshot") this.backoff.reset();
      this.ready(this.book);
    } else if (result === "gap" || result === "checksum") {
      const why = result === "gap" ? "sequence gap" : "checksum mismatch";
      this.feed.down(`${why}; book discarded`, { discard: true });
      const delay = this.backoff.next();
      this.logger.debug(`books ${this.arg.instId}: ${why}, resubscribing in ${delay} ms`);
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.socket.resubscribe(this);
      }, delay);
    }
  }

  protected override reset(): void {
    clearTimeout(this.retry);
    this.retry = undefined;
    this.book.clear();
  }
}
