/**
 * What the protocol lets any plugin send, derived from the schema of what this gateway sends, so the
 * conformance kit judges third-party adapters without a second copy of every shape.
 */

import { type Schema, type SchemaKeyword, mapSubschemas } from "./schema-walk";

/** A number written as JSON text: `"42"`, `"-0.5"`, `"1e-8"`. */
export const NUMERIC_STRING_SCHEMA = {
  type: "string",
  pattern: "^-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?$",
} as const;

/**
 * The lenient form of a reply schema: every number may also be a numeric string (the docker parses
 * either), an `id` sent as text may be a number (FMZ's own examples send trade ids so), and objects and
 * tuples may carry more than the fields and items named (the docker ignores the rest). Everything else
 * (required fields, enums, patterns, consts) is kept as it is.
 */
export function lenientReplySchema(schema: object): object {
  return lenient(schema as Schema, undefined);
}

/** The keywords the lenient form looks into. */
const LENIENT_KEYWORDS: ReadonlySet<SchemaKeyword> = new Set([
  "properties",
  "items",
  "additionalProperties",
  "additionalItems",
  "anyOf",
  "oneOf",
  "allOf",
]);

function lenient(schema: Schema, key: string | undefined): Schema {
  if (schema.type === "number" || schema.type === "integer") {
    const { type, ...rest } = schema;
    return { ...rest, anyOf: [{ type }, NUMERIC_STRING_SCHEMA] };
  }
  if (key === "id" && schema.type === "string" && !("pattern" in schema)) {
    const { type, ...rest } = schema;
    return { ...rest, anyOf: [{ type }, { type: "number" }] };
  }
  // Objects and tuples may carry more than they name: a closed `additional…: false` is dropped.
  const open: Schema = { ...schema };
  if (open.additionalProperties === false) delete open.additionalProperties;
  if (open.additionalItems === false) delete open.additionalItems;
  return mapSubschemas(open, LENIENT_KEYWORDS, lenient);
}
