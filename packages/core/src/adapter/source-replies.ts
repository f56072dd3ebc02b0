import { GatewayError } from "../errors/gateway-errors";
import { Dec, toNumber } from "../helpers/decimal";
import { METHOD_TABLE, type ResultOf } from "../protocol/method-table";
import type { MethodTable, PublicMethodOf, ResultsOf, SourceReplyOf } from "../protocol/table-derivations";
import type { DecimalText, PublicMethodName, SourceResultOf } from "./mount-source";
import {
  type Convert,
  ConversionProblem,
  compileConversion,
  describeValue,
  formatPath,
} from "./reply-conversion";

/**
 * A reply number as exact decimal text. Number#toString is the shortest text that reads back as the
 * same float64, so a number that came from a decimal of up to 15 significant digits (every price and
 * amount an exchange quotes, see `toNumber`) prints back as that decimal: `0.1` → `"0.1"`, never
 * `0.1000000000000000055…`. Only its exponent form (below 1e-6, from 1e21) is expanded: `1e-7` →
 * `"0.0000001"`. A non-finite number is no price: it throws.
 */
export function decimalText(n: number, field = "a decimal"): DecimalText {
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new GatewayError(`${field} is ${String(n)}: expected a finite number`);
  }
  if (n === 0) return "0"; // also -0
  const s = String(n);
  return s.includes("e") ? new Dec(s).toFixed() : s;
}

/** A money leaf to text: a finite number, or where it is refused (the container adds the path). */
const moneyToText: Convert = (v) => {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new ConversionProblem(`is ${describeValue(v)}: expected a finite number`);
  }
  return decimalText(v);
};

/** A money leaf back to a number: decimal text read exactly as `toNumber` reads an exchange's. */
const textToMoney: Convert = (v) => {
  if (typeof v !== "string") throw new ConversionProblem(`is ${describeValue(v)}: expected decimal text`);
  try {
    return toNumber(v);
  } catch (err) {
    throw new ConversionProblem(`is not decimal text: ${(err as Error).message}`);
  }
};

/** One public method's reply, to decimal text and back. */
export interface SourceConversion {
  toSource(reply: unknown): unknown;
  toReply(reply: unknown): unknown;
}

const compiled = new WeakMap<MethodTable, ReadonlyMap<string, SourceConversion>>();

/**
 * The conversion of each public method of `table` (by adapter method name), derived from its reply
 * schema: every `number` node is money and crosses as decimal text, everything else as it is. Compiled
 * once per table, at its first use; a reply schema the walk cannot follow (an `allOf`, a `$ref`) throws
 * here, naming the method, rather than letting a float through.
 */
export function sourceConversions(table: MethodTable = METHOD_TABLE): ReadonlyMap<string, SourceConversion> {
  let map = compiled.get(table);
  if (!map) {
    map = new Map(
      table
        .filter((s) => !s.private)
        .map((s) => {
          const where = `${s.method} reply schema`;
          return [
            s.method,
            conversion(
              compileConversion(s.replySchema, moneyToText, "toSource", where),
              compileConversion(s.replySchema, textToMoney, "toReply", where),
            ),
          ];
        }),
    );
    compiled.set(table, map);
  }
  return map;
}

const same = (v: unknown): unknown => v;

/** Wraps a compiled walk: a leaf's refusal becomes one GatewayError naming where in the reply it is. */
function conversion(toSource: Convert | undefined, toReply: Convert | undefined): SourceConversion {
  const run =
    (f: Convert): Convert =>
    (v) => {
      try {
        return f(v);
      } catch (err) {
        if (!(err instanceof ConversionProblem)) throw err;
        throw new GatewayError(`${formatPath(err.path)} ${err.problem}`);
      }
    };
  return { toSource: toSource ? run(toSource) : same, toReply: toReply ? run(toReply) : same };
}

/** The conversion of one of a table's public methods; a private or unknown one is refused, by name. */
export function sourceConversionOf(method: string, table: MethodTable = METHOD_TABLE): SourceConversion {
  const c = sourceConversions(table).get(method);
  if (!c) throw new GatewayError(notPublic(method));
  return c;
}

/** Why a method is not converted: a mount source answers public methods only (never with keys). */
export function notPublic(method: string): string {
  return `${method} is not a public method: a mount source answers public methods only`;
}

/**
 * A public method's protocol reply with its money as exact decimal text (what a mount source answers).
 * A money field that is not a finite number throws, naming where it is (`last`, `asks[0][1]`). `table`
 * is the core's unless a test hands a wider one.
 */
export function toSourceReply<K extends PublicMethodName>(method: K, reply: ResultOf<K>): SourceResultOf<K>;
export function toSourceReply<const T extends MethodTable, K extends PublicMethodOf<T>>(
  method: K,
  reply: ResultsOf<T>[K],
  table: T,
): SourceReplyOf<T, K>;
export function toSourceReply(method: string, reply: unknown, table?: MethodTable): unknown {
  return sourceConversionOf(method, table).toSource(reply);
}

/**
 * A source reply back to the protocol's JSON numbers, for a reading mount that answers the docker
 * with the source's data (a paper exchange's `ticker`). Text that is not a decimal throws.
 */
export function toProtocolReply<K extends PublicMethodName>(method: K, reply: SourceResultOf<K>): ResultOf<K>;
export function toProtocolReply<const T extends MethodTable, K extends PublicMethodOf<T>>(
  method: K,
  reply: SourceReplyOf<T, K>,
  table: T,
): ResultsOf<T>[K];
export function toProtocolReply(method: string, reply: unknown, table?: MethodTable): unknown {
  return sourceConversionOf(method, table).toReply(reply);
}
