import assert from "node:assert/strict";
import test from "node:test";
import { formatQuantity, milliValue, parseQuantity, quantityText, sameQuantity } from "./quantity.js";

test("quantities parse with decimal and binary suffixes and exponents; anything else is not one", () => {
  assert.equal(parseQuantity("500m"), 0.5);
  assert.equal(parseQuantity("2Gi"), 2 * 2 ** 30);
  assert.equal(parseQuantity("1.5k"), 1500);
  assert.equal(parseQuantity("3e2"), 300);
  assert.equal(parseQuantity("12"), 12);
  assert.equal(parseQuantity("1 Gi"), undefined);
  assert.equal(parseQuantity("1gi"), undefined);
  assert.equal(quantityText({ string: "1Gi" }), "1Gi");
  assert.equal(quantityText(""), undefined);
});

test("a request equals a limit when the quantities are the same value", () => {
  assert.equal(sameQuantity("1", "1000m"), true);
  assert.equal(sameQuantity("1Gi", "1024Mi"), true);
  assert.equal(sameQuantity("1G", "1Gi"), false);
  assert.equal(sameQuantity("2", "1"), false);
  assert.equal(sameQuantity("1e3", "1k"), true);
  assert.equal(sameQuantity("x", "x"), true);
});

test("milli values round up and messages use short forms", () => {
  assert.equal(milliValue(0.1), 100);
  assert.equal(milliValue(0.0001), 1);
  assert.equal(formatQuantity("cpu", 0.5), "500m");
  assert.equal(formatQuantity("cpu", 2), "2");
  assert.equal(formatQuantity("memory", 3 * 2 ** 30), "3Gi");
  assert.equal(formatQuantity("memory", 1000), "1000");
});
