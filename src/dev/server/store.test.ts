import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { Store, type JobRow } from "./store.js";

function row(id: string, seq: number): JobRow {
  return {
    id,
    queue: "q",
    jobSetId: "s",
    clientId: `c-${id}`,
    owner: "anonymous",
    namespace: "default",
    state: "queued",
    priority: 0,
    seq,
    submittedMs: 1,
    lastTransitionMs: 1,
    spec: new Uint8Array([1, 2, 3]),
    sched: "",
    runId: null,
    cluster: null,
    node: null,
    cancelRequested: false,
    cancelReason: null,
    cancelUser: null,
    cancelMs: null,
    error: null,
  };
}

test("queues, jobs, runs, events and log locations survive closing and reopening the database", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "store-test-"));
  try {
    const file = path.join(dir, "armada.db");
    const a = new Store(file);
    a.putQueue("q", new Uint8Array([9]));
    a.insertJob(row("j1", 1));
    const j1 = { ...row("j1", 1), state: "running" as const, runId: "r1", cluster: "dev", node: "n" };
    a.updateJob(j1);
    a.insertRun({
      runId: "r1",
      jobId: "j1",
      state: "RUN_STATE_RUNNING",
      cluster: "dev",
      node: "n",
      leasedMs: 5,
      pendingMs: 6,
      startedMs: 7,
      finishedMs: null,
    });
    const seq = a.appendEvent({ ms: 100, queue: "q", jobSetId: "s", jobId: "j1", body: new Uint8Array([4]) });
    a.putLog("j1", 0, "main", "/tmp/x.log");
    a.close();

    const b = new Store(file);
    assert.deepEqual([...b.getQueue("q")!.body], [9]);
    const job = b.getJob("j1")!;
    assert.equal(job.state, "running");
    assert.equal(job.runId, "r1");
    assert.deepEqual([...job.spec], [1, 2, 3]);
    assert.deepEqual(
      b.activeJobs().map((j) => j.id),
      ["j1"],
    );
    assert.equal(b.jobIdByClientId("q", "c-j1"), "j1");
    assert.equal(b.runsOfJob("j1")[0]!.startedMs, 7);
    assert.equal(b.getLog("j1", 0, "main"), "/tmp/x.log");
    assert.equal(b.lastEvent()!.seq, seq);
    // Event numbers keep increasing after a reopen.
    const next = b.appendEvent({
      ms: 100,
      queue: "q",
      jobSetId: "s",
      jobId: "j1",
      body: new Uint8Array([5]),
    });
    assert.ok(next > seq);
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("events are read strictly after a (ms, seq) position, per job set", () => {
  const s = new Store(":memory:");
  for (const [ms, set] of [
    [10, "a"],
    [10, "b"],
    [11, "a"],
    [12, "a"],
  ] as const) {
    s.appendEvent({ ms, queue: "q", jobSetId: set, jobId: "j", body: new Uint8Array() });
  }
  assert.deepEqual(
    s.readEvents("q", "a", { ms: 0, seq: 0 }, 10).map((e) => e.seq),
    [1, 3, 4],
  );
  assert.deepEqual(
    s.readEvents("q", "a", { ms: 11, seq: 3 }, 10).map((e) => e.seq),
    [4],
  );
  assert.deepEqual(
    s.readEvents("q", "a", { ms: 10, seq: 1 }, 1).map((e) => e.seq),
    [3],
  );
  s.close();
});
