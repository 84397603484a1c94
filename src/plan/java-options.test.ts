import { test } from "node:test";
import assert from "node:assert/strict";
import { isExecutorStartupKey, splitJavaOptions } from "./java-options.js";

test("extraJavaOptions split on whitespace, quotes group, as Spark's splitCommandString", () => {
  assert.deepEqual(splitJavaOptions("  -Xss4m   -Da=b "), ["-Xss4m", "-Da=b"]);
  assert.deepEqual(splitJavaOptions(`-Dx="a b" -Dy='c "d"' -Dz="e\\"f"`), [
    "-Dx=a b",
    `-Dy=c "d"`,
    `-Dz=e"f`,
  ]);
  assert.deepEqual(splitJavaOptions(`""`), [""]);
  assert.deepEqual(splitJavaOptions(""), []);
});

test("executor startup keys: auth (not the secret), rpc, network and ports", () => {
  for (const k of [
    "spark.authenticate",
    "spark.rpc.askTimeout",
    "spark.network.timeout",
    "spark.driver.port",
    "spark.port.maxRetries",
  ]) {
    assert.equal(isExecutorStartupKey(k), true, k);
  }
  for (const k of [
    "spark.authenticate.secret",
    "spark.executor.memory",
    "spark.app.name",
    "spark.ui.portx",
  ]) {
    assert.equal(isExecutorStartupKey(k), false, k);
  }
});
