import assert from "node:assert/strict";
import { test } from "node:test";
import { LoopbackAllocator } from "./loopback-allocator.js";

test("pod addresses are distinct 127.x.y.z addresses outside 127.0.0.0/16", () => {
  const allocator = new LoopbackAllocator();
  const seen = new Set<string>();
  for (let i = 0; i < 600; i++) {
    const ip = allocator.allocate();
    assert.match(ip, /^127\.(\d+)\.(\d+)\.(\d+)$/);
    assert.ok(!ip.startsWith("127.0."), ip);
    const last = Number(ip.split(".")[3]);
    assert.ok(last >= 1 && last <= 254, ip);
    assert.ok(!seen.has(ip), `${ip} handed out twice`);
    seen.add(ip);
  }
  assert.equal(allocator.size, 600);
});

test("a released address is not handed out again before the range goes round", () => {
  const allocator = new LoopbackAllocator();
  const first = allocator.allocate();
  allocator.release(first);
  assert.equal(allocator.isAllocated(first), false);
  assert.notEqual(allocator.allocate(), first);
});

test("the allocator wraps around to released addresses and skips those in use", () => {
  const allocator = new LoopbackAllocator("127.254.255.253");
  const a = allocator.allocate();
  const b = allocator.allocate();
  assert.deepEqual([a, b], ["127.254.255.253", "127.254.255.254"]);
  assert.equal(allocator.allocate(), "127.1.0.1");
  allocator.release(a);
  assert.equal(allocator.isAllocated(a), false);
  assert.equal(allocator.isAllocated(b), true);
});

test("the allocator refuses to start at 127.0.0.1", () => {
  assert.throws(() => new LoopbackAllocator("127.0.0.1"), /not an allocatable/);
});
