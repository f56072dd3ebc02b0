// Private streams: an account's orders, balances and positions held from the exchange's pushes, served
// only while they are as right as REST (snapshot after the acks, read-your-writes, liveness, reconciliation).
export * from "./account-scope";
export * from "./held-records";
export * from "./private-driver";
export * from "./private-session";
export * from "./private-streams";
export * from "./private-or-rest";
export * from "./write-fences";
export * from "./reconcile";
