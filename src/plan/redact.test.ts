import { test } from "node:test";
import assert from "node:assert/strict";
import { redactSecrets } from "./redact.js";

test("secret --conf values, -D options and env values are redacted; others untouched", () => {
  const input = {
    args: ["--conf", "spark.foo.password=hunter2", "--conf", "spark.app.name=x", "spark.armada.auth.token=t"],
    env: [
      { name: "SPARK_JAVA_OPT_0", value: "-Dspark.ssl.keyPassword=pw" },
      { name: "_SPARK_AUTH_SECRET", value: "s" },
      { name: "AWS_SECRET_ACCESS_KEY", value: "k" },
      { name: "PLAIN", value: "v" },
    ],
  };
  assert.deepEqual(redactSecrets(input), {
    args: [
      "--conf",
      "spark.foo.password=<redacted>",
      "--conf",
      "spark.app.name=x",
      "spark.armada.auth.token=<redacted>",
    ],
    env: [
      { name: "SPARK_JAVA_OPT_0", value: "-Dspark.ssl.keyPassword=<redacted>" },
      { name: "_SPARK_AUTH_SECRET", value: "<redacted>" },
      { name: "AWS_SECRET_ACCESS_KEY", value: "<redacted>" },
      { name: "PLAIN", value: "v" },
    ],
  });
  // The input is not modified: the real request keeps its secrets.
  assert.equal(input.args[1], "spark.foo.password=hunter2");
});
