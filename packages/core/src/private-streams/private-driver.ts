import type { RecordTraits } from "./held-records";

/** The three kinds of account state a private stream holds. */
export type PrivateKind = "orders" | "balances" | "positions";

/** Records of each kind in the exchange's own shape (an OKX order row, a balance detail, a position row). */
export interface PrivateRecords {
  orders: unknown;
  balances: unknown;
  positions: unknown;
}

/** What the facility needs to know about orders beyond any record: whether one has traded. */
export interface OrderTraits<O> extends RecordTraits<O> {
  /** Any fill so far: only then can the order have moved a position. */
  filled(order: O): boolean;
}

export interface PrivateTraits<R extends PrivateRecords> {
  orders: OrderTraits<R["orders"]>;
  balances: RecordTraits<R["balances"]>;
  positions: RecordTraits<R["positions"]>;
}

/**
 * How the stream reports to its session. The driver calls these from its socket's handlers; each push
 * may carry any number of records (an event push of the changed ones, or a snapshot push).
 */
export interface PrivateLink<R extends PrivateRecords> {
  /** Logged in and every subscription acknowledged: the session takes its REST snapshot now. */
  ready(): void;
  /** The socket is gone, the login refused or a subscription dropped: stop serving at once. */
  down(reason: string): void;
  orders(records: readonly R["orders"][]): void;
  balances(records: readonly R["balances"][]): void;
  positions(records: readonly R["positions"][]): void;
}

/** One account's open connection, as the driver runs it. */
export interface PrivateConnection {
  /** Epoch ms of the last frame from the exchange on the current socket (a pong counts); 0 when none. */
  readonly lastMessageAt: number;
  /** Closes for good (the session is released). */
  close(): void;
}

/** The REST side: complete snapshots, and one order by id. Each honours `signal`. */
export interface PrivateRest<R extends PrivateRecords> {
  /** Every open order of the account (all pages). */
  orders(signal: AbortSignal): Promise<R["orders"][]>;
  /**
   * The current state of an order the stream holds open (its id and instrument are in `held`); `undefined`
   * when the exchange has no order by that id.
   */
  order(held: R["orders"], signal: AbortSignal): Promise<R["orders"] | undefined>;
  /** Every non-zero balance. */
  balances(signal: AbortSignal): Promise<R["balances"][]>;
  /** Every open position. */
  positions(signal: AbortSignal): Promise<R["positions"][]>;
}

/**
 * What an adapter gives the facility for one account: how to connect (log in, subscribe, parse pushes)
 * and how to ask REST. The facility does the rest: snapshot after the acks, ordering, read-your-writes,
 * liveness, reconciliation, release.
 */
export interface PrivateDriver<R extends PrivateRecords> {
  /** The kinds this account's stream carries (a spot mount holds no positions). */
  readonly kinds: readonly PrivateKind[];
  connect(link: PrivateLink<R>): PrivateConnection;
  readonly rest: PrivateRest<R>;
}
