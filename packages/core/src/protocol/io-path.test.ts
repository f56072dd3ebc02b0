import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BadRequestError } from "../errors/gateway-errors";
import { IO_PATH_MAX, normalizeIoPath, normalizeIoVerb, requireIoRoute } from "./io-path";

function refused(path: string, rule: RegExp): void {
  assert.throws(
    () => normalizeIoPath(path),
    (err: unknown) =>
      err instanceof BadRequestError && /^invalid IO path/.test(err.message) && rule.test(err.message),
    JSON.stringify(path),
  );
}

describe("normalizeIoPath", () => {
  test("a plain path passes as it is; a missing leading slash is added; percent-encoded letters decode", () => {
    assert.equal(normalizeIoPath("/api/v5/trade/orders-pending"), "/api/v5/trade/orders-pending");
    assert.equal(normalizeIoPath("api/v5/account/balance"), "/api/v5/account/balance");
    assert.equal(normalizeIoPath("/api/v5/account/bal%61nce"), "/api/v5/account/balance");
    assert.equal(normalizeIoPath("/paper/reset"), "/paper/reset");
    assert.equal(normalizeIoPath("/v2/orders/abc-1:x@y"), "/v2/orders/abc-1:x@y");
  });

  test("dot segments, plain or percent-encoded in any case, are refused", () => {
    for (const p of ["/api/v5/../../x", "/api/v5/./x", "/api/v5/..", "/api/v5/x/.."])
      refused(p, /'\.' and '\.\.' segments/);
    for (const p of ["/api/v5/%2e%2e/x", "/api/v5/%2E%2E/x", "/api/v5/.%2e/x", "/api/v5/%2e/x"])
      refused(p, /percent-encoded/);
  });

  test("encoded slashes and backslashes, and double encoding, are refused", () => {
    for (const p of ["/api/v5%2f..%2fx", "/api/v5/%5c..%5cx", "/api/v5/%252e%252e/x", "/api/v5/%25"])
      refused(p, /percent-encoded/);
    refused("/api/v5/%zz", /malformed percent-encoding/);
  });

  test("backslashes, matrix params, empty segments, queries and fragments are refused", () => {
    refused("/api/v5\\..\\x", /backslashes/);
    refused("/api/v5/account;jsessionid=1/balance", /matrix parameters/);
    refused("/api/v5//account/balance", /empty segments/);
    refused("//evil.example/api/v5/x", /empty segments/);
    refused("/api/v5/account/balance?ccy=BTC", /query or fragment belongs in the IO call's parameters/);
    refused("/api/v5/account/balance#x", /query or fragment/);
    refused("/api/v5/account/b%3Fx", /query or fragment/);
  });

  test("control characters, raw or encoded, and whitespace are refused, and quoted escaped", () => {
    refused("/api/v5/x\u0001y", /control characters/);
    refused("/api/v5/x%00y", /control characters/);
    refused("/api/v5/x\u007fy", /control characters/);
    refused("/api/v5/x\u0085y", /control characters/);
    refused("/api/v5/x y", /whitespace/);
    refused("/api/v5/x%0d%0aHost:evil", /control characters/);
    assert.throws(() => normalizeIoPath("/api/\u0007"), {
      message: 'invalid IO path "/api/\\x07": control characters are not allowed',
    });
  });

  test("characters outside the path set are refused; the length is bounded before any other work", () => {
    refused("/api/v5/x<script>", /only letters, digits/);
    refused("/api/v5/ünï", /only letters, digits/);
    refused("/", /empty/);
    refused("", /empty/);
    const long = `/api/v5/${"a".repeat(IO_PATH_MAX)}`;
    assert.throws(() => normalizeIoPath(long), {
      message: `invalid IO path: longer than ${IO_PATH_MAX} characters`,
    });
  });
});

describe("normalizeIoVerb", () => {
  test("GET by default, upper-cased; verbs REST APIs do not use are refused", () => {
    assert.equal(normalizeIoVerb(undefined), "GET");
    assert.equal(normalizeIoVerb(""), "GET");
    assert.equal(normalizeIoVerb(" post "), "POST");
    assert.equal(normalizeIoVerb("delete"), "DELETE");
    for (const verb of ["TRACE", "PROPFIND", "CONNECT", "OPTIONS", "HEAD", "G\u0000ET"])
      assert.throws(
        () => normalizeIoVerb(verb),
        /^BadRequestError: invalid IO verb .*: use one of GET, POST, PUT, DELETE, PATCH$/,
      );
  });
});

describe("requireIoRoute", () => {
  const route = { exchange: "OKX", prefixes: ["/api/v5/"], verbs: ["GET", "POST"] };
  test("the adapter's prefix and verbs", () => {
    requireIoRoute({ httpMethod: "GET", path: "/api/v5/account/balance" }, route);
    assert.throws(() => requireIoRoute({ httpMethod: "DELETE", path: "/api/v5/x" }, route), {
      message: "invalid IO verb DELETE: OKX accepts GET and POST",
    });
    assert.throws(() => requireIoRoute({ httpMethod: "GET", path: "/api/v3/x" }, route), {
      message: 'invalid IO path "/api/v3/x": OKX endpoints are under /api/v5/',
    });
    assert.throws(
      () => requireIoRoute({ httpMethod: "GET", path: "/api/v5/" }, route),
      /endpoints are under/,
    );
  });
});
