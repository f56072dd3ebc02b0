/** What `GET /status.json` answers; the status page renders it. Times are epoch ms, latencies ms. */
export interface StatusSnapshot {
  readonly version: string;
  readonly startedAt: number;
  readonly now: number;
  readonly uptimeSeconds: number;
  readonly mounts: MountStatus[];
  readonly calls: Windowed<"exchange" | "method", CallWindow>[];
  readonly upstream: Windowed<"exchange" | "endpoint", CallWindow>[];
  readonly rateLimits: Windowed<"exchange" | "scope", LimitWindow>[];
  /** Newest first, at most 100. */
  readonly recent: RecentCall[];
}

export interface MountStatus {
  readonly name: string;
  readonly adapter: string;
  /** Secret-looking fields masked. */
  readonly options: unknown;
  /** The page its adapter serves about it, when it has one: the link's text and where it goes. */
  readonly page?: { readonly title: string; readonly href: string };
  readonly streams: {
    readonly live: number;
    readonly connecting: number;
    readonly down: number;
    readonly reconnects: number;
    /** At most 100, for people: channel, instrument, state, reconnects, last message. */
    readonly list: {
      channel: string;
      key: string;
      state: string;
      reconnects: number;
      lastMessageAt: number;
    }[];
  };
}

export interface CallWindow {
  readonly calls: number;
  /** Calls that failed; "not supported" answers are not among them. */
  readonly errors: number;
  /** Calls answered "not supported" (the adapter lacks the method): per method only. */
  readonly unsupported?: number;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
}

export interface LimitWindow {
  readonly waits: number;
  readonly refusals: number;
  readonly waitSeconds: number;
}

export type Windowed<K extends string, W> = { readonly [P in K]: string } & {
  readonly last5m: W;
  readonly last60m: W;
};

export interface RecentCall {
  readonly at: number;
  readonly exchange: string;
  readonly method: string;
  readonly outcome: string;
  readonly error?: string;
  readonly ms: number;
  /** Shortened (`abcd…wxyz`), empty for a keyless call. */
  readonly key: string;
}
