import type { StreamFeed } from "@fmz-gateway/core";
import type { OkxArg, OkxPush, OkxSocket, OkxSubscriber } from "./okx-socket";

/**
 * What every OKX stream shares: it is served only once OKX acknowledged the subscription and fresh data
 * arrived on it. Any loss discards the value, so nothing from before a drop is ever served after it.
 * Subclasses turn pushes into the value and call `ready(value)` when it is complete.
 */
export abstract class ChannelSub<V> implements OkxSubscriber {
  protected isAcked = false;

  constructor(
    readonly feed: StreamFeed<V>,
    readonly arg: OkxArg,
    protected readonly socket: OkxSocket,
  ) {}

  subscribing(reconnect: boolean): void {
    this.isAcked = false;
    this.reset();
    this.feed.connecting(reconnect);
  }

  acked(): void {
    this.isAcked = true;
    this.onAck();
    if (this.feed.value !== undefined) this.feed.live();
  }

  lost(reason: string): void {
    this.isAcked = false;
    this.reset();
    this.feed.down(reason, { discard: true });
  }

  abstract push(msg: OkxPush): void;

  /** Called when this subscription starts over: forget per-subscription state (a book, a pending seed). */
  protected reset(): void {}

  /** Called on the ack (a REST seed starts here, so it cannot miss what the channel pushes after). */
  protected onAck(): void {}

  /** A complete, fresh value: stored, and served once the subscription is acknowledged. */
  protected ready(value: V): void {
    this.feed.set(value);
    if (this.isAcked) this.feed.live();
  }

  /** Unsubscribed by the cache: stop whatever runs in the background. */
  dispose(): void {
    this.reset();
  }
}
