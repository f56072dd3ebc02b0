/** A query parameter value; undefined and "" are left out (python-okx drops empty values too). */
export type QueryValue = string | undefined;

/**
 * Builds `?a=1&b=2` once; the same text is signed and sent, so what OKX hashes is what we hashed.
 * Values are percent-encoded except for the commas OKX uses in multi-value fields (`ccy=BTC,ETH`).
 */
export function buildQuery(params: Readonly<Record<string, QueryValue>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    parts.push(`${encode(key)}=${encode(value)}`);
  }
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ",");
}
