import { test } from "node:test";
import assert from "node:assert/strict";
import { renderDryRun } from "./dry-run.js";
import { fixedPlanIds } from "./plan-ids.js";
import { seedWith } from "./test-support.js";

const ids = fixedPlanIds();

test("dry run JSON shows placeholders for Armada's ids and both requests in order", async () => {
  const out = await renderDryRun(seedWith({}), "json", ids);
  const doc = JSON.parse(out.text) as {
    requests: {
      jobRequestItems: { podSpecs: { containers: { env?: { name: string; value?: string }[] }[] }[] }[];
    }[];
  };
  assert.equal(doc.requests.length, 2);
  assert.equal(doc.requests[0]!.jobRequestItems.length, 1);
  assert.equal(doc.requests[1]!.jobRequestItems.length, 4);
  const url = doc.requests[1]!.jobRequestItems[0]!.podSpecs[0]!.containers[0]!.env!.find(
    (e) => e.name === "SPARK_DRIVER_URL",
  );
  assert.equal(url?.value, "spark://CoarseGrainedScheduler@armada-<driver-job-id>-0-service-0:7078");
});

test("dry run never shows secrets, in YAML or JSON", async () => {
  const sub = seedWith({
    "spark.hadoop.fs.s3a.secret.key": "SUPERSECRET1",
    "spark.authenticate": "true",
    "spark.authenticate.secret": "SUPERSECRET2",
    "spark.executorEnv.DB_PASSWORD": "SUPERSECRET3",
  });
  for (const format of ["yaml", "json"] as const) {
    const out = await renderDryRun(sub, format, ids);
    assert.doesNotMatch(out.text, /SUPERSECRET/);
    assert.match(out.text, /spark\.hadoop\.fs\.s3a\.secret\.key=<redacted>/);
  }
});

test("dry run returns sizing warnings for the CLI to print", async () => {
  const out = await renderDryRun(
    seedWith({ "spark.armada.executor.request.memory": "1Gi", "spark.armada.executor.limit.memory": "2Gi" }),
    "json",
    ids,
  );
  assert.equal(out.warnings.length, 1);
  assert.match(out.warnings[0]!, /executor memory/);
});
