import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { editDistance, nearest } from "./near-miss.js";

describe("near-miss suggestions", () => {
  it("computes edit distance", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.equal(editDistance("same", "same"), 0);
  });
  it("suggests a case-insensitive match first", () => {
    assert.equal(
      nearest("spark.executor.Memory", ["spark.executor.memory", "spark.executor.memor"]),
      "spark.executor.memory",
    );
  });
  it("suggests the closest name within the typo budget", () => {
    assert.equal(
      nearest("spark.executor.instaces", ["spark.executor.instances", "spark.executor.cores"]),
      "spark.executor.instances",
    );
    assert.equal(nearest("--mastr", ["--master", "--name"]), "--master");
  });
  it("suggests nothing for distant names or exact matches", () => {
    assert.equal(nearest("spark.sql.foo.bar", ["spark.executor.instances"]), undefined);
    assert.equal(nearest("spark.a", ["spark.a"]), undefined);
  });
});
