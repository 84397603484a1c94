import assert from "node:assert/strict";
import test from "node:test";
import { ExitCode } from "../exit-codes.js";
import {
  applyEvents,
  driverOf,
  emptyApplication,
  executorsOf,
  withKnownRoles,
  type ApplicationState,
} from "./application-state.js";
import { followApplication } from "./follow.js";
import type { JobEvent, JobEventKind } from "./job-event.js";
import { applicationOutcome, explainDriverFailure } from "./outcome.js";
import { eventLine, formatElapsed, progressLine } from "./progress.js";

let seq = 0;
function ev(jobId: string, kind: JobEventKind, extra: Partial<JobEvent> = {}): JobEvent {
  seq += 1;
  return {
    messageId: `1700000000000:${seq}:0:1`,
    jobId,
    jobSetId: "set",
    queue: "q",
    kind,
    created: new Date(1_700_000_000_000 + seq * 1000),
    ...extra,
  };
}

function submittedApp(executors: number): JobEvent[] {
  const events = [ev("drv", "submitted", { role: "driver" })];
  for (let i = 1; i <= executors; i++)
    events.push(ev(`ex${i}`, "submitted", { role: "executor", executorId: i }));
  return events;
}

function run(jobIds: string[]): JobEvent[] {
  return jobIds.flatMap((id) => [
    ev(id, "queued"),
    ev(id, "leased", { clusterId: "dev" }),
    ev(id, "pending"),
    ev(id, "running", { nodeName: "node-1" }),
  ]);
}

const start = emptyApplication("q", "set");

test("roles come from the submitted jobs' labels and executors sort by id", () => {
  const s = applyEvents(start, [...submittedApp(2)].reverse());
  assert.equal(driverOf(s)?.jobId, "drv");
  assert.deepEqual(
    executorsOf(s).map((e) => e.jobId),
    ["ex1", "ex2"],
  );
});

test("known ids give roles to jobs whose events carry no labels", () => {
  const s = withKnownRoles(applyEvents(start, [ev("a", "queued"), ev("b", "queued")]), "a", ["b"]);
  assert.equal(driverOf(s)?.jobId, "a");
  assert.equal(executorsOf(s)[0]?.executorId, 1);
});

test("no outcome while the driver runs; success when the driver succeeds", () => {
  let s = applyEvents(start, [...submittedApp(2), ...run(["drv", "ex1", "ex2"])]);
  assert.equal(applicationOutcome(s), undefined);
  assert.equal(driverOf(s)?.nodeName, "node-1");
  s = applyEvents(s, [ev("drv", "succeeded")]);
  assert.deepEqual(applicationOutcome(s), { exitCode: ExitCode.ok, reason: "application succeeded" });
});

test("a failed driver gives its exit code and reason", () => {
  const s = applyEvents(start, [
    ...submittedApp(1),
    ...run(["drv"]),
    ev("drv", "failed", {
      reason: "Error\nmore",
      cause: "Error",
      containers: [{ name: "driver", exitCode: 13, reason: "Error", message: "boom" }],
    }),
  ]);
  const outcome = applicationOutcome(s);
  assert.equal(outcome?.exitCode, ExitCode.driverFailed);
  assert.match(outcome?.reason ?? "", /exit code 13: Error$/);
});

test("a failed executor does not end the application (Spark reschedules its tasks)", () => {
  const s = applyEvents(start, [
    ...submittedApp(2),
    ...run(["drv", "ex1", "ex2"]),
    ev("ex1", "failed", { containers: [{ name: "executor", exitCode: 137, reason: "Error", message: "" }] }),
  ]);
  assert.equal(applicationOutcome(s), undefined);
  assert.equal(executorsOf(s)[0]?.phase, "failed");
});

test("preemption, cancellation, rejection and the executor tracker have their own exit codes", () => {
  const preempted = applyEvents(start, [
    ...submittedApp(0),
    ev("drv", "preempted", { reason: "preempted by higher priority" }),
    ev("drv", "failed", { reason: "preempted" }),
  ]);
  assert.equal(applicationOutcome(preempted)?.exitCode, ExitCode.preempted);

  const cancelled = applyEvents(start, [...submittedApp(0), ev("drv", "cancelling"), ev("drv", "cancelled")]);
  assert.equal(applicationOutcome(cancelled)?.exitCode, ExitCode.cancelled);

  const rejected = applyEvents(start, [
    ...submittedApp(1),
    ev("ex1", "failed", { cause: "Rejected", reason: "gang does not fit" }),
  ]);
  assert.equal(applicationOutcome(rejected)?.exitCode, ExitCode.rejected);

  const tracker = applyEvents(start, [
    ...submittedApp(0),
    ev("drv", "failed", {
      containers: [
        {
          name: "driver",
          exitCode: 1,
          reason: "Error",
          message: "only 1 of 2 executors registered within 5s",
        },
      ],
    }),
  ]);
  assert.equal(applicationOutcome(tracker)?.exitCode, ExitCode.executorsNotRegistered);
});

