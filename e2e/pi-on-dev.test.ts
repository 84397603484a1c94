// The main job, end to end: `armada-spark-submit` against the embedded Armada runs the Pi
// examples as real Spark JVMs (a driver and two executors in one gang), follows them and exits
// with the application's outcome; `status` and `logs` report on it. Also: a failing driver gives
// the documented exit code, and executors that cannot be submitted leave nothing behind (the
// already accepted driver is cancelled).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { mountLookout } from "../src/dev/lookout/mount-lookout.js";
import { startDevArmada, type DevArmada } from "../src/dev/server/server.js";
import { ExitCode } from "../src/exit-codes.js";
import { applicationProcesses } from "./support/app-processes.js";
import { applicationStatus, runCli, type CliResult } from "./support/cli.js";
import { piSubmitArgs, type PiSubmit } from "./support/pi-submit.js";
import { prepareSparkAndJars } from "./support/spark-local.js";

const GUARD_MS = 240_000; // hang guard for each command, not a timing assertion

let dev: DevArmada;
let master: string;

/** Submits a Pi example with this test's Lookout URL and waits for the command's end. */
function submit(p: Omit<PiSubmit, "master">): Promise<CliResult> {
  const extraConf = [`spark.armada.lookouturl=${dev.lookoutUrl}`, ...(p.extraConf ?? [])];
  return runCli("armada-spark-submit", piSubmitArgs({ ...p, master, extraConf }), GUARD_MS);
}

const statusOf = (jobSetId: string) => applicationStatus(master, jobSetId, GUARD_MS);

async function driverLog(jobSetId: string): Promise<string> {
  const r = await runCli("armada-spark", ["logs", jobSetId, "--master", master], GUARD_MS);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe("Pi on the embedded Armada", () => {
  before(async () => {
    prepareSparkAndJars();
    dev = await startDevArmada({ ephemeral: true, port: 0, lookoutPort: 0 });
    mountLookout(dev);
    master = `armada://${dev.grpcAddress}`;
  });
  after(async () => {
    await dev?.close();
  });

  it("runs the Java Pi example as a driver and two executors and exits 0 with the Pi line in the driver's log", async () => {
    const r = await submit({ name: "spark-pi", jobSetId: "e2e-java-pi", appArgs: ["20"] });
    assert.equal(r.code, 0, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    assert.match(r.stdout, /is healthy/);
    assert.match(
      r.stdout,
      /driver\s+[0-9a-z]{26}\n\s+executor 1\s+[0-9a-z]{26}\n\s+executor 2\s+[0-9a-z]{26}/,
    );
    assert.ok(
      r.stdout.includes(`${dev.lookoutUrl}/?page=0&sort[id]=jobId`) &&
        r.stdout.includes("f[1][value]=e2e-java-pi&f[1][match]=startsWith"),
      "prints the Lookout job-set link",
    );
    assert.match(r.stdout, /application succeeded \(exit code 0\)/);
    assert.match(await driverLog("e2e-java-pi"), /Pi is roughly 3\.1/);
    const status = await statusOf("e2e-java-pi");
    assert.equal(status.state, "succeeded");
    assert.equal(status.driver?.state, "succeeded");
    assert.equal(status.executors.length, 2);
    // One gang: everything ran on the same node of the same cluster.
    assert.deepEqual(
      status.executors.map((e) => e.node),
      ["dev-node-0", "dev-node-0"],
    );
    // An executor's log is its own: the executor backend that ran the tasks.
    const executorLog = await runCli(
      "armada-spark",
      ["logs", "e2e-java-pi", "--executor", "2", "--master", master],
      GUARD_MS,
    );
    assert.equal(executorLog.code, 0, executorLog.stderr);
    assert.match(executorLog.stdout, /KubernetesExecutorBackend|CoarseGrainedExecutorBackend/);
    assert.doesNotMatch(executorLog.stdout, /Pi is roughly/);
    // `list` shows the application among the queue's, through Lookout's REST API.
    const list = await runCli("armada-spark", ["list", "--lookout", dev.lookoutUrl, "-o", "json"], GUARD_MS);
    assert.equal(list.code, 0, list.stderr);
    const rows = JSON.parse(list.stdout) as { jobSetId: string; state: string; jobs: number }[];
    const row = rows.find((r) => r.jobSetId === "e2e-java-pi");
    assert.deepEqual([row?.state, row?.jobs], ["succeeded", 3]);
  });

  it("runs the Python Pi example the same way", async () => {
    const r = await submit({ name: "py-pi", jobSetId: "e2e-python-pi", example: "python", appArgs: ["4"] });
    assert.equal(r.code, 0, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    assert.match(await driverLog("e2e-python-pi"), /Pi is roughly 3\.1/);
  });

  it("exits with the driver-failed code and the driver's exit code when the application fails", async () => {
    const r = await submit({
      name: "failing-pi",
      jobSetId: "e2e-failing-pi",
      appArgs: ["2", "--fail"],
      extraConf: ["spark.task.maxFailures=1"],
    });
    assert.equal(r.code, ExitCode.driverFailed, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    assert.match(r.stdout, /driver failed with exit code [1-9]\d*/);
    const status = await statusOf("e2e-failing-pi");
    assert.equal(status.driver?.state, "failed");
    assert.ok((status.driver?.exitCode ?? 0) > 0);
  });

  it("exits with the executor-tracker code when the executors never register within trackerTimeout", async () => {
    // An executor job-item template (merged under the plan by container name) replaces the
    // executors' command, so they never start Spark and never register.
    const template = join(mkdtempSync(join(tmpdir(), "armada-spark-e2e-")), "executor-item.yaml");
    writeFileSync(
      template,
      "podSpecs:\n  - containers:\n      - name: executor\n        command: [sh, -c, 'exit 0']\n",
    );
    const r = await submit({
      name: "no-executors",
      jobSetId: "e2e-no-executors",
      appArgs: ["2"],
      extraConf: [
        `spark.armada.executor.jobItemTemplate=${template}`,
        "spark.armada.executor.trackerTimeout=10s",
      ],
    });
    assert.equal(r.code, ExitCode.executorsNotRegistered, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    assert.match(r.stdout, /Armada: only 0 of 2 expected executors registered within/);
  });

  it("cancels the accepted driver when its executors are refused, and says so", async () => {
    // A whole-CPU init container is refused by Armada's default validation (init containers must
    // ask for fractional CPU): the driver request passes, the executors' request does not.
    const r = await submit({
      name: "refused-executors",
      jobSetId: "e2e-refused",
      appArgs: ["2"],
      extraConf: ["spark.armada.executor.initContainer.cpu=1"],
    });
    assert.equal(r.code, ExitCode.rejected, `stdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
    assert.match(r.stderr, /cancelled the 1 job\(s\) already accepted/);
    const status = await statusOf("e2e-refused");
    assert.equal(status.executors.length, 0);
    assert.equal(status.driver?.state, "cancelled");
    assert.deepEqual(
      applicationProcesses("e2e-refused").map((p) => p.pid),
      [],
    );
  });
});
