import Ajv, { type ValidateFunction } from "ajv";
import type { FromSchema, JSONSchema } from "json-schema-to-ts";
import type { MethodSpec } from "./method-spec";

/** A method table: the one declaration of each protocol method (see method-table.ts). */
export type MethodTable = readonly MethodSpec[];

/** The adapter method names of a table whose methods need no keys. */
export type PublicMethodOf<T extends MethodTable> = Extract<T[number], { readonly private: false }>["method"];

/** The reply schema of each adapter method of a table. */
export type ReplySchemasOf<T extends MethodTable> = {
  readonly [S in T[number] as S["method"]]: S["replySchema"];
};

/** The typed params each method of a table receives: what its entry's parser returns. */
export type ParamsByMethodOf<T extends MethodTable> = {
  [S in T[number] as S["method"]]: ReturnType<S["parse"]>;
};

/** The typed params a table's method `K` receives. */
export type TableParamsOf<T extends MethodTable, K extends T[number]["method"]> = ParamsByMethodOf<T>[K];

/**
 * `T` with every tuple readonly (`[number, number]` becomes `readonly [number, number]`); objects and
 * plain arrays keep their shape. A reply's tuples (a depth level, a bar) are positions, never grown or
 * rewritten, and a readonly tuple accepts both a literal `[price, amount]` and a level built `as const` or
 * held in a `readonly` field, where the mutable tuple json-schema-to-ts derives refused the latter two.
 * Nothing is weakened: the length and each element's type are the schema's.
 */
export type ReadonlyTuples<T> = T extends readonly unknown[]
  ? number extends T["length"]
    ? ReadonlyTuples<T[number]>[]
    : { readonly [I in keyof T]: ReadonlyTuples<T[I]> }
  : T extends object
    ? { [P in keyof T]: ReadonlyTuples<T[P]> }
    : T;

/** The type of a value of reply schema `S`: json-schema-to-ts's, with its tuples readonly. */
export type FromReplySchema<S extends JSONSchema> = ReadonlyTuples<FromSchema<S>>;

/** The keywords whose value is one schema, or a list of schemas, that describes part of a value. */
type SubschemaKeyword =
  "items" | "prefixItems" | "additionalItems" | "additionalProperties" | "anyOf" | "oneOf";

/**
 * A reply schema as a mount source answers it: every `{ type: "number" }` node (money) becomes a
 * `{ type: "string" }` (decimal text); `integer` nodes and everything else stay. Only the keywords that
 * hold schemas are walked, so an `enum` or `const` of numbers is left alone. The runtime twin is
 * `sourceReplySchema` (adapter/source-replies), and the conversion both ways walks the same keywords.
 */
export type SourceSchema<S> = S extends { readonly type: "number" }
  ? { readonly [P in keyof S]: P extends "type" ? "string" : S[P] }
  : S extends readonly unknown[]
    ? { readonly [I in keyof S]: SourceSchema<S[I]> }
    : S extends object
      ? {
          readonly [P in keyof S]: P extends "properties"
            ? { readonly [Q in keyof S[P]]: SourceSchema<S[P][Q]> }
            : P extends SubschemaKeyword
              ? SourceSchema<S[P]>
              : S[P];
        }
      : S;

/** The type of a value of reply schema `S` with its money as decimal text. */
export type FromSourceSchema<S> =
  SourceSchema<S> extends infer X extends JSONSchema ? FromReplySchema<X> : never;

/**
 * What each public method of a table answers through a mount source: its reply, money as decimal text.
 * A map computed once per table and indexed (like `MethodSignatures`), so that a generic `K` never makes
 * the compiler derive a type from a union of schemas.
 */
export type SourceRepliesOf<T extends MethodTable> = {
  [S in Extract<T[number], { readonly private: false }> as S["method"]]: FromSourceSchema<S["replySchema"]>;
};

/** What a table's public method `K` answers through a mount source. */
export type SourceReplyOf<T extends MethodTable, K extends PublicMethodOf<T>> = SourceRepliesOf<T>[K];

/** What each method of a table answers the docker, derived from its reply schema. */
export type ResultsOf<T extends MethodTable> = {
  [S in T[number] as S["method"]]: FromReplySchema<S["replySchema"]>;
};

/**
 * The methods any mount may call on another (a paper exchange reading OKX's book): the table's public
 * ones, in table order. Never a private one: a mount does not borrow another's callers' keys.
 */
export function publicMethods<const T extends MethodTable>(table: T): readonly PublicMethodOf<T>[] {
  return table.filter((s) => !s.private).map((s) => s.method as PublicMethodOf<T>);
}

/** Adapter method → wire name, for naming a method in messages (`createOrder` → `trade`). */
export function wireNames(table: MethodTable): ReadonlyMap<string, string> {
  return new Map(table.map((s) => [s.method, s.wire]));
}

/** Adapter method → reply schema. */
export function replySchemas<const T extends MethodTable>(table: T): ReplySchemasOf<T> {
  return Object.fromEntries(table.map((s) => [s.method, s.replySchema])) as ReplySchemasOf<T>;
}

export interface ResolvedMethod<S extends MethodSpec = MethodSpec> {
  readonly spec: S;
  /** The compiled params schema. */
  readonly validate: ValidateFunction;
}

/**
 * Finds a table's method by a name the docker sent: its wire name or an alias, any case, or a name
 * starting with a spec's `prefix` (`__api_…` is IO). Undefined for an unknown name. Every params schema
 * is compiled once, here.
 */
export function methodResolver<S extends MethodSpec>(
  table: readonly S[],
): (name: string) => ResolvedMethod<S> | undefined {
  const ajv = new Ajv({ allErrors: false, strict: true });
  const byName = new Map<string, ResolvedMethod<S>>();
  const byPrefix: { prefix: string; resolved: ResolvedMethod<S> }[] = [];
  for (const spec of table) {
    const resolved = { spec, validate: ajv.compile(spec.paramsSchema) };
    if (spec.prefix !== undefined) byPrefix.push({ prefix: spec.prefix, resolved });
    for (const name of [spec.wire, ...spec.aliases]) byName.set(name.toLowerCase(), resolved);
  }
  return (name) =>
    byPrefix.find((p) => name.startsWith(p.prefix))?.resolved ?? byName.get(name.toLowerCase());
}
