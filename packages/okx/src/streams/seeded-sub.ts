import { Backoff, type Logger, type StreamFeed } from "@fmz-gateway/core";
import { ChannelSub } from "./channel-sub";
import type { OkxArg, OkxPush, OkxSocket } from "./okx-socket";

/**
 * A stream whose value starts from a REST answer (trades, candles): the seed is fetched after OKX
 * acknowledged the subscription, so nothing the channel pushes afterwards can fall between the two;
 * pushes that arrive before the seed are held and folded in after it. A failed seed is retried with
 * backoff while the subscription lasts; until then the stream is not served.
 */
export abstract class SeededSub<Row, V> extends ChannelSub<V> {
  private pending: Row[] = [];
  private seeded = false;
  /** Bumped on every restart, so a seed that returns after a drop is thrown away. */
  private generation = 0;
  private retry?: NodeJS.Timeout;
  private readonly backoff: Backoff;

  constructor(
    feed: StreamFeed<V>,
    arg: OkxArg,
    socket: OkxSocket,
    protected readonly logger: Logger,
    reconnectMs: number,
  ) {
    super(feed, arg, socket);
    this.backoff = new Backoff({ initialMs: reconnectMs, maxMs: 30_000 });
  }

  /** Fetch the REST rows the stream starts from. */
  protected abstract seed(): Promise<Row[]>;
  /** Fold REST rows (`fromSeed`) or pushed rows into the held state and return the value to serve. */
  protected abstract fold(rows: Row[], fromSeed: boolean): V;

  push(msg: OkxPush): void {
    const rows = msg.data as Row[];
    if (!this.seeded) {
      this.pending.push(...rows);
      this.feed.touch();
      return;
    }
    this.ready(this.fold(rows, false));
  }

  protected override onAck(): void {
    this.startSeed(this.generation);
  }

  protected override reset(): void {
    this.generation++;
    this.seeded = false;
    this.pending = [];
    clearTimeout(this.retry);
    this.retry = undefined;
  }

  private startSeed(gen: number): void {
    this.seed().then(
      (rows) => {
        if (gen !== this.generation || !this.feed.active) return;
        this.fold(rows, true);
        const held = this.pending;
        this.pending = [];
        this.seeded = true;
        this.backoff.reset();
        this.ready(this.fold(held, false));
      },
      (err: unknown) => {
        if (gen !== this.generation || !this.feed.active) return;
        const delay = this.backoff.next();
        this.logger.debug(
          `${this.arg.channel} ${this.arg.instId}: REST seed failed (${(err as Error).message}); retry in ${delay} ms`,
        );
        this.retry = setTimeout(() => this.startSeed(gen), delay);
      },
    );
  }
}
