import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import test from "node:test";
import { fixedPlanIds } from "../plan/plan-ids.js";
import { planIds, readLocation } from "./plan-inputs.js";

test("plan ids are fixed by ARMADA_SPARK_FIXED_IDS=1 and random otherwise", () => {
  assert.deepEqual(planIds({ ARMADA_SPARK_FIXED_IDS: "1" }), fixedPlanIds());
  const a = planIds({});
  const b = planIds({});
  assert.notEqual(a.gangId, b.gangId);
  assert.notEqual(a.appId, fixedPlanIds().appId);
});

test("template locations are read as paths and file:// URLs", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "plan-inputs-")), "t.yaml");
  writeFileSync(file, "labels: {a: b}\n");
  assert.equal(await readLocation(file), "labels: {a: b}\n");
  assert.equal(await readLocation(pathToFileURL(file).href), "labels: {a: b}\n");
  await assert.rejects(readLocation(file + ".missing"), /ENOENT/);
});
