import type { DoctorCheck } from "../../adapter/exchange-adapter";

/** One row of the doctor's table: an adapter's `DoctorCheck`, and where it was run. */
export interface DoctorRow extends DoctorCheck {
  /** The mount the check ran on; `setup` for the config, plugin and mount checks. */
  readonly where: string;
}

/** What `fmz-gateway doctor` found. */
export interface DoctorReport {
  readonly rows: readonly DoctorRow[];
  /** How many rows failed; the command exits non-zero when this is above zero. */
  readonly failed: number;
}

export function passed(where: string, name: string, detail: string, ms?: number): DoctorRow {
  return { where, name, ok: true, detail, ms };
}

export function failed(where: string, name: string, detail: string, fix: string, ms?: number): DoctorRow {
  return { where, name, ok: false, detail, fix, ms };
}
