import assert from "node:assert/strict";
import { PassThrough } from "node:stream";
import { describe, test } from "node:test";
import winston from "winston";
import { type LoggerOptions, createLogger, logLine, secretScrubbingLogger } from "./logger";
import { isoNow } from "./iso-time";

/** A logger writing into a string, as the gateway's would write to stderr or a file. */
function capture(opts: Omit<LoggerOptions, "stream"> = {}) {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const logger = createLogger({ ...opts, stream });
  return { logger, lines: () => text.split("\n").filter((l) => l !== "") };
}

const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MESSAGES = [
  "OKX ticker ok 0.4ms key=abcd…wxyz",
  "a\r\nforged\u001b[31m\u2028line",
  'quote" back\\ \ud800',
  "🚀",
];

describe("logLine", () => {
  for (const format of ["text", "json"] as const) {
    test(`writes the line winston writes for a plain message (${format})`, () => {
      const { logger, lines } = capture({ format });
      for (const message of MESSAGES) {
        logger.info(message);
        logLine(logger, "info", message);
        logger.warn(message);
        logLine(logger, "warn", message);
      }
      const out = lines();
      assert.equal(out.length, MESSAGES.length * 4);
      const timeOf = (line: string) =>
        format === "json" ? (JSON.parse(line) as { timestamp: string }).timestamp : line.split(" ")[0];
      const withoutTime = (line: string) => line.replace(timeOf(line), "T");
      for (let i = 0; i < out.length; i += 2) {
        assert.match(timeOf(out[i + 1]), TIME);
        assert.equal(withoutTime(out[i + 1]), withoutTime(out[i]));
      }
      if (format === "text") assert.ok(out.every((l) => !l.includes("\r") && !l.includes("\u001b")));
    });
  }

  test("writes nothing below the logger's level", () => {
    const { logger, lines } = capture({ level: "warn" });
    logLine(logger, "info", "an answered call");
    logLine(logger, "warn", "a failed call");
    assert.deepEqual(
      lines().map((l) => l.split(" ").slice(1).join(" ")),
      ["warn a failed call"],
    );
  });

  test("a call's child logger still scrubs its secrets (it goes through winston)", () => {
    const { logger, lines } = capture();
    logLine(secretScrubbingLogger(logger, ["s3cr3t-value"]), "info", "quoting s3cr3t-value here");
    assert.deepEqual(
      lines().map((l) => l.split(" ").slice(1).join(" ")),
      ["info quoting *** here"],
    );
  });

  test("a logger made silent, or given another transport, is left to winston", () => {
    const { logger, lines } = capture();
    logger.silent = true;
    logLine(logger, "info", "not written");
    logger.silent = false;
    const other = new PassThrough();
    let otherText = "";
    other.on("data", (c: Buffer) => (otherText += c.toString()));
    logger.clear();
    logger.add(new winston.transports.Stream({ stream: other }));
    logLine(logger, "info", "to the new transport");
    assert.deepEqual(lines(), []);
    assert.match(otherText, /info to the new transport\n$/);
  });
});

describe("secretScrubbingLogger", () => {
  test("one caller's child is used again; another caller's secrets get their own, each scrubbed", () => {
    const { logger, lines } = capture();
    const alice = secretScrubbingLogger(logger, ["alice-key-1234", "alice-secret-5678"]);
    assert.equal(secretScrubbingLogger(logger, ["alice-key-1234", "alice-secret-5678"]), alice);
    const bob = secretScrubbingLogger(logger, ["bob-key-abcdef", "bob-secret-ghijk"]);
    assert.notEqual(bob, alice);
    bob.warn("bob-secret-ghijk and alice-secret-5678");
    secretScrubbingLogger(logger, ["alice-key-1234", "alice-secret-5678"]).warn("alice-secret-5678 again");
    assert.deepEqual(
      lines().map((l) => l.split(" ").slice(1).join(" ")),
      ["warn *** and alice-secret-5678", "warn *** again"],
    );
    assert.equal(secretScrubbingLogger(logger, []), logger);
  });
});

describe("isoNow", () => {
  test("is Date's toISOString, to the millisecond", () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 58, 990);
    for (let t = start; t < start + 2_500; t += 7) assert.equal(isoNow(t), new Date(t).toISOString());
    for (const t of [0, 1, 999, 1000, 1001, Date.now()]) assert.equal(isoNow(t), new Date(t).toISOString());
  });
});
