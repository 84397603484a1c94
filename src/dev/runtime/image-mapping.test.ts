import assert from "node:assert/strict";
import { test } from "node:test";
import { chooseSpark, imageMatches, mapImage } from "./image-mapping.js";
import type { SparkHomes } from "../spark-homes.js";

test("images whose name contains spark map to the Spark runtime by default, others to the host", () => {
  assert.deepEqual(mapImage("apache/spark:4.1.1"), { runtime: "spark" });
  assert.deepEqual(mapImage("registry.local/team/armada-spark:dev"), { runtime: "spark" });
  assert.deepEqual(mapImage("busybox:1.36"), { runtime: "host" });
});

test("configured rules come first: the first match wins", () => {
  const rules = [
    { match: "my-registry/*", runtime: "spark", sparkVersion: "3.5.7" },
    { match: "/^sparkle(:|$)/", runtime: "host" },
  ] as const;
  assert.deepEqual(mapImage("my-registry/jobs:1", rules), { runtime: "spark", sparkVersion: "3.5.7" });
  assert.deepEqual(mapImage("sparkle:2", rules), { runtime: "host" });
  assert.deepEqual(mapImage("apache/spark:3.5.7", rules), { runtime: "spark" });
});

test("globs match the whole image reference; regexes are written /.../", () => {
  assert.equal(imageMatches("busybox*", "busybox:1.36"), true);
  assert.equal(imageMatches("busybox", "busybox:1.36"), false);
  assert.equal(imageMatches("python:3.1?", "python:3.11"), true);
  assert.equal(imageMatches("/python:3\\.\\d+/", "docker.io/python:3.12-slim"), true);
});

const homes: SparkHomes = {
  defaultVersion: "4.1.1",
  installs: new Map([
    ["3.5.7", { version: "3.5.7", sparkHome: "/s/3.5.7", scala: "2.12" }],
    ["4.1.1", { version: "4.1.1", sparkHome: "/s/4.1.1", scala: "2.13" }],
  ]),
};

test("the Spark version follows the rule, else the image tag (exact or same minor), else the default", () => {
  const version = (image: string, requested?: string): string => {
    const r = chooseSpark(image, requested, homes);
    assert.ok(r.ok, r.ok ? "" : r.error);
    return `${r.version} ${r.sparkHome}`;
  };
  assert.equal(version("apache/spark:3.5.7"), "3.5.7 /s/3.5.7");
  assert.equal(version("apache/spark:3.5.3-scala2.12-java17-ubuntu"), "3.5.7 /s/3.5.7");
  assert.equal(version("apache/spark:v4.1.0"), "4.1.1 /s/4.1.1");
  assert.equal(version("armada-spark:latest"), "4.1.1 /s/4.1.1");
  assert.equal(version("apache/spark:2.4.8"), "4.1.1 /s/4.1.1");
  assert.equal(version("apache/spark:4.1.1", "3.5.7"), "3.5.7 /s/3.5.7");
});

test("a missing Spark installation is an error that says how to install it", () => {
  const missing = chooseSpark("apache/spark:4.1.1", "3.4.0", homes);
  assert.equal(missing.ok, false);
  assert.match(missing.ok ? "" : missing.error, /Spark 3\.4\.0 .*not installed.*setup-spark\.sh/);
});
