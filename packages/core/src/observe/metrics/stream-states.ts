import { Counter, Gauge, type Registry } from "prom-client";
import type { StreamEvent, StreamState, Telemetry } from "../../telemetry/telemetry";
import type { BoundedLabels } from "../bounded-labels";
import { METRIC } from "./metric-names";

/**
 * Stream metrics. `fmz_gateway_stream_up{exchange,channel}` is 1 while every stream of that channel is
 * live and 0 while any is not, so "a stream is down" is one alert rule. It is read at scrape time from
 * the mount's stream snapshots (one per subscription: the instrument is a snapshot field, never a
 * label); a channel that reports events but no snapshots falls back to its last reported state.
 */
export class StreamStates {
  private readonly lastState = new Map<string, Map<string, StreamState>>();
  private readonly reconnects: Counter;

  constructor(
    private readonly telemetry: Telemetry,
    private readonly mountNames: () => readonly string[],
    private readonly channels: BoundedLabels,
    registers: Registry[],
  ) {
    this.reconnects = new Counter({
      name: METRIC.streamReconnects,
      help: "Times a stream reconnected after it dropped",
      labelNames: ["exchange", "channel"],
      registers,
    });
    const up: Gauge = new Gauge({
      name: METRIC.streamUp,
      help: "1 while every stream of the channel is live, 0 while one is connecting or down",
      labelNames: ["exchange", "channel"],
      registers,
      collect: () => {
        up.reset();
        for (const [exchange, byChannel] of this.states())
          for (const [channel, states] of byChannel)
            up.set({ exchange, channel }, states.every((s) => s === "live") ? 1 : 0);
      },
    });
    const count: Gauge = new Gauge({
      name: METRIC.streams,
      help: "Streams (subscriptions) a mount holds, by channel and state",
      labelNames: ["exchange", "channel", "state"],
      registers,
      collect: () => {
        count.reset();
        for (const [exchange, byChannel] of this.states())
          for (const [channel, states] of byChannel)
            for (const state of ["connecting", "live", "down"] as const)
              count.set({ exchange, channel, state }, states.filter((s) => s === state).length);
      },
    });
  }

  onEvent(e: StreamEvent): void {
    const channel = this.channels.fold(e.exchange, e.channel);
    let byChannel = this.lastState.get(e.exchange);
    if (!byChannel) this.lastState.set(e.exchange, (byChannel = new Map()));
    byChannel.set(channel, e.state);
    if (e.reconnect) this.reconnects.inc({ exchange: e.exchange, channel });
  }

  /** exchange → channel → the state of each of its streams. */
  private states(): Map<string, Map<string, StreamState[]>> {
    const out = new Map<string, Map<string, StreamState[]>>();
    const exchanges = new Set([...this.mountNames(), ...this.lastState.keys()]);
    for (const exchange of exchanges) {
      const byChannel = new Map<string, StreamState[]>();
      for (const s of this.telemetry.streams(exchange)) {
        const channel = this.channels.fold(exchange, s.channel);
        const list = byChannel.get(channel);
        if (list) list.push(s.state);
        else byChannel.set(channel, [s.state]);
      }
      for (const [channel, state] of this.lastState.get(exchange) ?? [])
        if (!byChannel.has(channel)) byChannel.set(channel, [state]);
      if (byChannel.size > 0) out.set(exchange, byChannel);
    }
    return out;
  }
}
