/**
 * One way to rewrite a JSON schema's sub-schemas, shared by the schema transforms derived from the reply
 * schemas (the conformance kit's lenient form, the mount sources' decimal-text form), so each says only
 * what it does to a node.
 */

export type Schema = Record<string, unknown>;

/** The keywords whose values are (lists or maps of) schemas. */
export type SchemaKeyword =
  | "properties"
  | "items"
  | "prefixItems"
  | "additionalProperties"
  | "additionalItems"
  | "anyOf"
  | "oneOf"
  | "allOf";

export function isSchema(v: unknown): v is Schema {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * A copy of `schema` with `rewrite` applied to every sub-schema under `keywords` (a property's name is
 * passed along); every other keyword's value, and `true`/`false` schemas, are kept as they are.
 */
export function mapSubschemas(
  schema: Schema,
  keywords: ReadonlySet<SchemaKeyword>,
  rewrite: (sub: Schema, property?: string) => Schema,
): Schema {
  const sub = (v: unknown, property?: string) => (isSchema(v) ? rewrite(v, property) : v);
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) {
    if (!keywords.has(k as SchemaKeyword)) out[k] = v;
    else if (k === "properties") {
      out[k] = Object.fromEntries(Object.entries(v as Schema).map(([name, s]) => [name, sub(s, name)]));
    } else out[k] = Array.isArray(v) ? v.map((s) => sub(s)) : sub(v);
  }
  return out;
}
