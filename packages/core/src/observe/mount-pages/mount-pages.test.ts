import "reflect-metadata";
import assert from "node:assert/strict";
import http from "node:http";
import { PassThrough } from "node:stream";
import { after, before, describe, test } from "node:test";
import { ExchangeAdapter } from "../../adapter/exchange-adapter";
import type { MountPages } from "../../adapter/mount-pages";
import { Gateway } from "../../host/gateway";
import { createLogger } from "../../logging/logger";
import { Exchange } from "../../registry/exchange-registry";
import { waitFor } from "../../test-support/wait-for";
import type { StatusSnapshot } from "../status/status-types";
import "../test-support/observed-exchange";
import { PAGE_FAILURE } from "../test-support/paged-exchange";

@Exchange("PAGES_THROW", { description: "pages() throws", autoMount: false })
class PagesThrowAdapter extends ExchangeAdapter {
  override pages(): MountPages {
    throw new Error("no pages today");
  }
}
void PagesThrowAdapter;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET with exactly these headers (fetch would not let a test set Host). */
function get(base: string, path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

function assertPageHeaders(a: Answer, type: string): void {
  assert.equal(a.headers["content-type"], `${type}; charset=utf-8`);
  assert.equal(a.headers["cache-control"], "no-store");
  assert.equal(a.headers["x-content-type-options"], "nosniff");
  assert.equal(a.headers["content-security-policy"], "default-src 'self'; frame-ancestors 'none'");
}

describe("pages an adapter serves about its mount", () => {
  let gw: Gateway;
  let log = "";

  before(async () => {
    const stream = new PassThrough();
    stream.on("data", (c: Buffer) => (log += c.toString()));
    gw = await Gateway.start({
      port: 0,
      statusPort: 0,
      exchanges: {
        PG: { adapter: "PAGED" },
        PLAIN: { adapter: "OBSERVED", options: { baseUrl: "http://127.0.0.1:9" } },
        THROWS: { adapter: "PAGES_THROW" },
      },
      logger: createLogger({ level: "warn", stream }),
    });
  });
  after(async () => {
    await gw?.close();
  });

  test("serves each resource with the status page's headers, json made per request", async () => {
    for (const path of ["/mounts/PG/", "/mounts/PG/index.html"]) {
      const a = await get(gw.url, path);
      assert.equal(a.status, 200, path);
      assertPageHeaders(a, "text/html");
      assert.match(a.body, /<script src="page.js"><\/script>/);
    }
    const js = await get(gw.url, "/mounts/PG/page.js");
    assert.equal(js.status, 200);
    assertPageHeaders(js, "text/javascript");
    const css = await get(gw.url, "/mounts/PG/page.css");
    assertPageHeaders(css, "text/css");
    assert.equal(css.body, "p { font-weight: 600; }");

    const first = await get(gw.url, "/mounts/PG/data.json?t=1");
    assertPageHeaders(first, "application/json");
    const second = await get(gw.url, "/mounts/PG/data.json");
    const reads = [first, second].map((a) => (JSON.parse(a.body) as { reads: number }).reads);
    assert.equal(reads[1], reads[0] + 1, "made again for each request");
    assert.equal(JSON.parse(second.body).mount, "PG");
    assert.deepEqual(JSON.parse((await get(gw.url, "/mounts/PG/later.json")).body), { later: true });

    const head = await get(gw.url, "/mounts/PG/page.css", {}, "HEAD");
    assert.equal(head.status, 200);
    assert.equal(head.body, "");
  });

  test("the mount's name without a slash redirects to its page, so relative links resolve", async () => {
    const a = await get(gw.url, "/mounts/PG");
    assert.equal(a.status, 308);
    assert.equal(a.headers.location, "PG/");
    assert.equal(new URL(a.headers.location ?? "", `${gw.url}/mounts/PG`).pathname, "/mounts/PG/");
  });

  test("an unknown or hostile mount or resource name is 404 with no stack", async () => {
    const paths = [
      "/mounts/__proto__/x",
      "/mounts/__proto__/",
      "/mounts/__proto__",
      "/mounts/constructor/",
      "/mounts/constructor/index.html",
      "/mounts/PG/__proto__",
      "/mounts/PG/constructor",
      "/mounts/PG/toString",
      "/mounts/PG/hasOwnProperty",
      "/mounts/PG/valueOf",
      "/mounts/PLAIN/",
      "/mounts/PLAIN",
      "/mounts/THROWS/",
      "/mounts/NOPE/",
      "/mounts/pg/",
      "/mounts/",
      "/mounts",
      "/mounts/PG/page.js/x",
      "/mounts/PG/..%2Fstatus.json",
      "/mounts/PG/%2e%2e",
      "/mounts/%ZZ/",
      "/mounts/PG/%ZZ",
      "/mounts/PG/index.html%00",
    ];
    for (const path of paths) {
      const a = await get(gw.url, path);
      assert.equal(a.status, 404, path);
      assertPageHeaders(a, "application/json");
      const body = JSON.parse(a.body) as { error: string };
      assert.match(body.error, /^not found: /, path);
      assert.doesNotMatch(a.body, /\bat .*:\d+|node_modules|\.js:/, `${path}: no stack`);
    }
  });

  test("a body that throws is 500 with a short message; the error goes to the log only", async () => {
    for (const path of ["/mounts/PG/broken.json", "/mounts/PG/broken.js"]) {
      const a = await get(gw.url, path);
      assert.equal(a.status, 500, path);
      assertPageHeaders(a, "application/json");
      const { error } = JSON.parse(a.body) as { error: string };
      assert.match(error, /^the page resource "broken\.js(on)?" of PG could not be made/);
      assert.ok(!a.body.includes(PAGE_FAILURE) && !a.body.includes("/secret/"), "no error text, no stack");
    }
    await waitFor(() => log.includes(PAGE_FAILURE), { what: "the failure in the log" });
    assert.equal((await get(gw.url, "/mounts/PG/page.css")).status, 200, "still serving");
  });

  test("an adapter whose pages() throws serves none, and the gateway says so", () => {
    assert.match(log, /THROWS: pages\(\) failed \(no pages today\); the mount serves no pages/);
  });

  test("only GET and HEAD: a POST under /mounts/ is not a page", async () => {
    // The API answers every path in JSON with HTTP 200 (the docker shows the `error`), this one too.
    const a = await get(gw.url, "/mounts/PG/data.json", {}, "POST");
    assert.match(
      (JSON.parse(a.body) as { error: string }).error,
      /^no route for POST \/mounts\/PG\/data\.json/,
    );
  });

  test("status.json links the mounts that have a page, and no other", async () => {
    const s = JSON.parse((await get(gw.url, "/status.json")).body) as StatusSnapshot;
    const byName = new Map(s.mounts.map((m) => [m.name, m]));
    assert.deepEqual(byName.get("PG")?.page, { title: "test page", href: "mounts/PG/" });
    assert.equal(byName.get("PLAIN")?.page, undefined);
    assert.equal(byName.get("THROWS")?.page, undefined);
  });

  test("behind the same guard as the status page, on both listeners", async () => {
    for (const base of [gw.url, gw.statusUrl ?? ""]) {
      assert.equal((await get(base, "/mounts/PG/data.json")).status, 200, base);
      const rebound = await get(base, "/mounts/PG/data.json", { Host: "evil.example:80" });
      assert.equal(rebound.status, 403, "a Host that is not the gateway's (DNS rebinding)");
      const foreign = await get(base, "/mounts/PG/data.json", { Origin: "http://evil.example" });
      assert.equal(foreign.status, 403, "a page on another origin");
    }
  });
});
