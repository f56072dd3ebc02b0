// What a handler gets to see about a request.

import type { KeyEntry } from "../auth/credentials";
import type { StandinState } from "../state";
import type { Reply } from "./reply";

export interface RequestContext {
  method: string;
  /** Path without the query. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
  ip: string;
  /** Server clock at arrival, ms. */
  now: number;
  /** Set for private endpoints once the signature checked out. */
  key: KeyEntry | undefined;
}

export type Handler = (ctx: RequestContext, st: StandinState) => Reply;
