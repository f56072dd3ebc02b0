import type { AddressInfo } from "node:net";
import type http from "node:http";
import type { Logger } from "../logging/logger";
import { createApp } from "./create-app";
import { Dispatcher } from "./dispatch";
import { type Mount, type MountConfig, createMounts } from "./mounts";
import { Recorder } from "./recorder";
import { exchangeRegistry } from "../registry/exchange-registry";
import { Telemetry } from "../telemetry/telemetry";

export interface GatewayOptions {
  /** Default 127.0.0.1: the docker sends keys in plain text, so loopback unless told otherwise. */
  host?: string;
  /** Default 6666; 0 picks a free port (tests). */
  port?: number;
  /** Path → adapter and options. Omitted: every loaded adapter that allows it, at its own name. */
  exchanges?: Record<string, MountConfig>;
  logger: Logger;
  /** Append each request and reply (redacted) to this file as JSON lines. */
  recordFile?: string;
  /** Default time the host waits for one call; default 30 000 ms. */
  callTimeoutMs?: number;
}

/** A running gateway: the HTTP server, its mounts, and an orderly shutdown. */
export class Gateway {
  private server?: http.Server;
  private readonly inflight = { count: 0 };
  private recorder?: Recorder;
  private closing?: Promise<void>;

  private constructor(
    private readonly opts: GatewayOptions,
    readonly mounts: ReadonlyMap<string, Mount>,
    /** Every call, upstream request, limiter wait and stream change of this gateway, as events. */
    readonly telemetry: Telemetry,
  ) {}

  /** Builds the mounts (refusing bad config) and starts listening. */
  static async start(opts: GatewayOptions): Promise<Gateway> {
    const exchanges = opts.exchanges ?? defaultExchanges();
    const telemetry = new Telemetry();
    const mounts = await createMounts(exchanges, opts.logger, opts.callTimeoutMs ?? 30_000, telemetry);
    const gw = new Gateway(opts, mounts, telemetry);
    await gw.listen();
    return gw;
  }

  private async listen(): Promise<void> {
    this.recorder = this.opts.recordFile ? new Recorder(this.opts.recordFile) : undefined;
    const dispatcher = new Dispatcher({
      mounts: this.mounts,
      logger: this.opts.logger,
      recorder: this.recorder,
      telemetry: this.telemetry,
    });
    const app = createApp({
      dispatcher,
      mounts: this.mounts,
      startedAt: Date.now(),
      inflight: this.inflight,
    });
    await new Promise<void>((resolve, reject) => {
      const server = app.listen(this.opts.port ?? 6666, this.opts.host ?? "127.0.0.1", (err?: Error) =>
        err ? reject(err) : resolve(),
      );
      // Longer than the docker's own keep-alive, so idle sockets are closed by the client, not mid-request.
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
      this.server = server;
    });
  }

  get address(): AddressInfo {
    const addr = this.server?.address();
    if (!addr || typeof addr === "string") throw new Error("gateway is not listening");
    return addr;
  }

  /** `http://127.0.0.1:6666` */
  get url(): string {
    const { address, port } = this.address;
    return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
  }

  /** Stops accepting connections, lets in-flight calls finish (up to `graceMs`), closes adapters. */
  close(graceMs = 30_000): Promise<void> {
    this.closing ??= this.shutdown(graceMs);
    return this.closing;
  }

  private async shutdown(graceMs: number): Promise<void> {
    const server = this.server;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const until = Date.now() + graceMs;
      while (this.inflight.count > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      server.closeAllConnections();
      await closed;
    }
    for (const m of this.mounts.values()) {
      await m.adapter
        .close()
        .catch((err: unknown) => this.opts.logger.warn(`${m.name} close failed: ${String(err)}`));
    }
    await this.recorder?.close();
  }
}

function defaultExchanges(): Record<string, MountConfig> {
  const out: Record<string, MountConfig> = {};
  for (const reg of exchangeRegistry.list()) if (reg.autoMount) out[reg.name] = { adapter: reg.name };
  return out;
}
