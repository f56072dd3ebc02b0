// What a gateway reports about its streams, read through its telemetry: each mount's stream snapshots,
// waits on a stream's state, and where each answer came from. The telemetry comes from a function so a
// suite can bind these helpers before its gateway starts (the gateway is made in `before`).
import { waitFor } from "./wait";

/** The part of core's `StreamSnapshot` these helpers and their callers read. */
export interface StreamReport {
  readonly channel: string;
  readonly key: string;
  readonly state: string;
  readonly reconnects: number;
}

/** Core's `ServedEvent`: where one answer came from. */
export interface ServedReport {
  readonly exchange: string;
  readonly method: string;
  readonly source: "stream" | "rest";
}

/** The part of core's `Telemetry` these helpers use (a gateway's `telemetry` fits it as it is). */
export interface StreamTelemetry {
  streams(mount: string): readonly StreamReport[];
  on(kind: "served", listener: (event: ServedReport) => void): unknown;
}

export interface GatewayStreams {
  /** The mount's streams now (`mount` defaults to the one the helpers were made for). */
  streamsOf(mount?: string): readonly StreamReport[];
  streamState(channel: string, key: string, mount?: string): string | undefined;
  waitLive(channel: string, key: string, mount?: string): Promise<void>;
  /**
   * Calls `ask` until every `[channel, key]` stream is live. With a short `streamIdleMs` on a loaded
   * machine a stream can be let go before it came up; asking again opens it again.
   */
  askUntilLive(
    ask: () => Promise<unknown>,
    wanted: readonly [string, string][],
    mount?: string,
  ): Promise<void>;
  /** A list that from now on records where each answer came from, on every mount. */
  servedLog(): ServedReport[];
}

/** The helpers for one gateway, `mount` being the one they read unless told another. */
export function gatewayStreams(telemetry: () => StreamTelemetry, mount: string): GatewayStreams {
  const streamsOf = (m = mount) => telemetry().streams(m);
  const streamState = (channel: string, key: string, m = mount) =>
    streamsOf(m).find((s) => s.channel === channel && s.key === key)?.state;
  return {
    streamsOf,
    streamState,
    waitLive: (channel, key, m = mount) =>
      waitFor(() => streamState(channel, key, m) === "live", 8000, `${channel} ${key} live`),
    askUntilLive: (ask, wanted, m = mount) =>
      waitFor(
        async () => {
          await ask();
          return wanted.every(([channel, key]) => streamState(channel, key, m) === "live");
        },
        8000,
        `${wanted.map((w) => w.join(" ")).join(", ")} live`,
      ),
    servedLog: () => {
      const log: ServedReport[] = [];
      telemetry().on("served", (e) => log.push(e));
      return log;
    },
  };
}
