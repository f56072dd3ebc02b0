import Ajv, { type ValidateFunction } from "ajv";
import type { MethodSpec } from "./method-spec";

/** A method table: the one declaration of each protocol method (see method-table.ts). */
export type MethodTable = readonly MethodSpec[];

/** The adapter method names of a table whose methods need no keys. */
export type PublicMethodOf<T extends MethodTable> = Extract<T[number], { readonly private: false }>["method"];

/** The reply schema of each adapter method of a table. */
export type ReplySchemasOf<T extends MethodTable> = {
  readonly [S in T[number] as S["method"]]: S["replySchema"];
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
