import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeMountPath, rewritePaths } from "./mount-paths.js";

const mappings = [
  { from: "/data", to: "/state/pods/p/volumes/data" },
  { from: "/data/cache", to: "/state/pods/p/volumes/cache" },
];

test("a mount path is rewritten at path boundaries in values and flags", () => {
  assert.equal(rewritePaths("/data", mappings), "/state/pods/p/volumes/data");
  assert.equal(rewritePaths("/data/in.csv", mappings), "/state/pods/p/volumes/data/in.csv");
  assert.equal(
    rewritePaths("spark.local.dir=/data/tmp", mappings),
    "spark.local.dir=/state/pods/p/volumes/data/tmp",
  );
  assert.equal(rewritePaths("/bin:/data/bin", mappings), "/bin:/state/pods/p/volumes/data/bin");
  assert.equal(
    rewritePaths("cat '/data/x' && ls /data", mappings),
    "cat '/state/pods/p/volumes/data/x' && ls /state/pods/p/volumes/data",
  );
});

test("a mount path is rewritten inside file and local URIs", () => {
  assert.equal(rewritePaths("local:///data/app.jar", mappings), "local:///state/pods/p/volumes/data/app.jar");
  assert.equal(rewritePaths("file:///data", mappings), "file:///state/pods/p/volumes/data");
});

test("the longest mount path wins", () => {
  assert.equal(rewritePaths("/data/cache/x", mappings), "/state/pods/p/volumes/cache/x");
});

test("paths that merely start with the same letters are left alone", () => {
  assert.equal(rewritePaths("/database/x", mappings), "/database/x");
  assert.equal(rewritePaths("/opt/data", mappings), "/opt/data");
  assert.equal(rewritePaths("s3a://bucket/data", mappings), "s3a://bucket/data");
});

test("mount paths are normalized; the root and relative paths are refused", () => {
  assert.equal(normalizeMountPath("/data/"), "/data");
  assert.equal(normalizeMountPath("/"), undefined);
  assert.equal(normalizeMountPath("data"), undefined);
});
