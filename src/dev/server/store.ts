// Persistent state of the embedded Armada in SQLite (WAL): queues, jobs, runs, the event log
// and log-file locations. Messages are stored as protobuf bytes; this module does not know
// their schemas. Synchronous (better-sqlite3): every call is a short local transaction.

import Database from "better-sqlite3";

export type JobStateName =
  | "queued"
  | "leased"
  | "pending"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelled"
  | "preempted"
  | "rejected";

export const terminalStates: ReadonlySet<JobStateName> = new Set([
  "succeeded",
  "failed",
  "cancelled",
  "preempted",
  "rejected",
]);

export interface JobRow {
  readonly id: string;
  readonly queue: string;
  readonly jobSetId: string;
  readonly clientId: string;
  readonly owner: string;
  readonly namespace: string;
  state: JobStateName;
  priority: number;
  /** Submission order, for the scheduler. */
  readonly seq: number;
  readonly submittedMs: number;
  lastTransitionMs: number;
  /** api.Job, binary. */
  readonly spec: Uint8Array;
  /** Scheduler inputs as JSON (requests, node selector, gang). */
  readonly sched: string;
  runId: string | null;
  cluster: string | null;
  node: string | null;
  cancelRequested: boolean;
  cancelReason: string | null;
  cancelUser: string | null;
  cancelMs: number | null;
  error: string | null;
}

export interface RunRow {
  readonly runId: string;
  readonly jobId: string;
  state: string;
  readonly cluster: string;
  readonly node: string;
  readonly leasedMs: number;
  pendingMs: number | null;
  startedMs: number | null;
  finishedMs: number | null;
}

export interface EventRow {
  readonly seq: number;
  readonly ms: number;
  readonly queue: string;
  readonly jobSetId: string;
  readonly jobId: string;
  readonly body: Uint8Array;
}

export interface QueueRow {
  readonly name: string;
  /** api.Queue, binary. */
  readonly body: Uint8Array;
}

const schema = `
CREATE TABLE IF NOT EXISTS queues (name TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY, queue TEXT NOT NULL, job_set_id TEXT NOT NULL, client_id TEXT NOT NULL,
  owner TEXT NOT NULL, namespace TEXT NOT NULL, state TEXT NOT NULL, priority REAL NOT NULL,
  seq INTEGER NOT NULL, submitted_ms INTEGER NOT NULL, last_transition_ms INTEGER NOT NULL,
  spec BLOB NOT NULL, sched TEXT NOT NULL, run_id TEXT, cluster TEXT, node TEXT,
  cancel_requested INTEGER NOT NULL DEFAULT 0, cancel_reason TEXT, cancel_user TEXT, cancel_ms INTEGER,
  error TEXT
);
CREATE INDEX IF NOT EXISTS jobs_by_client_id ON jobs (queue, client_id);
CREATE INDEX IF NOT EXISTS jobs_by_set ON jobs (queue, job_set_id);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state);
CREATE TABLE IF NOT EXISTS runs (
  run_id TEXT PRIMARY KEY, job_id TEXT NOT NULL, state TEXT NOT NULL, cluster TEXT NOT NULL,
  node TEXT NOT NULL, leased_ms INTEGER NOT NULL, pending_ms INTEGER, started_ms INTEGER, finished_ms INTEGER
);
CREATE INDEX IF NOT EXISTS runs_by_job ON runs (job_id);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, ms INTEGER NOT NULL, queue TEXT NOT NULL,
  job_set_id TEXT NOT NULL, job_id TEXT NOT NULL, body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_set ON events (queue, job_set_id, seq);
CREATE TABLE IF NOT EXISTS logs (
  job_id TEXT NOT NULL, pod_number INTEGER NOT NULL, container TEXT NOT NULL, path TEXT NOT NULL,
  PRIMARY KEY (job_id, pod_number, container)
);
`;

interface RawJob {
  id: string;
  queue: string;
  job_set_id: string;
  client_id: string;
  owner: string;
  namespace: string;
  state: JobStateName;
  priority: number;
  seq: number;
  submitted_ms: number;
  last_transition_ms: number;
  spec: Buffer;
  sched: string;
  run_id: string | null;
  cluster: string | null;
  node: string | null;
  cancel_requested: number;
  cancel_reason: string | null;
  cancel_user: string | null;
  cancel_ms: number | null;
  error: string | null;
}

function toJob(r: RawJob): JobRow {
  return {
    id: r.id,
    queue: r.queue,
    jobSetId: r.job_set_id,
    clientId: r.client_id,
    owner: r.owner,
    namespace: r.namespace,
    state: r.state,
    priority: r.priority,
    seq: r.seq,
    submittedMs: r.submitted_ms,
    lastTransitionMs: r.last_transition_ms,
    spec: new Uint8Array(r.spec),
    sched: r.sched,
    runId: r.run_id,
    cluster: r.cluster,
    node: r.node,
    cancelRequested: r.cancel_requested !== 0,
    cancelReason: r.cancel_reason,
    cancelUser: r.cancel_user,
    cancelMs: r.cancel_ms,
    error: r.error,
  };
}

