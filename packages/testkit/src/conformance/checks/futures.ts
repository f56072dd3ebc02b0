import type { Funding, Position } from "@fmz-gateway/core";
import { Problems, notMillis, num } from "./values";

/** `positions`: an array (the schema checks each entry); amounts never negative (`type` says the side). */
export function checkPositions(list: Position[]): string[] {
  const p = new Problems();
  list.forEach((pos, i) =>
    p.check(num(pos.amount) >= 0, `data[${i}].amount ${String(pos.amount)} is negative; type gives the side`),
  );
  return p.list.slice(0, 3);
}

/** `fundings`: the next funding time in milliseconds, a positive interval (milliseconds too). */
export function checkFundings(list: Funding[]): string[] {
  const p = new Problems();
  list.forEach((f, i) => {
    p.add(notMillis(f.time, `data[${i}].time`));
    p.check(num(f.interval) >= 60_000, `data[${i}].interval ${String(f.interval)} is not in milliseconds`);
  });
  return p.list.slice(0, 3);
}
