import { runCli } from "@fmz-gateway/core";

/** Where the command writes: lines to the terminal. */
export interface CreateAdapterIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

/**
 * `npm init @fmz-gateway/adapter NAME [--dir PATH] [--package NAME]` (npm runs this package's bin for
 * it) is core's `fmz-gateway new-adapter`, for a user who has no project with core yet: the templates,
 * the names and the checks are core's, so the two commands can never write different packages.
 * Resolves with the process's exit code: 0 written (or help shown), 1 refused, with the reason on `err`.
 */
export async function createAdapter(argv: readonly string[], io: CreateAdapterIo): Promise<number> {
  try {
    await runCli(["new-adapter", ...argv], io);
    return 0;
  } catch (err) {
    io.err(`create-adapter: ${(err as Error).message}`);
    return 1;
  }
}
