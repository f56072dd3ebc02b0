import type {
  balanceSchema,
  barSchema,
  depthLevelSchema,
  depthSchema,
  fundingSchema,
  marketSchema,
  marketsSchema,
  orderRefSchema,
  orderSchema,
  orderStatusSchema,
  positionSchema,
  tickerSchema,
  tradeSchema,
} from "./reply-schemas";
import type { FromReplySchema } from "./table-derivations";

/**
 * The `data` shapes the FMZ docker expects, one per method, derived from their schemas (reply-schemas.ts,
 * where each field's meaning is described): what the gateway sends, numbers as JSON numbers.
 */
export type Ticker = FromReplySchema<typeof tickerSchema>;
export type DepthLevel = FromReplySchema<typeof depthLevelSchema>;
export type Depth = FromReplySchema<typeof depthSchema>;
export type Trade = FromReplySchema<typeof tradeSchema>;
export type Bar = FromReplySchema<typeof barSchema>;
export type Market = FromReplySchema<typeof marketSchema>;
export type Markets = FromReplySchema<typeof marketsSchema>;
export type Balance = FromReplySchema<typeof balanceSchema>;
export type OrderRef = FromReplySchema<typeof orderRefSchema>;
export type OrderStatus = FromReplySchema<typeof orderStatusSchema>;
export type Order = FromReplySchema<typeof orderSchema>;
export type Position = FromReplySchema<typeof positionSchema>;
export type Funding = FromReplySchema<typeof fundingSchema>;
