// `armada-spark-submit --dry-run` as a user runs it (the built bin/ script in a subprocess) on the
// seed document's example: the printed plan must equal the reviewed golden file
// e2e/golden/seed-dry-run.yaml. Regenerate after a reviewed change with UPDATE_GOLDEN=1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { projectRoot } from "../src/dev/spark-homes.js";
import { seedArgs } from "../src/plan/test-support.js";
import { binPath, cliEnv } from "./support/cli.js";

const bin = binPath("armada-spark-submit");
const golden = join(projectRoot(), "e2e", "golden", "seed-dry-run.yaml");

/** The seed document's example command, with our example jar and class. */
const seedExample = seedArgs();

function dryRun(args: string[], env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [bin, "--dry-run", ...args], {
    encoding: "utf8",
    env: { ...cliEnv(), ARMADA_SPARK_FIXED_IDS: undefined, ...env },
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Replaces every injected random id with a marker, so two runs compare equal modulo ids. */
function withoutIds(text: string): string {
  return text
    .replace(/spark-[0-9a-f]{32}/g, "<app-id>")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "<uuid>");
}

test("seed example --dry-run prints the reviewed golden plan (fixed ids), exit 0", () => {
  const r = dryRun(seedExample, { ARMADA_SPARK_FIXED_IDS: "1" });
  assert.equal(r.status, 0, r.stderr);
  if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden, r.stdout);
  assert.equal(r.stdout, readFileSync(golden, "utf8"));
  // The seed's deprecated spellings are accepted with a notice, not an error.
  assert.match(r.stderr, /spark\.armada\.clusterSelectors .*deprecated/);
});

test("the golden plan has the seed's shape: 4 executors, its node selector on every pod, one gang of 5", async () => {
  const { parse } = await import("yaml");
  type Item = { annotations: Record<string, string>; podSpecs: { nodeSelector: Record<string, string> }[] };
  const doc = parse(readFileSync(golden, "utf8")) as { requests: { jobRequestItems: Item[] }[] };
  const items = doc.requests.flatMap((r) => r.jobRequestItems);
  assert.equal(doc.requests[0]!.jobRequestItems.length, 1, "the driver goes first, alone");
  assert.equal(items.length, 5);
  assert.equal(new Set(items.map((i) => i.annotations["armadaproject.io/gangId"])).size, 1);
  for (const i of items) {
    assert.deepEqual(i.podSpecs[0]!.nodeSelector, { "armada-spark": "true" });
    assert.equal(i.annotations["armadaproject.io/gangCardinality"], "5");
  }
});

test("seed example --dry-run with random ids equals the golden plan modulo the injected ids", () => {
  const a = dryRun(seedExample, {});
  const b = dryRun(seedExample, {});
  assert.equal(a.status, 0, a.stderr);
  assert.notEqual(a.stdout, b.stdout, "ids are random per run");
  assert.equal(withoutIds(a.stdout), withoutIds(readFileSync(golden, "utf8")));
});

test("--dry-run -o json prints the same plan as JSON", async () => {
  const r = dryRun(["-o", "json", ...seedExample], { ARMADA_SPARK_FIXED_IDS: "1" });
  assert.equal(r.status, 0, r.stderr);
  const { parse } = await import("yaml");
  assert.deepEqual(JSON.parse(r.stdout), parse(readFileSync(golden, "utf8")));
});

test("--dry-run never prints a secret given with --conf", () => {
  const r = dryRun(
    [
      "--conf",
      "spark.hadoop.fs.s3a.secret.key=TOPSECRET",
      "--conf",
      "spark.executorEnv.API_TOKEN=TOPSECRET",
      ...seedExample,
    ],
    { ARMADA_SPARK_FIXED_IDS: "1" },
  );
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout + r.stderr, /TOPSECRET/);
  assert.match(r.stdout, /spark\.hadoop\.fs\.s3a\.secret\.key=<redacted>/);
});

test("--dry-run without an image fails with exit 2 naming both image keys", () => {
  const args = seedExample.filter((a) => a !== "spark.kubernetes.container.image=armada-spark");
  const i = args.indexOf("--conf", args.indexOf("spark.Executor.instances=4"));
  args.splice(i, 1);
  const r = dryRun(args, {});
  assert.equal(r.status, 2, r.stdout);
  assert.match(r.stderr, /spark\.armada\.container\.image.*spark\.kubernetes\.container\.image/);
});
