/**
 * What the protocol lets any plugin send, derived from the schema of what this gateway sends, so the
 * conformance kit judges third-party adapters without a second copy of every shape.
 */

/** A number written as JSON text: `"42"`, `"-0.5"`, `"1e-8"`. */
export const NUMERIC_STRING_SCHEMA = {
  type: "string",
  pattern: "^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$",
} as const;

type Schema = Record<string, unknown>;

/**
 * The lenient form of a reply schema: every number may also be a numeric string (the docker parses
 * either), an `id` sent as text may be a number (FMZ's own examples send trade ids so), and objects and
 * tuples may carry more than the fields and items named (the docker ignores the rest). Everything else
 * (required fields, enums, patterns, consts) is kept as it is.
 */
export function lenientReplySchema(schema: object): object {
  return lenient(schema as Schema, undefined);
}

function lenient(schema: Schema, key: string | undefined): Schema {
  if (schema.type === "number" || schema.type === "integer") {
    const { type, ...rest } = schema;
    return { ...rest, anyOf: [{ type }, NUMERIC_STRING_SCHEMA] };
  }
  if (key === "id" && schema.type === "string" && !("pattern" in schema)) {
    const { type, ...rest } = schema;
    return { ...rest, anyOf: [{ type }, { type: "number" }] };
  }
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if ((k === "additionalProperties" || k === "additionalItems") && v === false) continue;
    out[k] = lenientChild(k, v);
  }
  return out;
}

/** Recurses into the keywords that hold schemas; every other keyword's value is kept as it is. */
function lenientChild(keyword: string, value: unknown): unknown {
  const sub = (v: unknown, key?: string) => (isSchema(v) ? lenient(v, key) : v);
  switch (keyword) {
    case "properties":
      return Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, sub(v, k)]));
    case "items":
      return Array.isArray(value) ? value.map((v) => sub(v)) : sub(value);
    case "additionalProperties":
    case "additionalItems":
      return sub(value);
    case "anyOf":
    case "oneOf":
    case "allOf":
      return (value as unknown[]).map((v) => sub(v));
    default:
      return value;
  }
}

function isSchema(v: unknown): v is Schema {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
