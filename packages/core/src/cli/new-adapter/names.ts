/** What one exchange name becomes in a generated package. */
export interface AdapterNames {
  /** `MY-EX`: the `@Exchange` name and the mount. */
  readonly upper: string;
  /** `my-ex`: file names and the default package name's suffix. */
  readonly lower: string;
  /** `MyEx`: class and type names (`MyExAdapter`, `MyExOptions`). */
  readonly pascal: string;
  /** `fmz-gateway-my-ex`, or the `--package` given. */
  readonly packageName: string;
  /** A port for the stand-in derived from the name, so two scaffolds rarely ask for the same one. */
  readonly standinPort: number;
}

/** Letters, digits, `-` and `_`, starting with a letter or digit: a valid exchange, file and package name. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
/** npm's rule for a package name, scoped or not. */
const PACKAGE = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

export function adapterNames(name: string, packageName?: string): AdapterNames {
  if (!NAME.test(name)) {
    throw new Error(
      `invalid exchange name "${name}": use 1-64 letters, digits, "-" or "_", starting with a letter or digit (e.g. MYEX)`,
    );
  }
  const lower = name.toLowerCase();
  const pkg = packageName ?? `fmz-gateway-${lower}`;
  if (!PACKAGE.test(pkg) || pkg.length > 214) {
    throw new Error(
      `invalid package name "${pkg}": npm names are lower case (e.g. fmz-gateway-myex or @me/myex)`,
    );
  }
  const words = lower.split(/[-_]+/).filter(Boolean);
  const joined = words.map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  let hash = 0;
  for (const c of lower) hash = (hash * 31 + c.charCodeAt(0)) % 1000;
  return {
    upper: name.toUpperCase(),
    lower,
    // An identifier cannot start with a digit: `1INCH` becomes `X1inchAdapter`.
    pascal: /^\d/.test(joined) ? `X${joined}` : joined,
    packageName: pkg,
    standinPort: 18300 + (hash % 500),
  };
}
