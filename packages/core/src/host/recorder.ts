import fs from "node:fs";
import { redactValue } from "../logging/redact";

/**
 * `--record FILE`: appends each request and reply as one JSON line, secrets redacted, so a user with a
 * real docker can capture what it sends (the spec marks several method names as unverified).
 */
export class Recorder {
  private readonly stream: fs.WriteStream;

  constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { flags: "a" });
    // A full disk must not take the gateway down; recording is a diagnostic.
    this.stream.on("error", () => undefined);
  }

  record(entry: {
    exchange: string;
    httpMethod?: string;
    request: unknown;
    reply: unknown;
    ms: number;
    secrets: readonly string[];
  }): void {
    const line = {
      time: new Date().toISOString(),
      exchange: entry.exchange,
      ...(entry.httpMethod ? { httpMethod: entry.httpMethod } : {}),
      ms: entry.ms,
      request: redactValue(entry.request, entry.secrets),
      reply: redactValue(entry.reply, entry.secrets),
    };
    this.stream.write(JSON.stringify(line) + "\n");
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