function jobParams(j: JobRow): Record<string, unknown> {
  return {
    id: j.id,
    queue: j.queue,
    job_set_id: j.jobSetId,
    client_id: j.clientId,
    owner: j.owner,
    namespace: j.namespace,
    state: j.state,
    priority: j.priority,
    seq: j.seq,
    submitted_ms: j.submittedMs,
    last_transition_ms: j.lastTransitionMs,
    spec: Buffer.from(j.spec),
    sched: j.sched,
    run_id: j.runId,
    cluster: j.cluster,
    node: j.node,
    cancel_requested: j.cancelRequested ? 1 : 0,
    cancel_reason: j.cancelReason,
    cancel_user: j.cancelUser,
    cancel_ms: j.cancelMs,
    error: j.error,
  };
}

export class Store {
  private readonly db: Database.Database;
  private readonly stmts;

  /** `path` ":memory:" gives an ephemeral store. */
  constructor(path: string) {
    this.db = new Database(path);
    if (path !== ":memory:") this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(schema);
    const db = this.db;
    this.stmts = {
      getQueue: db.prepare<[string], { name: string; body: Buffer }>(
        "SELECT name, body FROM queues WHERE name = ?",
      ),
      listQueues: db.prepare<[], { name: string; body: Buffer }>(
        "SELECT name, body FROM queues ORDER BY name",
      ),
      putQueue: db.prepare(
        "INSERT INTO queues (name, body) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET body = excluded.body",
      ),
      deleteQueue: db.prepare("DELETE FROM queues WHERE name = ?"),
      insertJob: db.prepare(
        `INSERT INTO jobs VALUES (@id, @queue, @job_set_id, @client_id, @owner, @namespace, @state, @priority, @seq,
          @submitted_ms, @last_transition_ms, @spec, @sched, @run_id, @cluster, @node, @cancel_requested,
          @cancel_reason, @cancel_user, @cancel_ms, @error)`,
      ),
      updateJob: db.prepare(
        `UPDATE jobs SET state = @state, priority = @priority, last_transition_ms = @last_transition_ms,
          run_id = @run_id, cluster = @cluster, node = @node, cancel_requested = @cancel_requested,
          cancel_reason = @cancel_reason, cancel_user = @cancel_user, cancel_ms = @cancel_ms, error = @error
         WHERE id = @id`,
      ),
      getJob: db.prepare<[string], RawJob>("SELECT * FROM jobs WHERE id = ?"),
      byClientId: db.prepare<[string, string], { id: string }>(
        "SELECT id FROM jobs WHERE queue = ? AND client_id = ? ORDER BY seq LIMIT 1",
      ),
      activeJobs: db.prepare<[], RawJob>(
        "SELECT * FROM jobs WHERE state IN ('queued','leased','pending','running') ORDER BY seq",
      ),
      jobsInSet: db.prepare<[string, string], RawJob>(
        "SELECT * FROM jobs WHERE queue = ? AND job_set_id = ? ORDER BY seq",
      ),
      listJobIds: db.prepare<[], { id: string }>("SELECT id FROM jobs ORDER BY seq"),
      maxJobSeq: db.prepare<[], { s: number | null }>("SELECT MAX(seq) AS s FROM jobs"),
      insertRun: db.prepare(
        `INSERT INTO runs VALUES (@run_id, @job_id, @state, @cluster, @node, @leased_ms, @pending_ms, @started_ms, @finished_ms)`,
      ),
      updateRun: db.prepare(
        "UPDATE runs SET state = @state, pending_ms = @pending_ms, started_ms = @started_ms, finished_ms = @finished_ms WHERE run_id = @run_id",
      ),
      runsOfJob: db.prepare<[string], Record<string, unknown>>(
        "SELECT * FROM runs WHERE job_id = ? ORDER BY leased_ms",
      ),
      getRun: db.prepare<[string], Record<string, unknown>>("SELECT * FROM runs WHERE run_id = ?"),
      appendEvent: db.prepare(
        "INSERT INTO events (ms, queue, job_set_id, job_id, body) VALUES (?, ?, ?, ?, ?)",
      ),
      readEvents: db.prepare<[string, string, number, number, number, number], RawEvent>(
        `SELECT * FROM events WHERE queue = ? AND job_set_id = ? AND (ms > ? OR (ms = ? AND seq > ?))
         ORDER BY seq LIMIT ?`,
      ),
      lastEventOfSet: db.prepare<[string, string], RawEvent>(
        "SELECT * FROM events WHERE queue = ? AND job_set_id = ? ORDER BY seq DESC LIMIT 1",
      ),
      lastEvent: db.prepare<[], RawEvent>("SELECT * FROM events ORDER BY seq DESC LIMIT 1"),
      eventsOfJob: db.prepare<[string], RawEvent>("SELECT * FROM events WHERE job_id = ? ORDER BY seq"),
      putLog: db.prepare("INSERT OR REPLACE INTO logs VALUES (?, ?, ?, ?)"),
      getLog: db.prepare<[string, number, string], { path: string }>(
        "SELECT path FROM logs WHERE job_id = ? AND pod_number = ? AND container = ?",
      ),
      logsOfPod: db.prepare<[string, number], { container: string; path: string }>(
        "SELECT container, path FROM logs WHERE job_id = ? AND pod_number = ?",
      ),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    this.db.close();
  }

  // Queues

  getQueue(name: string): QueueRow | undefined {
    const r = this.stmts.getQueue.get(name);
    return r && { name: r.name, body: new Uint8Array(r.body) };
  }

  listQueues(): QueueRow[] {
    return this.stmts.listQueues.all().map((r) => ({ name: r.name, body: new Uint8Array(r.body) }));
  }

  putQueue(name: string, body: Uint8Array): void {
    this.stmts.putQueue.run(name, Buffer.from(body));
  }

  deleteQueue(name: string): void {
    this.stmts.deleteQueue.run(name);
  }

  // Jobs

  insertJob(job: JobRow): void {
    this.stmts.insertJob.run(jobParams(job));
  }

  updateJob(job: JobRow): void {
    this.stmts.updateJob.run(jobParams(job));
  }

  getJob(id: string): JobRow | undefined {
    const r = this.stmts.getJob.get(id);
    return r && toJob(r);
  }

  jobIdByClientId(queue: string, clientId: string): string | undefined {
    return this.stmts.byClientId.get(queue, clientId)?.id;
  }

  activeJobs(): JobRow[] {
    return this.stmts.activeJobs.all().map(toJob);
  }

  jobsInSet(queue: string, jobSetId: string): JobRow[] {
    return this.stmts.jobsInSet.all(queue, jobSetId).map(toJob);
  }

  /** Every job id, in submission order. */
  listJobIds(): string[] {
    return this.stmts.listJobIds.all().map((r) => r.id);
  }

  maxJobSeq(): number {
    return this.stmts.maxJobSeq.get()?.s ?? 0;
  }

  // Runs

  insertRun(run: RunRow): void {
    this.stmts.insertRun.run(runParams(run));
  }

  updateRun(run: RunRow): void {
    this.stmts.updateRun.run(runParams(run));
  }

  runsOfJob(jobId: string): RunRow[] {
    return this.stmts.runsOfJob.all(jobId).map(toRun);
  }

  getRun(runId: string): RunRow | undefined {
    const r = this.stmts.getRun.get(runId);
    return r && toRun(r);
  }

  // Events

  appendEvent(e: Omit<EventRow, "seq">): number {
    const info = this.stmts.appendEvent.run(e.ms, e.queue, e.jobSetId, e.jobId, Buffer.from(e.body));
    return Number(info.lastInsertRowid);
  }

  /** Events of a job set strictly after (ms, seq), oldest first. */
  readEvents(queue: string, jobSetId: string, after: { ms: number; seq: number }, limit: number): EventRow[] {
    return this.stmts.readEvents.all(queue, jobSetId, after.ms, after.ms, after.seq, limit).map(toEvent);
  }

  lastEventOfSet(queue: string, jobSetId: string): EventRow | undefined {
    const r = this.stmts.lastEventOfSet.get(queue, jobSetId);
    return r && toEvent(r);
  }

  lastEvent(): EventRow | undefined {
    const r = this.stmts.lastEvent.get();
    return r && toEvent(r);
  }

  eventsOfJob(jobId: string): EventRow[] {
    return this.stmts.eventsOfJob.all(jobId).map(toEvent);
  }

  // Log files

  putLog(jobId: string, podNumber: number, container: string, path: string): void {
    this.stmts.putLog.run(jobId, podNumber, container, path);
  }

  getLog(jobId: string, podNumber: number, container: string): string | undefined {
    return this.stmts.getLog.get(jobId, podNumber, container)?.path;
  }

  logsOfPod(jobId: string, podNumber: number): Array<{ container: string; path: string }> {
    return this.stmts.logsOfPod.all(jobId, podNumber);
  }
}

interface RawEvent {
  seq: number;
  ms: number;
  queue: string;
  job_set_id: string;
  job_id: string;
  body: Buffer;
}

function toEvent(r: RawEvent): EventRow {
  return {
    seq: r.seq,
    ms: r.ms,
    queue: r.queue,
    jobSetId: r.job_set_id,
    jobId: r.job_id,
    body: new Uint8Array(r.body),
  };
}

function runParams(r: RunRow): Record<string, unknown> {
  return {
    run_id: r.runId,
    job_id: r.jobId,
    state: r.state,
    cluster: r.cluster,
    node: r.node,
    leased_ms: r.leasedMs,
    pending_ms: r.pendingMs,
    started_ms: r.startedMs,
    finished_ms: r.finishedMs,
  };
}

function toRun(r: Record<string, unknown>): RunRow {
  return {
    runId: r["run_id"] as string,
    jobId: r["job_id"] as string,
    state: r["state"] as string,
    cluster: r["cluster"] as string,
    node: r["node"] as string,
    leasedMs: r["leased_ms"] as number,
    pendingMs: (r["pending_ms"] as number | null) ?? null,
    startedMs: (r["started_ms"] as number | null) ?? null,
    finishedMs: (r["finished_ms"] as number | null) ?? null,
  };
}
