import type { MethodSpec } from "@fmz-gateway/core";
import type { CallResult } from "../docker-client";
import { replySchemaProblems } from "./schema";
import type { MethodReport } from "./types";

/**
 * The verdict on one reply, in the order the protocol cares: the envelope (HTTP 200, exactly one of data
 * or error), then "not supported" versus any other error, then the core's reply schema, then the
 * method's own rules. The report is named by the method's wire name; the schema is its table entry's.
 */
export function judge<T>(
  spec: Pick<MethodSpec, "wire" | "replySchema">,
  reply: CallResult,
  check?: (data: T) => string[],
): MethodReport {
  const method = spec.wire;
  const wrong = (reason: string): MethodReport => ({ method, verdict: "wrong", reason });
  if (reply.status !== 200) return wrong(`answered HTTP ${reply.status}; every reply is HTTP 200`);
  if (reply.error !== undefined) {
    if (reply.data !== undefined) return wrong("answered both data and error");
    if (typeof reply.error !== "string")
      return wrong(`error is not a string: ${JSON.stringify(reply.error)}`);
    if (isNotSupported(reply.error)) return { method, verdict: "not-supported", reason: reply.error };
    if (readsLikeNotSupported(reply.error)) return wrong(notSupportedLookalike(method, reply.error));
    return wrong(reply.error === "" ? "answered an empty error" : reply.error);
  }
  if (reply.data === undefined) return wrong("answered neither data nor error");
  const problems = replySchemaProblems(spec.replySchema, reply.data);
  // Past the schema, the data has the shape the check is typed for.
  if (problems.length === 0 && check) problems.push(...check(reply.data as T));
  return problems.length === 0 ? { method, verdict: "correct" } : wrong(problems.join("; "));
}

/** The base adapter's answer for a method it does not implement: `not supported: <method>`. */
export function isNotSupported(error: unknown): boolean {
  return typeof error === "string" && /^not supported\b/i.test(error);
}

/**
 * Prefixes a wrong verdict's reason with which of several calls it came from (`period 1, limit 150: …`).
 * A "not supported" reason stays as the gateway said it.
 */
export function labelled(report: MethodReport, label: string): MethodReport {
  return report.verdict === "wrong" ? { ...report, reason: `${label}: ${report.reason ?? ""}` } : report;
}

const LOOKS_UNSUPPORTED = /\b(not supported|unsupported|not implemented|unimplemented|not available)\b/i;

/**
 * An error that says "unsupported" without starting with "not supported": the docker and the suite take it
 * for a failure (an outage, a bug), where the adapter meant that it lacks the method.
 */
export function readsLikeNotSupported(error: string): boolean {
  return !isNotSupported(error) && LOOKS_UNSUPPORTED.test(error);
}

function notSupportedLookalike(method: string, error: string): string {
  return `answered the error ${JSON.stringify(error)}, which reads like "not supported" but is a failure to the docker: if the mount does not support ${method}, throw core's NotSupportedError (its answer starts with "not supported")`;
}
