// Resilience of a Spark application on the embedded Armada, with real processes:
// - an executor JVM SIGKILLed while it runs tasks: Spark reschedules them on the other executor,
//   the application succeeds, armada-spark-submit exits 0 and status shows the executor failed;
// - the embedded Armada restarted (SIGTERM, same port and state dir) under a running
//   `armada-spark watch`: the watch reconnects and resumes, no event lost or repeated, and ends
//   with the documented outcome (pods that were running are lost: driver failed, exit code 4);
// - `armada-spark kill` of a running application: exit 0, every job cancelled, and no process of
//   the application left on the machine.
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { ArmadaClient } from "../src/armada/client.js";
import { createArmadaClient } from "../src/armada/create-client.js";
import { restartedReason } from "../src/dev/server/embedded-armada.js";
import { isAfter, parseMessageId } from "../src/dev/server/message-id.js";
import { startDevArmada, type DevArmada } from "../src/dev/server/server.js";
import { ExitCode } from "../src/exit-codes.js";
import { jobEventFromMessage } from "../src/track/event-message.js";
import { applicationProcesses, executorJvm, killHard, waitFor } from "./support/app-processes.js";
import { applicationStatus, CliProcess, describeResult, runCli } from "./support/cli.js";
import { startDevProcess, stopDevProcess, type DevProcess } from "./support/dev-process.js";
import { piSubmitArgs } from "./support/pi-submit.js";
import { freePort, prepareSparkAndJars, tempDir } from "./support/spark-local.js";

const GUARD_MS = 300_000; // hang guards, not timing assertions

/** The Java Pi example (a driver and two executors) in job set `jobSetId`. */
const pi = (master: string, jobSetId: string, appArgs: string[], options: string[] = []) =>
  piSubmitArgs({ master, jobSetId, name: "pi-resilience", appArgs, options });

const status = (master: string, jobSetId: string) => applicationStatus(master, jobSetId, 60_000);

function fileIncludes(path: string | undefined, text: string): boolean {
  return path !== undefined && existsSync(path) && readFileSync(path, "utf8").includes(text);
}

