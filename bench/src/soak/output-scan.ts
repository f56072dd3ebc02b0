import { SECRET_MARKERS } from "./credentials";

const TAIL = 64;

/** Watches a process's output stream for credentials, across chunk boundaries; counts its lines. */
export class OutputScanner {
  lines = 0;
  bytes = 0;
  leaks = 0;
  readonly leakSamples: string[] = [];
  readonly warnSamples: string[] = [];
  private carry = "";

  feed = (text: string): void => {
    this.bytes += text.length;
    const all = this.carry + text;
    const parts = all.split("\n");
    this.carry = parts.pop() ?? "";
    for (const line of parts) this.line(line);
    // A partial last line is kept, so a secret split over two chunks is still seen whole.
    if (this.carry.length > 4096) {
      this.line(this.carry.slice(0, -TAIL));
      this.carry = this.carry.slice(-TAIL);
    }
  };

  end(): void {
    if (this.carry) this.line(this.carry);
    this.carry = "";
  }

  private line(line: string): void {
    this.lines++;
    if (SECRET_MARKERS.some((m) => line.includes(m))) {
      this.leaks++;
      // Shown with the marker's surroundings masked: the report must not repeat the leak.
      if (this.leakSamples.length < 10)
        this.leakSamples.push(line.replace(/\S*(K3yMid|S3cretMid|Pa55Mid)\S*/g, "***"));
    }
    if (
      / (error|warn) /.test(line) &&
      this.warnSamples.length < 10 &&
      !/ warn OKX order| warn .*reply lost/.test(line)
    ) {
      this.warnSamples.push(line.slice(0, 300));
    }
  }
}
