import { test } from "node:test";
import assert from "node:assert/strict";
import { settleResources } from "./settle-resources.js";
import { seedWith, submissionOf } from "./test-support.js";

function sized(role: "driver" | "executor", confs: Record<string, string>, python = false) {
  const sub = python
    ? submissionOf([
        "--master",
        "armada://h:1",
        "--conf",
        "spark.armada.container.image=i",
        ...Object.entries(confs).flatMap(([k, v]) => ["--conf", `${k}=${v}`]),
        "pi.py",
      ])
    : seedWith(confs);
  return settleResources(role, sub.conf, sub.language);
}

test("defaults: 1g heap + 384Mi overhead, 1 core, requests equal limits, no warning", () => {
  for (const role of ["driver", "executor"] as const) {
    const r = sized(role, {});
    assert.deepEqual(r.resources, {
      requests: { cpu: "1", memory: "1408Mi" },
      limits: { cpu: "1", memory: "1408Mi" },
    });
    assert.deepEqual(r.warnings, []);
  }
});

test("Spark's settings size the pods: memory + 10% overhead, cores", () => {
  const d = sized("driver", { "spark.driver.memory": "8g", "spark.driver.cores": "2" });
  assert.deepEqual(d.resources.limits, { cpu: "2", memory: `${8192 + 819}Mi` });
  const e = sized("executor", { "spark.executor.memory": "4g", "spark.executor.memoryOverhead": "1g" });
  assert.deepEqual(e.resources.requests, { cpu: "1", memory: `${4096 + 1024}Mi` });
  assert.equal(e.heapMiB, 4096);
});

test("Python applications use the 0.4 non-JVM factor on driver and executors, plus PySpark memory on executors", () => {
  const d = sized("driver", { "spark.driver.memory": "2g" }, true);
  assert.equal(d.resources.limits["memory"], `${2048 + 819}Mi`);
  const e = sized(
    "executor",
    { "spark.executor.memory": "2g", "spark.executor.pyspark.memory": "512m" },
    true,
  );
  assert.equal(e.resources.limits["memory"], `${2048 + 819 + 512}Mi`);
});

test("PySpark memory is ignored for JVM applications; off-heap memory is added when enabled", () => {
  const e = sized("executor", {
    "spark.executor.pyspark.memory": "512m",
    "spark.memory.offHeap.enabled": "true",
    "spark.memory.offHeap.size": "1g",
  });
  assert.equal(e.resources.limits["memory"], `${1024 + 384 + 1024}Mi`);
});

test("Kubernetes request cores replace Spark's cores", () => {
  const e = sized("executor", { "spark.kubernetes.executor.request.cores": "500m" });
  assert.deepEqual(e.resources.requests["cpu"], "500m");
  assert.deepEqual(e.resources.limits["cpu"], "500m");
});

test("spark.armada overrides: a request alone sets the limit too and vice versa", () => {
  const e = sized("executor", {
    "spark.armada.executor.request.memory": "3Gi",
    "spark.armada.executor.limit.cores": "2",
  });
  assert.deepEqual(e.resources, {
    requests: { cpu: "2", memory: "3Gi" },
    limits: { cpu: "2", memory: "3Gi" },
  });
  assert.deepEqual(e.warnings, []);
});

test("an explicit request different from the limit passes through unchanged, with a warning naming both keys", () => {
  const d = sized("driver", {
    "spark.armada.driver.request.cores": "1",
    "spark.armada.driver.limit.cores": "2",
  });
  assert.deepEqual(d.resources.requests["cpu"], "1");
  assert.deepEqual(d.resources.limits["cpu"], "2");
  assert.equal(d.warnings.length, 1);
  assert.match(d.warnings[0]!, /spark\.armada\.driver\.request\.cores.*spark\.armada\.driver\.limit\.cores/);
  assert.match(d.warnings[0]!, /reject/);
});

test("equal request and limit written in different units are not a mismatch", () => {
  const d = sized("driver", {
    "spark.armada.driver.request.memory": "1Gi",
    "spark.armada.driver.limit.memory": "1024Mi",
  });
  assert.deepEqual(d.warnings, []);
});