describe("a Spark application on the embedded Armada, with real Spark", () => {
  let dev: DevArmada;
  let master: string;

  before(async () => {
    prepareSparkAndJars();
    dev = await startDevArmada({ ephemeral: true, port: 0, lookoutPort: 0 });
    master = `armada://${dev.grpcAddress}`;
  });

  after(async () => {
    await dev?.close();
  });

  test("completes and exits 0 when an executor is SIGKILLed while it runs tasks", async () => {
    const jobSetId = `pi-exec-kill-${Date.now()}`;
    // 16 tasks of >= 1.5 s each on two one-core executors: several seconds of work left when
    // the kill lands, so some tasks must be rescheduled on the surviving executor.
    const submit = new CliProcess(
      "armada-spark-submit",
      pi(master, jobSetId, ["16", "--task-sleep-ms", "1500"]),
    );
    try {
      const victim = await waitFor("executor 1's JVM", () => executorJvm(jobSetId, 1), GUARD_MS);
      const jobId = victim.env.get("ARMADA_JOB_ID");
      assert.ok(jobId, "the executor's process carries ARMADA_JOB_ID");
      await waitFor(
        "executor 1 to run a task",
        () =>
          fileIncludes(dev.armada.runtime.logPath(jobId, "executor"), "Running task") ? true : undefined,
        GUARD_MS,
      );
      killHard(victim);

      const result = await submit.exit(GUARD_MS);
      assert.equal(result.code, ExitCode.ok, `armada-spark-submit: ${describeResult(result)}`);
    } finally {
      submit.child.kill("SIGKILL");
    }

    const logs = await runCli("armada-spark", ["logs", jobSetId, "--master", master], 60_000);
    assert.equal(logs.code, 0, `logs: ${describeResult(logs)}`);
    assert.match(logs.stdout, /Pi is roughly 3\.1/);
    // The driver saw the executor go and carried on without it.
    assert.match(logs.stdout + logs.stderr, /Lost executor 1\b/);

    const app = await status(master, jobSetId);
    assert.equal(app.state, "succeeded");
    assert.equal(app.driver?.state, "succeeded");
    const byRole = new Map(app.executors.map((e) => [e.role, e]));
    assert.equal(byRole.get("executor 1")?.state, "failed", JSON.stringify(app.executors));
    assert.equal(byRole.get("executor 2")?.state, "succeeded", JSON.stringify(app.executors));
  });

  test("armada-spark kill cancels a running application and leaves none of its processes", async () => {
    const jobSetId = `pi-kill-${Date.now()}`;
    const submitted = await runCli(
      "armada-spark-submit",
      pi(master, jobSetId, ["40", "--task-sleep-ms", "2000"], ["--no-wait"]),
      GUARD_MS,
    );
    assert.equal(submitted.code, ExitCode.ok, `submit --no-wait: ${describeResult(submitted)}`);
    // Running means: the driver's JVM and both executors' JVMs are up.
    await waitFor(
      "the driver and both executors to run",
      () =>
        executorJvm(jobSetId, 1) &&
        executorJvm(jobSetId, 2) &&
        applicationProcesses(jobSetId).some((p) => /SparkSubmit/.test(p.cmdline))
          ? true
          : undefined,
      GUARD_MS,
    );

    const killed = await runCli("armada-spark", ["kill", jobSetId, "--master", master], GUARD_MS);
    assert.equal(killed.code, ExitCode.ok, `kill: ${describeResult(killed)}`);
    // kill returns once Armada reports every job ended, and Armada reports a cancelled pod only
    // when its processes are gone: nothing of the application may be left now.
    const left = applicationProcesses(jobSetId);
    assert.deepEqual(
      left.map((p) => `${p.pid} ${p.cmdline.slice(0, 160)}`),
      [],
      "processes of the killed application",
    );

    const app = await status(master, jobSetId);
    assert.equal(app.state, "cancelled");
    assert.equal(app.driver?.state, "cancelled");
    assert.equal(app.executors.length, 2);
    for (const e of app.executors) assert.equal(e.state, "cancelled", JSON.stringify(e));
  });
});

// ---- restart of the embedded Armada under a running watch

interface WatchLine {
  type: "event" | "outcome";
  messageId?: string;
  jobId?: string;
  role?: string;
  event?: string;
  reason?: string;
  exitCode?: number;
}

/** `armada-spark dev` on a fixed port and state dir, so it can be restarted. */
const startDev = (port: number, stateDir: string): Promise<DevProcess> =>
  startDevProcess(["--port", String(port), "--lookout-port", "0", "--state-dir", stateDir]);

async function stopDev(dev: DevProcess): Promise<void> {
  const r = await stopDevProcess(dev);
  assert.equal(r.code, 0, `armada-spark dev after SIGTERM: ${describeResult(r)}`);
}

/** A driver and two executors in one gang, shaped like armada-spark's jobs, as cheap sleeps. */
function sleepingApplication(jobSetId: string, seconds: number): object {
  const resources = { cpu: "100m", memory: "64Mi" };
  const item = (role: string, n: number | undefined) => ({
    priority: 0,
    namespace: "default",
    clientId: `${jobSetId}-${role}${n ?? ""}`,
    labels: { "spark-role": role, ...(n !== undefined ? { "spark-exec-id": String(n) } : {}) },
    annotations: {
      "armadaproject.io/gangId": `${jobSetId}-gang`,
      "armadaproject.io/gangCardinality": "3",
    },
    podSpecs: [
      {
        containers: [
          {
            name: role,
            image: "busybox",
            command: ["sh", "-c", `sleep ${seconds}`],
            resources: { requests: resources, limits: resources },
          },
        ],
      },
    ],
  });
  return {
    queue: "default",
    jobSetId,
    jobRequestItems: [item("driver", undefined), item("executor", 1), item("executor", 2)],
  };
}

