let isoSecond = -1;
let isoPrefix = "";

/**
 * `new Date().toISOString()` (what winston's timestamp format writes), with the text up to the second
 * made once a second: the per-call line is written thousands of times a second.
 */
export function isoNow(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== isoSecond) {
    isoSecond = second;
    isoPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  const ms = now - second * 1000;
  return `${isoPrefix}${ms < 10 ? "00" : ms < 100 ? "0" : ""}${ms}Z`;
}