test("an ended job is not revived by a late event, and a returned lease queues the job again", () => {
  const s = applyEvents(start, [
    ...submittedApp(1),
    ev("ex1", "leased"),
    ev("ex1", "leaseReturned", { reason: "node lost" }),
    ev("drv", "failed"),
    ev("drv", "cancelled"),
  ]);
  assert.equal(executorsOf(s)[0]?.phase, "queued");
  assert.equal(driverOf(s)?.phase, "failed");
});

test("progress line and event lines say what a person needs", () => {
  const s = applyEvents(start, [...submittedApp(2), ...run(["drv", "ex1"])]);
  assert.equal(progressLine(s, 2, 75_000), "driver running on node-1 | executors 1/2 running | 01:15");
  assert.equal(formatElapsed(3_725_000), "1:02:05");
  const failed = ev("ex2", "failed", {
    reason: "OOMKilled",
    containers: [{ name: "executor", exitCode: 137, reason: "OOMKilled", message: "" }],
  });
  const after = applyEvents(s, [failed]);
  assert.equal(eventLine(after, failed), "executor 2 (ex2) failed (exit code 137): OOMKilled");
});

async function* stream(events: JobEvent[], thenHang = false): AsyncGenerator<JobEvent> {
  for (const e of events) yield e;
  if (thenHang) await new Promise(() => {});
}

test("follow stops at the outcome and reports every event folded in", async () => {
  const seen: string[] = [];
  const events = [...submittedApp(1), ...run(["drv", "ex1"]), ev("drv", "succeeded"), ev("ex1", "succeeded")];
  const result = await followApplication(stream(events), start, {
    onEvent: (_s: ApplicationState, e) => seen.push(e.kind),
  });
  assert.equal(result.outcome.exitCode, ExitCode.ok);
  // The executor's later `succeeded` is not waited for.
  assert.equal(seen.length, events.length - 1);
});

test("follow gives up after the watch timeout and says the application keeps running", async () => {
  const result = await followApplication(stream(submittedApp(1), true), start, { watchTimeoutMs: 20 });
  assert.equal(result.outcome.exitCode, ExitCode.watchTimeout);
  assert.match(result.outcome.reason, /keeps running/);
});

test("follow reports a stream that ends early", async () => {
  const result = await followApplication(stream(submittedApp(1)), start);
  assert.equal(result.outcome.exitCode, ExitCode.unavailable);
});

test("a driver log naming the executor tracker timeout turns a driver failure into its own exit code", () => {
  const failed = { exitCode: ExitCode.driverFailed, reason: "driver failed with exit code 1" } as const;
  const log = [
    "26/11/26 INFO SparkContext: Running Spark",
    "Exception in thread main org.apache.spark.SparkException: Armada: only 1 of 2 expected executors registered within spark.armada.executor.trackerTimeout=5000ms",
    "26/11/26 INFO ShutdownHookManager: Shutdown hook called",
  ];
  const explained = explainDriverFailure(failed, log);
  assert.equal(explained.outcome.exitCode, ExitCode.executorsNotRegistered);
  assert.match(explained.outcome.reason, /^Armada: only 1 of 2 expected executors registered within/);
  assert.deepEqual(explained.logTail, []);
});

test("any other driver failure keeps its exit code and shows the log's last lines", () => {
  const failed = { exitCode: ExitCode.driverFailed, reason: "driver failed with exit code 1" } as const;
  const log = Array.from({ length: 30 }, (_, i) => `line ${i}`);
  const explained = explainDriverFailure(failed, log, 5);
  assert.equal(explained.outcome, failed);
  assert.deepEqual(explained.logTail, ["line 25", "line 26", "line 27", "line 28", "line 29"]);
  const ok = { exitCode: ExitCode.ok, reason: "application succeeded" } as const;
  assert.deepEqual(explainDriverFailure(ok, log).logTail, []);
});
