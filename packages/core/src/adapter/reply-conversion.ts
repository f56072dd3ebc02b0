import Ajv, { type ValidateFunction } from "ajv";
import { type SchemaKeyword, isSchema, mapSubschemas } from "../protocol/schema-walk";

// The walk behind mount sources' decimal text (source-replies.ts): a reply schema says where the money
// is (`number` nodes), so the conversion of any method's reply, the core's or a test table's new one, is
// derived from its table entry and written nowhere by hand.

/** One value in, its converted copy out. */
export type Convert = (value: unknown) => unknown;
/** Money to decimal text ("toSource"), or decimal text back to the protocol's numbers ("toReply"). */
export type Direction = "toSource" | "toReply";

type Schema = Readonly<Record<string, unknown>>;
type Segment = string | number;

/**
 * Where in a reply a leaf refused its value: thrown by a leaf, each container on the way up adds its
 * key or index, and the caller turns it into one message (`formatPath`). Costs nothing unless thrown.
 */
export class ConversionProblem extends Error {
  readonly path: Segment[] = [];
  constructor(readonly problem: string) {
    super(problem);
  }
}

function within(err: unknown, at: Segment): unknown {
  if (err instanceof ConversionProblem) err.path.unshift(at);
  return err;
}

/** `["asks", 0, 1]` → `asks[0][1]`; `[3, "price"]` → `[3].price`; the whole reply when empty. */
export function formatPath(path: readonly Segment[]): string {
  let out = "";
  for (const s of path) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === "" ? "the reply" : out;
}

/** A short description of a value that is not what its schema says, for an error message. */
export function describeValue(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return String(v);
}

/**
 * Keywords that could describe a value's money where this walker does not look. A reply schema using
 * one is refused when it is compiled (at the first mount source over its table), never passed through
 * with a float left in it.
 */
const UNSUPPORTED = [
  "$ref",
  "$dynamicRef",
  "allOf",
  "if",
  "then",
  "else",
  "not",
  "patternProperties",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
] as const;

/**
 * Compiles a reply schema into one function that rewrites every value at a `{ type: "number" }` node
 * (money) with `leaf`, and copies the rest as it is: integers (times, digit counts), strings, enums.
 * The schema is walked once, here, into a closure per node that holds money; a subtree without money
 * compiles to nothing (undefined for the whole schema) and is passed on untouched, not copied. This runs
 * on every call a paper exchange makes through a mount source, so no schema is looked at per call.
 *
 * `direction` picks the anyOf/oneOf branch a value belongs to: by the schema itself while the value holds
 * numbers ("toSource"), by its decimal-text twin (`sourceReplySchema`) when it holds text ("toReply").
 * A leaf throws `ConversionProblem`; each container on the way up adds where.
 */
export function compileConversion(
  schema: object,
  leaf: Convert,
  direction: Direction,
  where = "reply schema",
): Convert | undefined {
  return compileNode(schema as Schema, { leaf, direction, ajv: undefined }, where);
}

interface Compiler {
  readonly leaf: Convert;
  readonly direction: Direction;
  /** Made at the first anyOf/oneOf that holds money: most reply schemas have none. */
  ajv: Ajv | undefined;
}

function compileNode(schema: Schema, c: Compiler, where: string): Convert | undefined {
  for (const k of UNSUPPORTED) {
    if (k in schema) {
      throw new Error(
        `${where}: "${k}" is not supported where money may be; describe the reply with properties, items, additionalProperties, anyOf or oneOf`,
      );
    }
  }
  if (Array.isArray(schema.type) && (schema.type as unknown[]).includes("number")) {
    throw new Error(`${where}: a list of types with "number" is not supported; use anyOf`);
  }
  const own =
    schema.type === "number"
      ? c.leaf
      : (objectConversion(schema, c, where) ?? arrayConversion(schema, c, where));
  const branches = alternativesConversion(schema, c, where);
  if (own && branches) {
    throw new Error(`${where}: money both in the node and in its anyOf/oneOf is not supported`);
  }
  return own ?? branches;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `o[k] = v` that also holds for a key named `__proto__` (a market may be called anything). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === "__proto__")
    Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function objectConversion(schema: Schema, c: Compiler, where: string): Convert | undefined {
  const props: [string, Convert][] = [];
  if (isSchema(schema.properties)) {
    for (const [k, sub] of Object.entries(schema.properties)) {
      if (!isSchema(sub)) continue;
      const f = compileNode(sub, c, `${where}.properties.${k}`);
      if (f) props.push([k, f]);
    }
  }
  const extra = isSchema(schema.additionalProperties)
    ? compileNode(schema.additionalProperties, c, `${where}.additionalProperties`)
    : undefined;
  if (props.length === 0 && !extra) return undefined;
  const named = isSchema(schema.properties) ? new Set(Object.keys(schema.properties)) : new Set<string>();
  return (v) => {
    if (!isRecord(v)) throw new ConversionProblem(`is ${describeValue(v)}: expected an object`);
    // A spread copies own keys as data (a key `__proto__` stays a key); set only what converts.
    const out: Record<string, unknown> = { ...v };
    for (const [k, f] of props) {
      const x = v[k];
      if (x === undefined) continue; // an optional field left out stays out
      try {
        setOwn(out, k, f(x));
      } catch (err) {
        throw within(err, k);
      }
    }
    if (extra) {
      for (const k of Object.keys(v)) {
        if (named.has(k)) continue;
        try {
          setOwn(out, k, extra(v[k]));
        } catch (err) {
          throw within(err, k);
        }
      }
    }
    return out;
  };
}

