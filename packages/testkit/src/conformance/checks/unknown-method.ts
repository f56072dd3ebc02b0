import type { CallResult } from "../../docker-client";

/** An unknown method answers `{"error": "invalid method: <name>"}`, HTTP 200, and no data. */
export function checkUnknownMethodReply(reply: CallResult, name: string): string[] {
  const expected = `{"error": "invalid method: ${name}"}`;
  if (reply.status !== 200) return [`answered HTTP ${reply.status}; every reply is HTTP 200`];
  if (reply.data !== undefined) return [`answered data for an unknown method; expected ${expected}`];
  if (typeof reply.error !== "string") return [`answered neither data nor error; expected ${expected}`];
  if (!reply.error.startsWith("invalid method:") || !reply.error.includes(name)) {
    return [`answered the error "${reply.error}"; expected ${expected}`];
  }
  return [];
}
