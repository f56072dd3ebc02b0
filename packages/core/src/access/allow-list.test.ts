import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AllowList, AllowListError, isLoopbackHost } from "./allow-list";
import { bindRefusal } from "./bind-check";

describe("the allow list", () => {
  test("loopback (127.0.0.0/8, ::1, IPv4-mapped) is always allowed; nothing else is by default", () => {
    const none = new AllowList();
    for (const a of ["127.0.0.1", "127.0.0.2", "127.255.0.9", "::1", "::ffff:127.0.0.1"])
      assert.ok(none.allows(a), a);
    for (const a of ["10.0.0.1", "192.168.1.20", "::ffff:10.0.0.1", "fd00::1", "128.0.0.1", "", undefined])
      assert.ok(!none.allows(a), String(a));
  });

  test("addresses and CIDR ranges, IPv4 and IPv6, including IPv4 clients of a dual-stack socket", () => {
    const list = new AllowList(["192.168.1.20", "10.8.0.0/16", "fd00:abcd::/32", "2001:db8::7"]);
    assert.ok(list.allows("192.168.1.20"));
    assert.ok(!list.allows("192.168.1.21"));
    assert.ok(list.allows("10.8.200.3"));
    assert.ok(list.allows("::ffff:10.8.0.1"), "an IPv4 client seen through a `::` socket");
    assert.ok(!list.allows("10.9.0.1"));
    assert.ok(list.allows("fd00:abcd:1::5"));
    assert.ok(!list.allows("fd00:abce::5"));
    assert.ok(list.allows("2001:db8::7"));
    assert.ok(list.allows("fe80::1%eth0") === false, "a zone id does not confuse the check");
  });

  test("a bad entry is refused with the entry and examples", () => {
    for (const bad of ["localhost", "10.0.0.0/33", "10.0.0.0/x", "1.2.3.4/8/9", "fd00::/129", "300.1.1.1"]) {
      assert.throws(
        () => new AllowList([bad]),
        (err: Error) => {
          assert.ok(err instanceof AllowListError);
          assert.ok(err.message.includes(`"${bad}"`), err.message);
          assert.match(err.message, /192\.168\.1\.20, 10\.0\.0\.0\/8/);
          return true;
        },
      );
    }
  });

  test("binding beyond loopback needs an allow list", () => {
    for (const host of ["127.0.0.1", "127.0.0.5", "::1", "[::1]", "localhost", "LOCALHOST"]) {
      assert.ok(isLoopbackHost(host), host);
      assert.equal(bindRefusal(host, []), undefined, host);
    }
    for (const host of ["0.0.0.0", "::", "192.168.1.5", "gateway.example"]) {
      const why = bindRefusal(host, []);
      assert.match(
        why ?? "",
        new RegExp(`^refusing to listen on ${host.replace(/\./g, "\\.")} without an allow list`),
      );
      assert.match(why ?? "", /plain text/);
      assert.match(why ?? "", /--allow ADDRESS/);
      assert.equal(bindRefusal(host, ["10.0.0.0/8"]), undefined);
    }
  });
});