function arrayConversion(schema: Schema, c: Compiler, where: string): Convert | undefined {
  // A tuple: `items` as a list (draft 7) or `prefixItems` (2020-12); the rest by `additionalItems`/`items`.
  const tupleSchemas = Array.isArray(schema.items)
    ? (schema.items as unknown[])
    : Array.isArray(schema.prefixItems)
      ? (schema.prefixItems as unknown[])
      : undefined;
  const restSchema = tupleSchemas
    ? Array.isArray(schema.items)
      ? schema.additionalItems
      : schema.items
    : schema.items;
  const tuple = (tupleSchemas ?? []).map((s, i) =>
    isSchema(s) ? compileNode(s, c, `${where}.items[${i}]`) : undefined,
  );
  const rest = isSchema(restSchema) ? compileNode(restSchema, c, `${where}.items`) : undefined;
  if (!rest && tuple.every((f) => f === undefined)) return undefined;
  return (v) => {
    if (!Array.isArray(v)) throw new ConversionProblem(`is ${describeValue(v)}: expected an array`);
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      const f = i < tuple.length ? tuple[i] : rest;
      try {
        out[i] = f ? f(v[i]) : v[i];
      } catch (err) {
        throw within(err, i);
      }
    }
    return out;
  };
}

/**
 * anyOf/oneOf: the first alternative the value fits converts it. Fit is judged by the alternative's own
 * schema before conversion (numbers) and by its decimal-text twin after (text); an alternative that is
 * money and one that is text at the same place cannot be told apart after conversion, so a reply schema
 * should not offer both.
 */
function alternativesConversion(schema: Schema, c: Compiler, where: string): Convert | undefined {
  const keyword = Array.isArray(schema.anyOf) ? "anyOf" : Array.isArray(schema.oneOf) ? "oneOf" : undefined;
  if (!keyword) return undefined;
  const alternatives = (schema[keyword] as unknown[]).filter(isSchema);
  const converts = alternatives.map((s, i) => compileNode(s, c, `${where}.${keyword}[${i}]`));
  if (converts.every((f) => f === undefined)) return undefined;
  c.ajv ??= new Ajv({ strict: false });
  const ajv = c.ajv;
  const fits: ValidateFunction[] = alternatives.map((s) =>
    ajv.compile(c.direction === "toSource" ? s : sourceReplySchema(s)),
  );
  return (v) => {
    for (let i = 0; i < fits.length; i++) {
      if (fits[i](v)) {
        const f = converts[i];
        return f ? f(v) : v;
      }
    }
    throw new ConversionProblem(`is ${describeValue(v)}: fits none of its schema's ${keyword}`);
  };
}

/** Decimal text as `sourceReplySchema` describes money: what `decimalText` prints, never an exponent. */
export const DECIMAL_TEXT_SCHEMA = { type: "string", pattern: "^-?\\d+(\\.\\d+)?$" } as const;

/**
 * A reply schema as a mount source answers it: every `{ type: "number" }` node becomes decimal text
 * (`DECIMAL_TEXT_SCHEMA`, keeping the node's other keywords such as its description); `integer` nodes and
 * everything else stay. The runtime twin of the type `SourceSchema` (protocol/table-derivations).
 */
export function sourceReplySchema(schema: object): object {
  return toSourceSchema(schema as Schema);
}

const NUMBER_ONLY = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"] as const;

/** The keywords the decimal-text form looks into: those `SourceSchema` walks at type level. */
const SOURCE_KEYWORDS: ReadonlySet<SchemaKeyword> = new Set([
  "properties",
  "items",
  "prefixItems",
  "additionalProperties",
  "additionalItems",
  "anyOf",
  "oneOf",
]);

function toSourceSchema(schema: Schema): Schema {
  if (schema.type === "number") {
    // Bounds and steps of a number say nothing about text; the description and the like stay.
    const rest: Record<string, unknown> = { ...schema };
    for (const k of NUMBER_ONLY) delete rest[k];
    return { ...rest, ...DECIMAL_TEXT_SCHEMA };
  }
  return mapSubschemas(schema, SOURCE_KEYWORDS, (sub) => toSourceSchema(sub));
}
