import axios, {
  AxiosError,
  AxiosHeaders,
  type AxiosAdapter,
  type AxiosResponse,
  type InternalAxiosRequestConfig,
} from "axios";
import { Agent, request } from "undici";

export interface UndiciTransportOptions {
  /** Connections per exchange origin; default 64. */
  connections?: number;
  /** Close a pooled connection idle this long; below typical exchange idle timeouts. Default 4 000 ms. */
  keepAliveTimeoutMs?: number;
}

export type UndiciTransport = AxiosAdapter & { close(): Promise<void> };

/**
 * An axios adapter that runs requests on undici instead of Node's http module. Adapters keep axios's
 * API (what authors know); underneath, undici's pooled keep-alive client roughly doubles what the
 * gateway can push through one core (see the README's benchmark). TLS certificates are verified.
 *
 * Errors keep axios's codes (`ECONNABORTED` for a timeout, `ERR_CANCELED` for an abort, the socket's
 * own code otherwise), so callers cannot tell the transports apart.
 */
export function createUndiciTransport(opts: UndiciTransportOptions = {}): UndiciTransport {
  const dispatcher = new Agent({
    connections: opts.connections ?? 64,
    keepAliveTimeout: opts.keepAliveTimeoutMs ?? 4_000,
    keepAliveMaxTimeout: 60_000,
    connect: { rejectUnauthorized: true },
  });

  const adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const url = axios.getUri(config);
    const timeoutMs = config.timeout ?? 0;
    const timeout = timeoutMs > 0 ? AbortSignal.timeout(timeoutMs) : undefined;
    const callerSignal = config.signal as AbortSignal | undefined;
    const signals = [callerSignal, timeout].filter((s): s is AbortSignal => s !== undefined);
    try {
      const res = await request(url, {
        method: (config.method ?? "get").toUpperCase() as "GET",
        headers: headerRecord(config),
        body: bodyOf(config.data),
        signal: signals.length > 1 ? AbortSignal.any(signals) : signals[0],
        dispatcher,
      });
      const text = await res.body.text();
      const headers = new AxiosHeaders();
      for (const [k, v] of Object.entries(res.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
      const response: AxiosResponse = {
        data: text,
        status: res.statusCode,
        statusText: "",
        headers,
        config,
        request: undefined,
      };
      if (config.validateStatus && !config.validateStatus(res.statusCode)) {
        const code = res.statusCode >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST;
        throw new AxiosError(
          `Request failed with status code ${res.statusCode}`,
          code,
          config,
          undefined,
          response,
        );
      }
      return response;
    } catch (err) {
      if (err instanceof AxiosError) throw err;
      if (timeout?.aborted) {
        throw new AxiosError(`timeout of ${timeoutMs}ms exceeded`, AxiosError.ECONNABORTED, config);
      }
      if (callerSignal?.aborted) throw new AxiosError("canceled", AxiosError.ERR_CANCELED, config);
      const e = err as { code?: string; message?: string };
      throw new AxiosError(e.message ?? "network error", e.code ?? AxiosError.ERR_NETWORK, config);
    }
  };
  return Object.assign(adapter, { close: () => dispatcher.close() });
}

function headerRecord(config: InternalAxiosRequestConfig): Record<string, string> {
  const out: Record<string, string> = {};
  const json = AxiosHeaders.from(config.headers).toJSON(true) as Record<string, unknown>;
  for (const [k, v] of Object.entries(json)) {
    if (v === undefined || v === null || v === false) continue;
    out[k] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

function bodyOf(data: unknown): string | Buffer | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === "string" || Buffer.isBuffer(data)) return data;
  return JSON.stringify(data);
}
