import assert from "node:assert/strict";
import { test } from "node:test";
import { compareDottedNumbers } from "./dotted-numbers.js";

test("dotted numbers compare part by part as numbers, not as text", () => {
  assert.ok(compareDottedNumbers("3.10", "3.9") > 0);
  assert.ok(compareDottedNumbers("127.1.0.9", "127.1.0.10") < 0);
  assert.equal(compareDottedNumbers("3.5", "3.5.0"), 0);
  assert.deepEqual(["3.5.7", "3.5.10", "3.5.1"].sort(compareDottedNumbers), ["3.5.1", "3.5.7", "3.5.10"]);
});