describe("the embedded Armada restarted while armada-spark watch follows an application", () => {
  const stateDir = tempDir("restart");
  const started: CliProcess[] = [];

  after(() => {
    for (const p of started) p.child.kill("SIGKILL");
    rmSync(stateDir, { recursive: true, force: true });
  });

  test("the watch resumes without losing or repeating events and reports the lost driver (exit 4)", async () => {
    const port = await freePort();
    const master = `armada://127.0.0.1:${port}`;
    const endpoint = { url: master, host: "127.0.0.1", port, tls: false };
    const client: ArmadaClient = createArmadaClient({ master: endpoint, useArmadactlConfig: false });
    const jobSetId = `restart-${Date.now()}`;

    let devProcess = await startDev(port, stateDir);
    started.push(devProcess.cli);
    const submitted = await client.submitJobsJson(sleepingApplication(jobSetId, 600));
    assert.deepEqual(
      submitted.map((s) => s.error),
      ["", "", ""],
    );

    const watch = new CliProcess("armada-spark", ["watch", jobSetId, "--master", master, "-o", "json"]);
    started.push(watch);
    const lines = (): WatchLine[] =>
      watch.stdout
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as WatchLine);
    await waitFor(
      "the watch to show the driver and both executors running",
      () => (lines().filter((l) => l.event === "running").length === 3 ? true : undefined),
      GUARD_MS,
    );
    const beforeRestart = lines();

    await stopDev(devProcess);
    assert.equal(watch.child.exitCode, null, `the watch must outlive the server\n${watch.stderr}`);
    devProcess = await startDev(port, stateDir);
    started.push(devProcess.cli);

    const result = await watch.exit(GUARD_MS);
    const all = lines();
    const events = all.filter((l) => l.type === "event");
    const outcome = all.find((l) => l.type === "outcome");

    // Nothing lost, nothing repeated: the server's log as a fresh reader gets it, in order, up to
    // the driver's end (where the watch stops: the executors' ends may come after it).
    const logged: { id: string; kind: string; reason?: string }[] = [];
    for await (const e of client.events({ queue: "default", jobSetId, watch: false })) {
      const event = jobEventFromMessage(e);
      if (event)
        logged.push({ id: e.id, kind: event.kind, ...(event.reason ? { reason: event.reason } : {}) });
    }
    const watched = events.map((l) => l.messageId ?? "");
    assert.equal(new Set(watched).size, watched.length, "every message id once");
    for (let i = 1; i < watched.length; i++) {
      assert.ok(
        isAfter(parseMessageId(watched[i]!), parseMessageId(watched[i - 1]!)),
        `ids strictly increasing: ${watched[i - 1]} then ${watched[i]}`,
      );
    }
    assert.deepEqual(
      watched,
      logged.slice(0, watched.length).map((e) => e.id),
    );

    // Before the restart: the whole life up to running, for each of the three jobs.
    assert.deepEqual(
      watched.slice(0, beforeRestart.length),
      beforeRestart.map((l) => l.messageId),
    );
    for (const kind of ["submitted", "queued", "leased", "pending", "running"]) {
      assert.equal(
        beforeRestart.filter((l) => l.event === kind).length,
        3,
        `${kind} of every job before the restart`,
      );
    }
    // After it: the watch saw the driver's pod reported lost, and ended there.
    const afterRestart = events.slice(beforeRestart.length);
    assert.deepEqual(
      afterRestart.map((l) => [l.role, l.event, l.reason]),
      [["driver", "failed", restartedReason]],
    );
    assert.equal(result.code, ExitCode.driverFailed, describeResult(result));
    assert.equal(outcome?.exitCode, ExitCode.driverFailed);
    assert.match(outcome?.reason ?? "", new RegExp(restartedReason));
    // Every pod that was running is reported lost, the executors' too.
    assert.deepEqual(
      logged.filter((e) => e.kind === "failed").map((e) => e.reason),
      [restartedReason, restartedReason, restartedReason],
    );

    await stopDev(devProcess);
  });
});
