import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ReceivedOrder } from "../conformance/types";

/** An HTTP `orderLog` on an ephemeral port: `GET /` answers `{"orders": read()}`. */
export async function serveOrderLog(
  read: () => ReceivedOrder[],
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ orders: read() }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
