import { parseCredentials, secretValues } from "../../adapter/credentials";
import { redactText, shortenKey } from "../../logging/redact";
import { VERSION } from "../../version";
import type { DoctorReport, DoctorRow } from "./doctor-row";
import { formatTable } from "./format-table";
import { mountChecks } from "./mount-checks";
import { setupChecks } from "./setup-checks";

export interface DoctorFlags {
  config?: string;
  plugin: string[];
  mount?: string;
  key?: string;
  secret?: string;
  symbol?: string;
}

/** Where the doctor writes its table. */
export interface DoctorIo {
  out: (line: string) => void;
}

/**
 * `fmz-gateway doctor`: builds the mounts exactly as the gateway would (without listening on a port:
 * nothing needs to reach it, and a running gateway may hold the configured one), runs every check, prints
 * the table, closes the adapters. Never prints a secret: the key is shortened, the secret never shown,
 * and every cell is scrubbed of both.
 */
export async function runDoctor(flags: DoctorFlags, io: DoctorIo): Promise<DoctorReport> {
  // From the environment too, so the secret need not sit in the shell's history.
  const key = flags.key ?? process.env.FMZ_ACCESS_KEY ?? "";
  const secret = flags.secret ?? process.env.FMZ_SECRET_KEY ?? "";
  const credentials = parseCredentials(key, secret);
  const secrets = key || secret ? secretValues(key, secret) : [];
  const scrub = (text: string) => redactText(text, secrets);

  const setup = await setupChecks({ config: flags.config, plugin: flags.plugin, mount: flags.mount });
  const rows: DoctorRow[] = [...setup.rows];
  try {
    for (const mount of setup.mounts) {
      rows.push(...(await mountChecks(mount, { credentials, symbol: flags.symbol })));
    }
  } finally {
    for (const m of setup.all.values()) await m.adapter.close().catch(() => undefined);
  }
  const keys = key ? `key ${shortenKey(key)}` : "no keys (public checks only; add --key and --secret)";
  io.out(`fmz-gateway doctor ${VERSION}: ${flags.config ?? "no config file"}, ${keys}`);
  io.out("");
  for (const line of formatTable(rows, scrub)) io.out(line);
  return { rows, failed: rows.filter((r) => !r.ok).length };
}
