import { test } from "node:test";
import assert from "node:assert/strict";
import { sameQuantity } from "./quantity-value.js";

test("quantities compare by value, so equal request and limit in other units are not a mismatch", () => {
  assert.equal(sameQuantity("1", "1000m"), true);
  assert.equal(sameQuantity("1Gi", "1024Mi"), true);
  assert.equal(sameQuantity("1G", "1Gi"), false);
  assert.equal(sameQuantity("2", "1"), false);
  assert.equal(sameQuantity("1e3", "1k"), true);
});
