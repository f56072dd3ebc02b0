import type { OkxTicker } from "../okx-types";
import { ChannelSub } from "./channel-sub";
import type { OkxPush } from "./okx-socket";

/** `tickers`: each push is the whole ticker (okx-ws.md §3.1), the same row `market/ticker` answers. */
export class TickerSub extends ChannelSub<OkxTicker> {
  push(msg: OkxPush): void {
    const row = msg.data[0] as OkxTicker | undefined;
    if (row) this.ready(row);
  }
}
