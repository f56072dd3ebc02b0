// Subscribe arguments of the private channels (reference okx-ws.md §11.3) and which orders or positions
// each one selects. `instId` wins over `instFamily` where both are given, as OKX documents for positions.

import type { Instrument } from "../../instruments";
import type { ArgError } from "../channels";
import { ERROR_TEXT } from "../events";

export type PrivateChannel = "orders" | "account" | "positions" | "balance_and_position";

const INST_TYPES: Readonly<Record<string, ReadonlySet<string>>> = {
  orders: new Set(["SPOT", "MARGIN", "SWAP", "FUTURES", "OPTION", "ANY"]),
  positions: new Set(["MARGIN", "SWAP", "FUTURES", "OPTION", "ANY"]),
};

export interface PrivateArg {
  channel: PrivateChannel;
  instType: string;
  instFamily: string;
  instId: string;
  ccy: string;
  /** The arg exactly as sent, echoed in the ack. */
  sent: Record<string, unknown>;
  /** One subscription per identity on a connection: subscribing it again replaces it. */
  identity: string;
}

const optional = (v: unknown): string | undefined =>
  v === undefined ? "" : typeof v === "string" ? v : undefined;

export function parsePrivateArg(raw: unknown): PrivateArg | ArgError {
  if (typeof raw !== "object" || raw === null) return { code: "60013", msg: ERROR_TEXT.invalidArgs() };
  const sent = raw as Record<string, unknown>;
  const { channel } = sent;
  if (typeof channel !== "string") return { code: "60013", msg: ERROR_TEXT.invalidArgs() };
  if (
    channel !== "orders" &&
    channel !== "account" &&
    channel !== "positions" &&
    channel !== "balance_and_position"
  )
    return { code: "60018", msg: ERROR_TEXT.doesNotExist(sent) };
  const instType = optional(sent.instType);
  const instFamily = optional(sent.instFamily);
  const instId = optional(sent.instId);
  const ccy = optional(sent.ccy);
  if (instType === undefined || instFamily === undefined || instId === undefined || ccy === undefined)
    return { code: "60013", msg: ERROR_TEXT.invalidArgs() };
  const types = INST_TYPES[channel];
  if (types !== undefined) {
    if (instType === "") return { code: "60013", msg: ERROR_TEXT.invalidArgs() };
    if (!types.has(instType)) return { code: "60018", msg: ERROR_TEXT.doesNotExist(sent) };
  }
  const identity = JSON.stringify([channel, instType, instFamily, instId, ccy]);
  return { channel, instType, instFamily, instId, ccy, sent, identity };
}

export function isPrivateArgError(r: PrivateArg | ArgError): r is ArgError {
  return "code" in r;
}

/** Whether an order or position of `inst` belongs to the subscription. */
export function selects(arg: PrivateArg, inst: Instrument): boolean {
  if (arg.instType !== "ANY" && arg.instType !== inst.instType) return false;
  if (arg.instId !== "") return arg.instId === inst.instId;
  return arg.instFamily === "" || arg.instFamily === inst.instFamily;
}

/** The push's `arg`: the channel and its filters as subscribed, then the account's uid (§11.3). */
export function pushArgJson(arg: PrivateArg, uid: string): string {
  const out: Record<string, string> = { channel: arg.channel };
  if (arg.instType !== "") out.instType = arg.instType;
  if (arg.instFamily !== "") out.instFamily = arg.instFamily;
  if (arg.instId !== "") out.instId = arg.instId;
  if (arg.ccy !== "") out.ccy = arg.ccy;
  out.uid = uid;
  return JSON.stringify(out);
}
