import assert from "node:assert/strict";
import { test } from "node:test";
import { planProcess, type LocalRuntime } from "./process-plan.js";

const spark: LocalRuntime = {
  kind: "spark",
  sparkHome: "/p/.spark/4.1.1/pyspark",
  entrypoint: "/p/image/entrypoint-local.sh",
  jars: [
    "/p/jvm/cluster-manager/target/armada-spark-cluster-manager.jar",
    "/p/jvm/examples/target/armada-spark-examples.jar",
  ],
};

test("a Spark container without command runs the local entrypoint with its args and Spark's env", () => {
  const plan = planProcess("apache/spark:4.1.1", [], ["driver", "--class", "Pi", "local:///app.jar"], spark);
  assert.ok(plan.ok);
  assert.equal(plan.file, "bash");
  assert.deepEqual(plan.args, [
    "/p/image/entrypoint-local.sh",
    "driver",
    "--class",
    "Pi",
    "local:///app.jar",
  ]);
  assert.deepEqual(plan.imageEnv, {
    SPARK_HOME: "/p/.spark/4.1.1/pyspark",
    ARMADA_SPARK_JARS:
      "/p/jvm/cluster-manager/target/armada-spark-cluster-manager.jar:/p/jvm/examples/target/armada-spark-examples.jar",
  });
  assert.deepEqual(plan.forcedEnv, { SPARK_HOME: "/p/.spark/4.1.1/pyspark" });
});

test("a Spark container with a command replaces the entrypoint, keeping Spark's env", () => {
  const plan = planProcess("apache/spark:4.1.1", ["/bin/sh", "-c"], ["echo $SPARK_HOME"], spark);
  assert.ok(plan.ok);
  assert.equal(plan.file, "/bin/sh");
  assert.deepEqual(plan.args, ["-c", "echo $SPARK_HOME"]);
  assert.equal(plan.imageEnv.SPARK_HOME, "/p/.spark/4.1.1/pyspark");
});

test("a host container runs command + args, or its args when it has no command", () => {
  const withCommand = planProcess("busybox", ["sh", "-c"], ["exit 0"], { kind: "host" });
  assert.ok(withCommand.ok);
  assert.deepEqual([withCommand.file, ...withCommand.args], ["sh", "-c", "exit 0"]);
  assert.deepEqual(withCommand.imageEnv, {});
  const argsOnly = planProcess("busybox", [], ["echo", "hi"], { kind: "host" });
  assert.ok(argsOnly.ok);
  assert.deepEqual([argsOnly.file, ...argsOnly.args], ["echo", "hi"]);
});

test("a host container with neither command nor args is an error naming the image", () => {
  const plan = planProcess("busybox:1.36", [], [], { kind: "host" });
  assert.equal(plan.ok, false);
  assert.match(plan.ok ? "" : plan.error, /busybox:1\.36/);
});
