/** The raw params the docker sent, before the method's schema and parser looked at them. */
export type RawParams = Record<string, unknown>;

/** What a parser is told besides the params: the HTTP verb header (for IO) and the name the docker sent. */
export interface ParseExtra {
  httpMethod?: string;
  wireMethod: string;
}

/**
 * Everything about one protocol method, declared once in its table entry; the wire-name map, the base
 * adapter's "not supported" defaults, the public methods one mount may call on another and the testkit's
 * suite are all derived from a table of these (see table-derivations.ts).
 */
export interface MethodSpec<
  K extends string = string,
  P = unknown,
  R extends object = object,
  Private extends boolean = boolean,
> {
  /** The name FMZ's docker sends in `method`. */
  readonly wire: string;
  /** Other names accepted for the same method (matched case-insensitively, like `wire`). */
  readonly aliases: readonly string[];
  /**
   * Every name starting with this resolves to the method, whatever follows (`__api_<path>` is IO); the
   * rest of the name is the parser's to read (`extra.wireMethod`).
   */
  readonly prefix?: string;
  /** How the base adapter names the method in its "not supported: <name>" answer; default `wire`. */
  readonly notSupportedName?: string;
  /** The adapter method that serves it. */
  readonly method: K;
  /** The FMZ strategy function this serves. */
  readonly fmz: string;
  /** Whether the method trades or reads private data (needs the caller's keys). */
  readonly private: Private;
  /** JSON schema of the raw params, checked before `parse`. */
  readonly paramsSchema: object;
  /** Validates and converts raw params; throws BadRequestError with a readable reason. */
  readonly parse: (raw: RawParams, extra: ParseExtra) => P;
  /** JSON schema of the reply's `data` as the gateway sends it; the reply type is derived from it. */
  readonly replySchema: R;
}

/**
 * Declares one table entry, keeping its literal types (method name, privacy, reply schema) so that the
 * types derived from the table are exact.
 */
export function spec<const K extends string, P, const R extends object, const Private extends boolean>(
  s: MethodSpec<K, P, R, Private>,
): MethodSpec<K, P, R, Private> {
  return s;
}
