import type { Logger } from "../logging/logger";
import type { MountTelemetry, StreamSnapshot, StreamState } from "../telemetry/telemetry";
import type { StreamFeed, StreamRunner } from "./stream-feed";

/** One cached stream: its value, its state, and when it was last asked for (for idle release and LRU). */
export class StreamEntry<V> implements StreamFeed<V> {
  value: V | undefined;
  state: StreamState = "connecting";
  active = true;
  reconnects = 0;
  lastMessageAt = 0;
  lastUsedAt: number;
  /** The key as people see it (status page, debug log): `scope:key`, or the key alone when shared. */
  readonly shownKey: string;

  constructor(
    readonly channel: string,
    readonly key: string,
    readonly scope: string,
    readonly runner: StreamRunner<V>,
    private readonly telemetry: MountTelemetry,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {
    this.lastUsedAt = now();
    this.shownKey = scopedKey(scope, key);
  }

  /** Servable right now: live and holding a value. */
  get servable(): boolean {
    return this.active && this.state === "live" && this.value !== undefined;
  }

  set(value: V): void {
    this.value = value;
    this.lastMessageAt = this.now();
  }

  touch(): void {
    this.lastMessageAt = this.now();
  }

  live(): void {
    this.change("live", false, "");
  }

  connecting(reconnect = false): void {
    if (reconnect) this.reconnects++;
    this.change("connecting", reconnect, reconnect ? "resubscribing" : "subscribing");
  }

  down(reason: string, opts: { discard?: boolean } = {}): void {
    if (opts.discard) this.value = undefined;
    this.change("down", false, reason);
  }

  snapshot(): StreamSnapshot {
    const { channel, state, reconnects, lastMessageAt } = this;
    return { channel, key: this.shownKey, state, reconnects, lastMessageAt };
  }

  private change(state: StreamState, reconnect: boolean, reason: string): void {
    if (!this.active) return;
    if (state === this.state && !reconnect) return;
    this.state = state;
    this.telemetry.stream(this.channel, state, reconnect);
    if (this.logger.isLevelEnabled("debug")) {
      this.logger.debug(`stream ${this.channel} ${this.shownKey}: ${state}${reason ? ` (${reason})` : ""}`);
    }
  }
}

/** `scope:key`, or `key` alone for the shared (public) scope: how a stream is shown to people. */
export function scopedKey(scope: string, key: string): string {
  return scope === "" ? key : `${scope}:${key}`;
}
