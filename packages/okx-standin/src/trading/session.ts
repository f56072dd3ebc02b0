import type { RequestContext } from "../http/context";
import type { StandinState } from "../state";
import type { Account } from "./account";

/** The account of the authenticated key. Private routes only run after authentication, so it exists. */
export function accountOf(ctx: RequestContext, st: StandinState): Account {
  const key = ctx.key;
  const acct = key === undefined ? undefined : st.accounts.get(key.apiKey);
  if (acct === undefined) throw new Error("private handler without an authenticated account");
  return acct;
}
