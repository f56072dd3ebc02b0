import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { REPLY_SCHEMAS, type AdapterMethodName, lenientReplySchema } from "@fmz-gateway/core";

// The suite validates every reply against the core's own reply schemas (in the lenient form the protocol
// allows any plugin: numbers as numeric strings, extra fields), so an adapter and its conformance check
// can never disagree about a shape. Each schema is compiled once, at its first reply.
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validators = new WeakMap<object, ValidateFunction>();

/** Problems with `data` as a reply of `method`, per the core's REPLY_SCHEMAS; empty when it fits. */
export function schemaProblems(method: AdapterMethodName, data: unknown): string[] {
  return replySchemaProblems(REPLY_SCHEMAS[method], data);
}

/** Problems with `data` as a reply whose strict schema (a method table entry's) is `schema`. */
export function replySchemaProblems(schema: object, data: unknown): string[] {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(lenientReplySchema(schema));
    validators.set(schema, validate);
  }
  if (validate(data)) return [];
  return describeSchemaErrors(validate.errors ?? []);
}

/** At most this many schema problems are listed: the first few say what is wrong; the rest is noise. */
const MAX_PROBLEMS = 3;

/**
 * Turns ajv's errors into short sentences. An `anyOf` (number or numeric string) fails with one error per
 * branch plus one for the anyOf itself; only the anyOf is kept, so each bad field is named once.
 */
export function describeSchemaErrors(errors: readonly ErrorObject[]): string[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const out: string[] = [];
  for (const e of errors) {
    const branchOfAnyOf =
      e.keyword !== "anyOf" && anyOfPaths.has(e.instancePath) && e.schemaPath.includes("/anyOf/");
    if (branchOfAnyOf) continue;
    const text = describeOne(e);
    if (!out.includes(text)) out.push(text);
    if (out.length === MAX_PROBLEMS) break;
  }
  return out;
}

/** Patterns of the core's schemas that have a name people know. */
const NAMED_PATTERNS: Record<string, string> = { "^[^,]+,[^,]+$": "INSTRUMENT,ORDERID" };

function describeOne(e: ErrorObject): string {
  const where = jsonPath(e.instancePath);
  const got = `got ${preview(e.data)}`;
  switch (e.keyword) {
    case "required":
      return `${where} is missing "${String(e.params.missingProperty)}"`;
    case "anyOf":
      return `${where} must be ${aOrAn(describeAlternatives(e.schema))} (${got})`;
    case "type":
      return `${where} must be ${aOrAn(String(e.params.type))} (${got})`;
    case "enum":
      return `${where} must be one of ${(e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")} (${got})`;
    case "const":
      return `${where} must be ${JSON.stringify(e.params.allowedValue)} (${got})`;
    case "pattern": {
      const named = NAMED_PATTERNS[String(e.params.pattern)];
      return named
        ? `${where} ${preview(e.data)} is not ${named}`
        : `${where} does not match ${String(e.params.pattern)} (${got})`;
    }
    case "minItems":
      return `${where} must have at least ${String(e.params.limit)} items (${got})`;
    default:
      return `${where} ${e.message ?? e.keyword}`;
  }
}

/** `/asks/0/1` → `data.asks[0][1]`. */
export function jsonPath(instancePath: string): string {
  let out = "data";
  for (const part of instancePath.split("/").slice(1)) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    out += /^\d+$/.test(key)
      ? `[${key}]`
      : /^[A-Za-z_$][\w$]*$/.test(key)
        ? `.${key}`
        : `[${JSON.stringify(key)}]`;
  }
  return out;
}

function describeAlternatives(schema: unknown): string {
  if (!Array.isArray(schema)) return "valid value";
  const names = schema.map((s: { type?: string; pattern?: string }) =>
    s.type === "string" && s.pattern ? "numeric string" : (s.type ?? "value"),
  );
  return names.join(" or ");
}

function aOrAn(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** A short JSON rendering of a value for an error message. */
export function preview(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
