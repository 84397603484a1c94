import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { keysCommand } from "./keys.js";
import { submitCommand } from "./submit.js";

/** Runs a command with stdout/stderr captured. */
async function run(fn: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = process.stdout.write.bind(process.stdout);
  const e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => (
    (out += String(c)),
    true
  )) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => (
    (err += String(c)),
    true
  )) as typeof process.stderr.write;
  try {
    return { code: await fn(), out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

const master = ["--master", "armada://localhost:50051"];
const app = ["--class", "org.example.Main", "local:///opt/app.jar"];

describe("submit command", () => {
  it("prints usage for --help and exits 0", async () => {
    const r = await run(() => submitCommand(["--help"], {}));
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: armada-spark-submit/);
    assert.match(r.out, /--dry-run/);
  });
  it("prints our version and the supported Spark versions", async () => {
    const r = await run(() => submitCommand(["--version"], {}));
    assert.equal(r.code, 0);
    assert.match(r.out, /^armada-spark \d+\.\d+\.\d+\nSpark versions: 3\.5/);
  });
  it("prints one error line and exits 2 on a bad value", async () => {
    const r = await run(() => submitCommand([...master, "--num-executors", "many", ...app], {}));
    assert.equal(r.code, 2);
    assert.equal(r.err.trimEnd().split("\n").length, 1);
    assert.match(
      r.err,
      /spark\.executor\.instances: "many" \(from --num-executors\) is invalid: expected a whole number/,
    );
  });
  it("exits 2 for client deploy mode", async () => {
    const r = await run(() => submitCommand([...master, "--deploy-mode", "client", ...app], {}));
    assert.equal(r.code, 2);
    assert.match(r.err, /not supported yet/);
  });
  it("prints warnings and the redacted resolved configuration with --verbose (dry run: nothing sent)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "armada-spark-conf-"));
    writeFileSync(join(dir, "spark-defaults.conf"), "spark.armada.queue  test\nspark.hadoop.token=abc123\n");
    const r = await run(() =>
      submitCommand(
        [
          ...master,
          "-v",
          "--dry-run",
          "--conf",
          "spark.Executor.instances=4",
          "--conf",
          "spark.kubernetes.container.image=spark",
          ...app,
        ],
        { SPARK_CONF_DIR: dir },
      ),
    );
    assert.equal(r.code, 0);
    assert.match(r.err, /warning: spark\.Executor\.instances \(from --conf\) is deprecated/);
    assert.match(
      r.err,
      new RegExp(`spark\\.armada\\.queue\\s+= test {2}\\[${dir}/spark-defaults\\.conf:1\\]`),
    );
    assert.match(r.err, /spark\.hadoop\.token\s+= <redacted>/);
    assert.ok(!r.err.includes("abc123"));
    assert.ok(!r.out.includes("abc123"));
  });
  it("--list-keys -o json lists the registry", async () => {
    const r = await run(() => submitCommand(["--list-keys", "-o", "json"], {}));
    assert.equal(r.code, 0);
    const list = JSON.parse(r.out) as Array<{ name: string }>;
    assert.ok(list.some((k) => k.name === "spark.armada.queue"));
  });
});

describe("keys command", () => {
  it("filters by name or alias and prints text", async () => {
    const r = await run(() => keysCommand(["clusterselectors"]));
    assert.equal(r.code, 0);
    assert.match(r.out, /^spark\.armada\.scheduling\.nodeSelectors\n/);
    assert.ok(!r.out.includes("spark.executor.instances"));
  });
  it("prints JSON with -o json", async () => {
    const r = await run(() => keysCommand(["-o", "json", "spark.executor.memory"]));
    const list = JSON.parse(r.out) as Array<{ name: string; default?: string }>;
    assert.deepEqual(
      list.find((k) => k.name === "spark.executor.memory"),
      {
        name: "spark.executor.memory",
        expected: list.find((k) => k.name === "spark.executor.memory")!["expected" as "name"],
        default: "1g",
        help: "executor JVM heap (--executor-memory)",
        aliases: [],
      },
    );
  });
  it("rejects an unknown format with exit 2", async () => {
    const r = await run(() => keysCommand(["-o", "xml"]));
    assert.equal(r.code, 2);
  });
});
