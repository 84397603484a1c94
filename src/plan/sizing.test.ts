import { test } from "node:test";
import assert from "node:assert/strict";
import { memoryOverheadMiB, overheadFactor, podMemoryMiB } from "./sizing.js";

test("overhead factor: the role's own factor wins, then spark.kubernetes.memoryOverheadFactor, then 0.1", () => {
  assert.equal(overheadFactor({ roleFactor: 0.2, kubernetesFactor: 0.3, nonJvm: false }), 0.2);
  assert.equal(overheadFactor({ kubernetesFactor: 0.3, nonJvm: false }), 0.3);
  assert.equal(overheadFactor({ nonJvm: false }), 0.1);
});

test("overhead factor: Python and R applications default to 0.4, an explicit factor still wins", () => {
  assert.equal(overheadFactor({ nonJvm: true }), 0.4);
  assert.equal(overheadFactor({ kubernetesFactor: 0.25, nonJvm: true }), 0.25);
  assert.equal(overheadFactor({ roleFactor: 0.15, nonJvm: true }), 0.15);
});

test("memory overhead is factor x memory, at least 384 MiB, unless given explicitly", () => {
  assert.equal(memoryOverheadMiB(1024, 0.1), 384); // 102 < 384
  assert.equal(memoryOverheadMiB(8192, 0.1), 819); // floor(819.2)
  assert.equal(memoryOverheadMiB(1024, 0.4), 409); // floor(409.6)
  assert.equal(memoryOverheadMiB(1024, 0.1, 100), 100);
  assert.equal(memoryOverheadMiB(1024, 0.1, undefined, 512), 512);
});

test("pod memory adds overhead, off-heap and PySpark worker memory to the heap", () => {
  assert.equal(podMemoryMiB({ heapMiB: 1024, overheadMiB: 384 }), 1408);
  assert.equal(podMemoryMiB({ heapMiB: 2048, overheadMiB: 384, offHeapMiB: 512, pysparkMiB: 256 }), 3200);
});
