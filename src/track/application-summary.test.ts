import assert from "node:assert/strict";
import test from "node:test";
import { applyEvents, emptyApplication } from "./application-state.js";
import { summarizeApplication, summaryTable } from "./application-summary.js";
import type { JobEvent } from "./job-event.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const base = { jobSetId: "set", queue: "q" };
const events: JobEvent[] = [
  {
    ...base,
    messageId: "1",
    jobId: "d",
    kind: "submitted",
    created: at(0),
    role: "driver",
    labels: { "spark-app-name": "pi" },
  },
  {
    ...base,
    messageId: "2",
    jobId: "e1",
    kind: "submitted",
    created: at(0),
    role: "executor",
    executorId: 1,
  },
  { ...base, messageId: "3", jobId: "d", kind: "running", created: at(2), nodeName: "n1" },
  { ...base, messageId: "4", jobId: "e1", kind: "running", created: at(3), nodeName: "n1" },
  {
    ...base,
    messageId: "5",
    jobId: "d",
    kind: "failed",
    created: at(9),
    reason: "Error",
    containers: [{ name: "driver", exitCode: 3, reason: "Error", message: "" }],
  },
];

test("the summary says the application failed with the driver's exit code, per job", () => {
  const summary = summarizeApplication(applyEvents(emptyApplication("q", "set"), events));
  assert.equal(summary.state, "failed");
  assert.equal(summary.appName, "pi");
  assert.equal(summary.exitCode, 4);
  assert.deepEqual(summary.driver, {
    role: "driver",
    jobId: "d",
    state: "failed",
    node: "n1",
    exitCode: 3,
    reason: "Error",
    submitted: at(0).toISOString(),
    started: at(2).toISOString(),
    ended: at(9).toISOString(),
  });
  assert.equal(summary.executors[0]?.state, "running");
});

test("the table lists the driver first, then executors, with aligned columns", () => {
  const table = summaryTable(summarizeApplication(applyEvents(emptyApplication("q", "set"), events)));
  const lines = table.trimEnd().split("\n");
  assert.match(lines[0]!, /^pi \(job set set, queue q\): failed - driver failed with exit code 3: Error$/);
  assert.match(lines[1]!, /^ROLE\s+JOB ID\s+STATE\s+NODE\s+EXIT\s+REASON$/);
  assert.match(lines[2]!, /^driver\s+d\s+failed\s+n1\s+3\s+Error$/);
  assert.match(lines[3]!, /^executor 1\s+e1\s+running\s+n1$/);
});
