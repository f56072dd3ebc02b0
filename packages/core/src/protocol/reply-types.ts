import type { FromSchema } from "json-schema-to-ts";
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

/**
 * The `data` shapes the FMZ docker expects, one per method, derived from their schemas (reply-schemas.ts,
 * where each field's meaning is described): what the gateway sends, numbers as JSON numbers.
 */
export type Ticker = FromSchema<typeof tickerSchema>;
export type DepthLevel = FromSchema<typeof depthLevelSchema>;
export type Depth = FromSchema<typeof depthSchema>;
export type Trade = FromSchema<typeof tradeSchema>;
export type Bar = FromSchema<typeof barSchema>;
export type Market = FromSchema<typeof marketSchema>;
export type Markets = FromSchema<typeof marketsSchema>;
export type Balance = FromSchema<typeof balanceSchema>;
export type OrderRef = FromSchema<typeof orderRefSchema>;
export type OrderStatus = FromSchema<typeof orderStatusSchema>;
export type Order = FromSchema<typeof orderSchema>;
export type Position = FromSchema<typeof positionSchema>;
export type Funding = FromSchema<typeof fundingSchema>;
