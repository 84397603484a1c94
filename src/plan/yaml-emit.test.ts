import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import type { Json } from "./model.js";
import { buildPlan } from "./plan.js";
import { fixedPlanIds } from "./plan-ids.js";
import { seedWith } from "./test-support.js";
import { toYaml } from "./yaml-emit.js";

function roundTrips(v: Json) {
  assert.deepEqual(parse(toYaml(v)), v, toYaml(v));
  // YAML 1.1 readers (Armada's Go tooling, PyYAML) must not reinterpret plain scalars either.
  assert.deepEqual(parse(toYaml(v), { version: "1.1" }), v, toYaml(v));
}

test("YAML output reads back as the same data, for strings YAML could misread", () => {
  const tricky = [
    "true",
    "False",
    "yes",
    "no",
    "on",
    "OFF",
    "y",
    "n",
    "null",
    "~",
    "",
    " lead",
    "trail ",
    "1",
    "-1",
    "1.5",
    ".5",
    "+1",
    "1e3",
    "0x1f",
    "0o7",
    "1:20",
    "2001-12-14",
    ".inf",
    "-.Inf",
    ".NaN",
    "- a",
    "-",
    "-XX:+Opt",
    "--conf",
    "a: b",
    "a #b",
    "a:",
    "key=value",
    "#c",
    "&a",
    "*a",
    "!t",
    "|",
    ">",
    "'q'",
    '"q"',
    "%p",
    "@a",
    "`b",
    "{a}",
    "[a]",
    ",",
    "?",
    "? a",
    ":a",
    "x\ny",
    "tab\there",
    "ünï",
    "spark://CoarseGrainedScheduler@armada-<driver-job-id>-0-service-0:7078",
    "metadata.labels['armada_job_id']",
    'exec java -cp "${SPARK_HOME:-/opt/spark}/jars/*" X "$@"',
    "armada-$(ARMADA_JOB_ID)-0-service-0",
  ];
  roundTrips({ list: tricky, map: Object.fromEntries(tricky.filter((t) => t !== "").map((t) => [t, t])) });
});

test("YAML output handles nesting, empty collections and other scalars", () => {
  roundTrips({
    a: [],
    b: {},
    c: [[1, 2], [], [{}], { d: null }],
    e: 2.5,
    f: true,
    g: [{ h: { i: [{ j: "k" }] } }],
  });
  roundTrips([]);
  roundTrips("top");
});

test("a whole plan renders as YAML that reads back identically", () => {
  const plan = buildPlan(seedWith({ "spark.armada.driver.serviceNamePrefix": "pi" }), fixedPlanIds());
  assert.equal(plan.kind, "single");
  if (plan.kind === "single") roundTrips(plan.request as unknown as Json);
});
