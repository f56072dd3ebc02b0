import type { Logger } from "../logging/logger";
import type { Credentials } from "./credentials";

/** What an adapter method gets besides its params: who is calling, the mount's options, and the clock. */
export interface CallContext<Options extends object = Record<string, unknown>> {
  /** The mount's name: the path the docker called (`OKX_SWAP`). */
  readonly exchange: string;
  /** The wire method as the docker sent it. */
  readonly method: string;
  /** The caller's keys; empty strings on a public call without keys. */
  readonly credentials: Credentials;
  /** This mount's validated options. */
  readonly options: Options;
  /** Tagged with exchange and method; secret-named fields are masked. */
  readonly logger: Logger;
  /**
   * Aborted when the call's deadline passes, the docker hangs up, or the call this one serves gives up
   * (a mount-source call); hand it to every request. Made on first read (calls/deadline). A request
   * that takes no signal is raced with `withinDeadline(ctx, fn)`.
   */
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which the host answers with a timeout error. */
  readonly deadline: number;
  /** Attaches the exchange's own response, sent back as `raw` beside `data`. */
  setRaw(raw: unknown): void;
}
