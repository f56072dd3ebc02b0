import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import { describeAjvError } from "../protocol/method-table";
import { type GatewayConfig, configSchema } from "./config-schema";

export class ConfigError extends Error {}

const validate = new Ajv({ allErrors: false, strict: false }).compile<GatewayConfig>(configSchema);

/** Validates a config object; a wrong key or type is refused with the path of the offending key. */
export function validateConfig(value: unknown, source = "config"): GatewayConfig {
  if (!validate(value)) {
    const e = validate.errors?.[0];
    const text =
      e?.keyword === "propertyNames"
        ? `invalid exchange name at ${source}.exchanges (letters, digits, _ . -)`
        : describeAjvError(e, source);
    throw new ConfigError(text);
  }
  return value;
}

/** Reads and validates a JSON config file. Relative plugin paths are taken from the file's folder. */
export function loadConfigFile(file: string): { config: GatewayConfig; dir: string } {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, "utf8");
  } catch (err) {
    throw new ConfigError(
      `cannot read config ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${file} is not valid JSON: ${(err as Error).message}`);
  }
  return { config: validateConfig(value, path.basename(file)), dir: path.dirname(abs) };
}
