import type { AddressInfo } from "node:net";
import http from "node:http";
import { type DependencyContainer, container } from "tsyringe";
import { AllowList, AllowListError } from "../access/allow-list";
import { bindRefusal } from "../access/bind-check";
import { BrowserPolicy } from "../access/browser-policy";
import { guardRequests } from "../access/guard";
import type { Logger } from "../logging/logger";
import { readMountPages } from "../observe/mount-pages/mount-page-table";
import { Observer } from "../observe/observer";
import { createApp, createStatusApp } from "./create-app";
import { Dispatcher } from "./dispatch";
import { type Mount, type MountConfig, createMounts } from "./mounts";
import { Recorder } from "./recorder";
import { StartupError } from "./startup-error";
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
  /** Where mounts take relative files in their options from (the config file's folder); default cwd. */
  baseDir?: string;
  /**
   * Addresses and CIDR ranges (IPv4, IPv6) that may call besides loopback, which always may. Required
   * to bind anything but loopback: the docker's keys travel in plain text.
   */
  allow?: readonly string[];
  /** Web origins whose pages may call (the docker sends no Origin); default none. */
  allowOrigins?: readonly string[];
  /** Names or addresses the gateway answers to besides loopback, `localhost` and this machine's addresses (DNS rebinding guard). */
  hostnames?: readonly string[];
  /**
   * A second listener on the same host serving only the status page, `/status.json`, `/metrics` and
   * `/health`, on a port browsers open (6666 is on their blocked-port list). Undefined or false: none.
   */
  statusPort?: number | false;
  /**
   * The container this gateway's mounts are resolved in (each in a child of it holding its own mount's
   * services). Register a replacement for a shared service here before start, e.g.
   * `provideService(scope, RATE_LIMIT_STORE, store)` on `container.createChildContainer()`; what it does not
   * hold comes from the root container. Default: a fresh child of the root container.
   */
  container?: DependencyContainer;
}

/**
 * Receiving one request's headers and body may take this long; a body trickled in slowly would
 * otherwise hold a socket (and its buffers) for minutes.
 */
const REQUEST_RECEIVE_MS = 30_000;

/** A running gateway: the HTTP server, its mounts, and an orderly shutdown. */
export class Gateway {
  private server?: http.Server;
  private statusServer?: http.Server;
  private readonly inflight = { count: 0 };
  private recorder?: Recorder;
  private closing?: Promise<void>;
  private observer?: Observer;

  private constructor(
    private readonly opts: GatewayOptions,
    readonly mounts: ReadonlyMap<string, Mount>,
    /** Every call, upstream request, limiter wait and stream change of this gateway, as events. */
    readonly telemetry: Telemetry,
  ) {}

  /** Builds the mounts (refusing bad config) and starts listening. */
  static async start(opts: GatewayOptions): Promise<Gateway> {
    // Checked before any adapter starts: a refused bind should not have opened exchange connections.
    const allow = allowListOf(opts);
    const exchanges = opts.exchanges ?? defaultExchanges();
    const telemetry = new Telemetry();
    const observer = new Observer(telemetry);
    const mounts = await createMounts(
      exchanges,
      opts.logger,
      opts.callTimeoutMs ?? 30_000,
      telemetry,
      opts.baseDir ?? process.cwd(),
      opts.container ?? container.createChildContainer(),
    ).catch((err: unknown) => {
      observer.close();
      throw err;
    });
    const gw = new Gateway(opts, mounts, telemetry);
    observer.attach(
      [...mounts.values()].map((m) => ({
        name: m.name,
        adapter: m.adapterName,
        options: m.options,
        pages: readMountPages(m.adapter, m.name, m.logger),
        logger: m.logger,
      })),
    );
    gw.observer = observer;
    try {
      await gw.listen(allow);
    } catch (err) {
      // A port that cannot be had: nothing may keep running (adapters' connections, the API listener).
      await gw.close(0).catch(() => undefined);
      throw err;
    }
    return gw;
  }

  private async listen(allow: AllowList): Promise<void> {
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
      observer: this.observer,
    });
    const browser = new BrowserPolicy({
      allowOrigins: this.opts.allowOrigins,
      hostnames: this.opts.hostnames,
    });
    const host = this.opts.host ?? "127.0.0.1";
    this.server = await serve(
      guardRequests(app, allow, browser, this.opts.logger),
      host,
      this.opts.port ?? 6666,
    );
    const statusPort = this.opts.statusPort;
    if (statusPort !== undefined && statusPort !== false && this.observer) {
      const statusApp = createStatusApp({
        mounts: this.mounts,
        startedAt: Date.now(),
        observer: this.observer,
      });
      this.statusServer = await serve(
        guardRequests(statusApp, allow, browser, this.opts.logger),
        host,
        statusPort,
      ).catch((err: NodeJS.ErrnoException) => {
        throw new StartupError(
          `the status page's port ${statusPort} on ${host} is taken (${err.code ?? err.message}): set "statusPort" to another port, or false`,
        );
      });
    }
  }

  get address(): AddressInfo {
    const addr = this.server?.address();
    if (!addr || typeof addr === "string") throw new Error("gateway is not listening");
    return addr;
  }

  /** `http://127.0.0.1:6666` */
  get url(): string {
    return urlOf(this.address);
  }

  /** The status page's own listener (`http://127.0.0.1:6680`), when it has one. */
  get statusUrl(): string | undefined {
    const addr = this.statusServer?.address();
    return addr && typeof addr !== "string" ? urlOf(addr) : undefined;
  }

  /** Stops accepting connections, lets in-flight calls finish (up to `graceMs`), closes adapters. */
  close(graceMs = 30_000): Promise<void> {
    this.closing ??= this.shutdown(graceMs);
    return this.closing;
  }

  private async shutdown(graceMs: number): Promise<void> {
    const statusServer = this.statusServer;
    if (statusServer) {
      const closed = new Promise<void>((resolve) => statusServer.close(() => resolve()));
      statusServer.closeAllConnections();
      await closed;
    }
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
    this.observer?.close();
  }
}

/** Listens with the gateway's receive deadlines; rejects when the port cannot be had. */
function serve(handler: http.RequestListener, host: string, port: number): Promise<http.Server> {
  return new Promise<http.Server>((resolve, reject) => {
    const server = http.createServer(
      {
        requestTimeout: REQUEST_RECEIVE_MS,
        headersTimeout: REQUEST_RECEIVE_MS,
        // How often the deadlines above are checked (Node's default, 30 s, would double them).
        connectionsCheckingInterval: 1_000,
      },
      handler,
    );
    // Longer than the docker's own keep-alive, so idle sockets are closed by the client, not mid-request.
    server.keepAliveTimeout = 65_000;
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}

function urlOf({ address, port }: AddressInfo): string {
  return `http://${address.includes(":") ? `[${address}]` : address}:${port}`;
}

/** The allow list, refusing a bad entry or a bind beyond loopback without one. */
function allowListOf(opts: GatewayOptions): AllowList {
  const entries = opts.allow ?? [];
  const refusal = bindRefusal(opts.host ?? "127.0.0.1", entries);
  if (refusal) throw new StartupError(refusal);
  try {
    return new AllowList(entries);
  } catch (err) {
    if (err instanceof AllowListError) throw new StartupError(err.message);
    throw err;
  }
}

function defaultExchanges(): Record<string, MountConfig> {
  const out: Record<string, MountConfig> = {};
  for (const reg of exchangeRegistry.list()) if (reg.autoMount) out[reg.name] = { adapter: reg.name };
  return out;
}
