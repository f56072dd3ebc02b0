import http from "node:http";

/** What a call answered: exactly one of `data` or `error`, as the FMZ docker sees it. */
export interface CallResult<T = unknown> {
  data?: T;
  raw?: unknown;
  error?: string;
  /** HTTP status of the reply (the protocol always uses 200). */
  status: number;
}

export interface DockerClientOptions {
  /** Gateway root, e.g. `http://127.0.0.1:6666`. */
  baseUrl: string;
  /** The mount: the path segment FMZ's service address ends with (`OKX`). */
  exchange: string;
  accessKey?: string;
  /** The Secret Key as typed on FMZ, extras comma-separated (`SECRET,PASSPHRASE`). */
  secretKey?: string;
  /** Per-call timeout; default 60 000 ms. */
  timeoutMs?: number;
  /** Connection pool; default one shared keep-alive agent of 32 sockets. */
  agent?: http.Agent;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

/**
 * Calls a gateway exactly as the FMZ docker does: `POST /<exchange>` with the keys in the body, a
 * nanosecond nonce, params as strings (the docker stringifies them), and the HTTP verb of an
 * `exchange.IO("api", …)` call in the `Http-Method` header.
 */
export class DockerClient {
  constructor(readonly opts: DockerClientOptions) {}

  /** A raw call: `method` and `params` as given, values stringified like the docker does. */
  async call<T = unknown>(
    method: string,
    params: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<CallResult<T>> {
    const body = JSON.stringify({
      access_key: this.opts.accessKey ?? "",
      secret_key: this.opts.secretKey ?? "",
      nonce: nanoNonce(),
      method,
      params: stringifyParams(params),
    });
    return this.post<T>(body, headers);
  }

  /** Sends a body as is (for malformed-input tests). */
  async post<T = unknown>(body: string, headers: Record<string, string> = {}): Promise<CallResult<T>> {
    const url = new URL(`${this.opts.baseUrl.replace(/\/+$/, "")}/${encodeURIComponent(this.opts.exchange)}`);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method: "POST",
          agent: this.opts.agent ?? agent,
          headers: {
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(body),
            ...headers,
          },
          timeout: this.opts.timeoutMs ?? 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              const parsed = JSON.parse(text) as Omit<CallResult<T>, "status">;
              resolve({ ...parsed, status: res.statusCode ?? 0 });
            } catch {
              reject(new Error(`gateway answered non-JSON (HTTP ${res.statusCode}): ${text.slice(0, 200)}`));
            }
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no reply within ${this.opts.timeoutMs ?? 60_000} ms`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  /** `exchange.IO("api", verb, path, query)`: method `__api_<path>`, the query decoded into params. */
  async io<T = unknown>(verb: string, path: string, query = ""): Promise<CallResult<T>> {
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(query)) params[k] = v;
    return this.call<T>(`__api_${path}`, params, { "Http-Method": verb.toUpperCase() });
  }

  /** The data of a call, or a thrown Error carrying the gateway's error text. */
  async data<T = unknown>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    const r = await this.call<T>(method, params);
    if (r.error !== undefined) throw new Error(`${method}: ${r.error}`);
    return r.data as T;
  }

  /** The same client for another mount or other keys. */
  with(overrides: Partial<DockerClientOptions>): DockerClient {
    return new DockerClient({ ...this.opts, ...overrides });
  }
}

/** The docker sends params as strings ("limit": "30"); numbers become their shortest decimal text. */
export function stringifyParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === "number" ? String(v) : v;
  return out;
}

/** A nanosecond timestamp, as the docker's `nonce`. */
export function nanoNonce(): number {
  return Number(process.hrtime.bigint() % 1_000_000n) + Date.now() * 1_000_000;
}
