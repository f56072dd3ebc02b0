// A logger's output kept in memory, for tests that read what the debug log says.
import { Writable } from "node:stream";

export interface CapturedLog {
  /** Give this to the logger. */
  stream: Writable;
  /** Everything written so far. */
  text(): string;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => lines.join("") };
}
