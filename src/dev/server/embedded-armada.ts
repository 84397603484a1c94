// The embedded Armada's core: queues, the job state machine, the event log, and the bridge
// between the pure scheduler and the pod runtime. The gRPC services are thin layers over it.
// Scheduling is event-driven: a pass runs (on the next turn of the event loop) after every
// submission, pod end, cancellation or queue change, not on a fixed timer.

import { randomUUID } from "node:crypto";
import { create, toBinary, fromBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { monotonicFactory } from "ulid";
import { PodSpecSchema } from "../../armada/gen/k8s.io/api/core/v1/generated_pb.js";
import { Cause, ContainerStatusSchema } from "../../armada/gen/pkg/api/event_pb.js";
import {
  JobSchema,
  QueueSchema,
  JobState,
  type Job,
  type JobSubmitRequest,
  type Queue,
} from "../../armada/gen/pkg/api/submit_pb.js";
import type { PodHandle, PodLifecycleEvent, PodRuntime } from "../runtime/pod-runtime.js";
import type { DevConfig } from "./config.js";
import { EventLog, type EventBody } from "./event-log.js";
import { jobFromItem, schedInfoOf, type SchedInfo } from "./job-spec.js";
import { podLaunch, podName } from "./pod-launch.js";
import { schedule, type Lease, type SchedNode } from "./scheduler.js";
import type { Store } from "./store.js";
import { terminalStates, type JobRow, type JobStateName } from "./store.js";
import { defaultSubmissionRules, validateSubmitRequest, type SubmissionRules } from "./validation.js";

export const restartedReason = "pod lost: embedded Armada restarted";

interface ActiveJob {
  row: JobRow;
  readonly job: Job;
  readonly sched: SchedInfo;
  lease?: Lease;
  handle?: PodHandle;
  /** Set once a cancel or preemption has taken over the job's outcome. */
  stopping?: "cancel" | "preempt";
  /** A scheduling pass found that the job fits some empty node. */
  fitsSomeNode?: boolean;
}

export interface EmbeddedArmadaOptions {
  readonly store: Store;
  readonly config: DevConfig;
  readonly runtime: PodRuntime;
  readonly rules?: SubmissionRules;
  readonly now?: () => number;
}

export const jobStateOf: Record<JobStateName, JobState> = {
  queued: JobState.QUEUED,
  leased: JobState.LEASED,
  pending: JobState.PENDING,
  running: JobState.RUNNING,
  succeeded: JobState.SUCCEEDED,
  failed: JobState.FAILED,
  cancelled: JobState.CANCELLED,
  preempted: JobState.PREEMPTED,
  rejected: JobState.REJECTED,
};

export class EmbeddedArmada {
  readonly store: Store;
  readonly events: EventLog;
  readonly config: DevConfig;
  readonly runtime: PodRuntime;
  private readonly rules: SubmissionRules;
  private readonly now: () => number;
  private readonly nodes: SchedNode[];
  private readonly active = new Map<string, ActiveJob>();
  private readonly queues = new Map<string, Queue>();
  private readonly newId = monotonicFactory();
  private jobSeq: number;
  private passScheduled = false;
  private closed = false;
  /** Pod stops in flight (cancel/preempt), awaited on close. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(options: EmbeddedArmadaOptions) {
    this.store = options.store;
    this.config = options.config;
    this.runtime = options.runtime;
    this.rules = options.rules ?? defaultSubmissionRules;
    this.now = options.now ?? Date.now;
    this.events = new EventLog(this.store, this.now);
    this.nodes = options.config.clusters.flatMap((c) =>
      c.nodes.map((n) => ({
        cluster: c.name,
        pool: c.pool,
        name: n.name,
        labels: n.labels,
        capacity: n.resources,
      })),
    );
    this.jobSeq = this.store.maxJobSeq();
    for (const row of this.store.listQueues()) this.queues.set(row.name, fromBinary(QueueSchema, row.body));
    for (const q of options.config.queues) {
      if (!this.queues.has(q.name))
        this.putQueue(create(QueueSchema, { name: q.name, priorityFactor: q.priorityFactor }));
    }
    this.recover();
    this.requestSchedule();
  }

  // ---- queues

  getQueue(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  listQueues(): Queue[] {
    return [...this.queues.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  createQueue(q: Queue): void {
    validateQueue(q);
    if (this.queues.has(q.name)) {
      throw new ConnectError(
        `[CreateQueue] error creating queue: queue ${q.name} already exists`,
        Code.AlreadyExists,
      );
    }
    this.putQueue(q);
  }

  updateQueue(q: Queue): void {
    validateQueue(q);
    if (!this.queues.has(q.name)) {
      throw new ConnectError(
        `[UpdateQueue] error updating queue ${JSON.stringify(q.name)}: queue ${q.name} not found`,
        Code.NotFound,
      );
    }
    this.putQueue(q);
    this.requestSchedule();
  }

  deleteQueue(name: string): void {
    this.queues.delete(name);
    this.store.deleteQueue(name);
  }

  setCordoned(name: string, cordoned: boolean): void {
    const q = this.queues.get(name);
    if (!q) throw new ConnectError(`queue ${name} not found`, Code.NotFound);
    this.putQueue({ ...q, cordoned });
    this.requestSchedule();
  }

  private putQueue(q: Queue): void {
    const copy = create(QueueSchema, q);
    this.store.putQueue(copy.name, toBinary(QueueSchema, copy));
    this.queues.set(copy.name, copy);
  }

  /** Armada's queue lookup on submit: a missing queue is PERMISSION_DENIED. */
  private requireQueueForSubmit(name: string): Queue {
    const q = this.queues.get(name);
    if (!q) throw new ConnectError(`could not find queue ${JSON.stringify(name)}`, Code.PermissionDenied);
    return q;
  }

  // ---- submission

  submit(req: JobSubmitRequest, owner: string): string[] {
    this.requireQueueForSubmit(req.queue);
    const invalid = validateSubmitRequest(req, this.rules, (spec) => toBinary(PodSpecSchema, spec).length);
    if (invalid) throw new ConnectError(invalid, Code.InvalidArgument);

    // Duplicates are found against jobs stored before this request, as Armada does.
    const original = new Map<string, string>();
    for (const item of req.jobRequestItems) {
      if (!item.clientId) continue;
      const id = this.store.jobIdByClientId(req.queue, item.clientId);
      if (id) original.set(item.clientId, id);
    }
    const ids: string[] = [];
    const fresh: ActiveJob[] = [];
    const nowMs = this.now();
    this.store.transaction(() => {
      for (const item of req.jobRequestItems) {
        const existing = item.clientId ? original.get(item.clientId) : undefined;
        if (existing) {
          ids.push(existing);
          continue;
        }
        const id = this.newId(nowMs).toLowerCase();
        const job = jobFromItem(item, {
          id,
          queue: req.queue,
          jobSetId: req.jobSetId,
          owner,
          createdMs: nowMs,
        });
        const row: JobRow = {
          id,
          queue: req.queue,
          jobSetId: req.jobSetId,
          clientId: item.clientId,
          owner,
          namespace: item.namespace,
          state: "queued",
          priority: item.priority,
          seq: ++this.jobSeq,
          submittedMs: nowMs,
          lastTransitionMs: nowMs,
          spec: toBinary(JobSchema, job),
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
        this.store.insertJob(row);
        ids.push(id);
        fresh.push({ row, job, sched: schedInfoOf(job) });
      }
      for (const a of fresh) this.events.append(keyOf(a.row), { case: "submitted", value: { job: a.job } });
      for (const a of fresh) this.events.append(keyOf(a.row), { case: "queued", value: {} });
    });
    for (const a of fresh) this.active.set(a.row.id, a);
    if (fresh.length > 0) this.requestSchedule();
    return ids;
  }

  // ---- cancellation, preemption, reprioritisation

  /** Cancels the given jobs of the queue (unknown or finished ones are ignored). As in Armada,
   * the job id decides: the request's job set need not be the job's. */
  cancelJobs(
    queue: string,
    _jobSetId: string,
    jobIds: readonly string[],
    reason: string,
    requestor: string,
  ): void {
    for (const id of jobIds) {
      const a = this.active.get(id);
      if (a && a.row.queue === queue) this.cancel(a, reason, requestor);
    }
  }

  /** Cancels the set's active jobs whose state is in `states` (all when empty). */
  cancelJobSet(
    queue: string,
    jobSetId: string,
    states: readonly JobState[],
    reason: string,
    requestor: string,
  ): void {
    for (const a of [...this.active.values()]) {
      if (a.row.queue !== queue || a.row.jobSetId !== jobSetId) continue;
      if (states.length > 0 && !states.includes(filterStateOf(a.row.state))) continue;
      this.cancel(a, reason, requestor);
    }
  }

  cancelOnQueue(
    queue: string,
    states: readonly JobState[],
    priorityClasses: readonly string[],
    requestor: string,
  ): void {
    for (const a of [...this.active.values()]) {
      if (a.row.queue !== queue) continue;
      if (states.length > 0 && !states.includes(filterStateOf(a.row.state))) continue;
      if (priorityClasses.length > 0 && !priorityClasses.includes(a.job.podSpec?.priorityClassName ?? ""))
        continue;
      this.cancel(a, "", requestor);
    }
  }

  private cancel(a: ActiveJob, reason: string, requestor: string): void {
    if (a.stopping) return;
    a.stopping = "cancel";
    const nowMs = this.now();
    Object.assign(a.row, {
      cancelRequested: true,
      cancelReason: reason,
      cancelUser: requestor,
      cancelMs: nowMs,
    });
    this.store.transaction(() => {
      this.store.updateJob(a.row);
      this.events.append(keyOf(a.row), { case: "cancelling", value: { requestor, reason } });
    });
    const finish = () => {
      if (this.closed) return;
      this.finish(
        a,
        "cancelled",
        { case: "cancelled", value: { requestor, reason: "" } },
        "RUN_STATE_CANCELLED",
      );
    };
    if (!a.handle) return finish();
    this.track(a.handle.cancel().then(finish));
  }

  preemptJobs(
    queue: string,
    _jobSetId: string,
    jobIds: readonly string[],
    reason: string,
    requestor: string,
  ): void {
    for (const id of jobIds) {
      const a = this.active.get(id);
      if (a && a.row.queue === queue) this.preempt(a, reason, requestor);
    }
  }

  preemptOnQueue(queue: string, priorityClasses: readonly string[], requestor: string): void {
    for (const a of [...this.active.values()]) {
      if (a.row.queue !== queue) continue;
      if (priorityClasses.length > 0 && !priorityClasses.includes(a.job.podSpec?.priorityClassName ?? ""))
        continue;
      this.preempt(a, "", requestor);
    }
  }

  /** Only jobs holding a lease can be preempted; the rest are left alone, as Armada does. */
  private preempt(a: ActiveJob, reason: string, requestor: string): void {
    if (a.stopping || !a.lease) return;
    a.stopping = "preempt";
    this.events.append(keyOf(a.row), { case: "preempting", value: { requestor, reason } });
    const lease = a.lease;
    const runId = a.row.runId ?? "";
    const finish = () => {
      if (this.closed) return;
      this.store.transaction(() => {
        this.events.append(keyOf(a.row), {
          case: "preempted",
          value: {
            clusterId: lease.cluster,
            runId,
            reason,
            requestor,
            preemptiveRunId: "",
            preemptingJobId: "",
          },
        });
        this.finish(
          a,
          "preempted",
          { case: "failed", value: { reason: "preempted" } },
          "RUN_STATE_PREEMPTED",
        );
      });
    };
    if (!a.handle) return finish();
    this.track(a.handle.cancel().then(finish));
  }

  /** Returns the per-job results map of JobReprioritizeResponse. */
  reprioritize(
    queue: string,
    jobSetId: string,
    jobIds: readonly string[],
    priority: number,
    requestor: string,
  ): Record<string, string> {
    const results: Record<string, string> = {};
    const targets =
      jobIds.length === 0
        ? [...this.active.values()].filter((a) => a.row.queue === queue && a.row.jobSetId === jobSetId)
        : jobIds.map((id) => this.active.get(id)).filter((a): a is ActiveJob => a !== undefined);
    if (jobIds.length === 0) results[`all jobs in job set ${jobSetId}`] = "";
    for (const id of jobIds) results[id] = "";
    this.store.transaction(() => {
      for (const a of targets) {
        if (a.row.queue !== queue || a.row.jobSetId !== jobSetId) continue;
        this.events.append(keyOf(a.row), {
          case: "reprioritizing",
          value: { newPriority: priority, requestor },
        });
        a.row.priority = priority;
        this.store.updateJob(a.row);
        this.events.append(keyOf(a.row), {
          case: "reprioritized",
          value: { newPriority: priority, requestor },
        });
      }
    });
    this.requestSchedule();
    return results;
  }

  // ---- scheduling

  /** Runs one scheduling pass once the current work is done (coalesced). A microtask, not a
   * timer or setImmediate: under load the event loop's later phases can be far away, and a
   * pass over the in-memory active jobs is short. */
  requestSchedule(): void {
    if (this.passScheduled || this.closed) return;
    this.passScheduled = true;
    queueMicrotask(() => {
      this.passScheduled = false;
      if (!this.closed) this.schedulePass();
    });
  }

  private schedulePass(): void {
    const queued = [];
    const running = [];
    for (const a of this.active.values()) {
      if (a.row.state === "queued" && !a.stopping) {
        queued.push({
          id: a.row.id,
          queue: a.row.queue,
          priority: a.row.priority,
          order: a.row.seq,
          requests: a.sched.requests,
          nodeSelector: a.sched.nodeSelector,
          ...(a.sched.nodeAffinity ? { nodeAffinity: a.sched.nodeAffinity } : {}),
          ...(a.sched.gang ? { gang: a.sched.gang } : {}),
          ...(a.fitsSomeNode ? { fitsSomeNode: true } : {}),
        });
      } else if (a.lease) {
        running.push({
          id: a.row.id,
          queue: a.row.queue,
          node: a.lease.node,
          requests: a.sched.requests,
          ...(a.sched.gang ? { gangId: a.sched.gang.id } : {}),
        });
      }
    }
    if (queued.length === 0) return;
    const queues = this.listQueues().map((q) => ({
      name: q.name,
      priorityFactor: q.priorityFactor || 1,
      cordoned: q.cordoned,
    }));
    const decisions = schedule({ nodes: this.nodes, queues, queued, running });
    const rejected = new Set(decisions.rejections.map((r) => r.jobId));
    for (const q of queued) if (!rejected.has(q.id)) this.active.get(q.id)!.fitsSomeNode = true;
    if (decisions.leases.length === 0 && decisions.rejections.length === 0) return;

    const nowMs = this.now();
    const leased: ActiveJob[] = [];
    this.store.transaction(() => {
      for (const r of decisions.rejections) {
        const a = this.active.get(r.jobId)!;
        a.row.error = r.reason;
        this.finish(a, "rejected", { case: "failed", value: { reason: r.reason, cause: Cause.Rejected } });
      }
      for (const lease of decisions.leases) {
        const a = this.active.get(lease.jobId)!;
        const runId = randomUUID();
        Object.assign(a.row, {
          state: "leased",
          runId,
          cluster: lease.cluster,
          node: lease.node,
          lastTransitionMs: nowMs,
        });
        a.lease = lease;
        this.store.updateJob(a.row);
        this.store.insertRun({
          runId,
          jobId: a.row.id,
          state: "RUN_STATE_LEASED",
          cluster: lease.cluster,
          node: lease.node,
          leasedMs: nowMs,
          pendingMs: null,
          startedMs: null,
          finishedMs: null,
        });
        this.events.append(keyOf(a.row), {
          case: "leased",
          value: { clusterId: lease.cluster, pool: lease.pool },
        });
        leased.push(a);
      }
    });
    for (const a of leased) this.startPod(a);
  }

  private startPod(a: ActiveJob): void {
    const lease = a.lease!;
    const runId = a.row.runId!;
    const launch = podLaunch({
      job: a.job,
      runId,
      lease,
      ...(a.sched.gang ? { gang: a.sched.gang } : {}),
      allowCustomServiceNames: this.config.allowCustomServiceNames,
    });
    try {
      a.handle = this.runtime.start(launch, (event) => this.onPodEvent(a, runId, event));
    } catch (e) {
      this.podFailed(a, runId, {
        kind: "failed",
        reason: `failed to start pod: ${(e as Error).message}`,
        containerStatuses: [],
      });
      return;
    }
    const spec = a.job.podSpec!;
    for (const c of [...spec.initContainers, ...spec.containers]) {
      const path = this.runtime.logPath(a.row.id, c.name, 0);
      if (path) this.store.putLog(a.row.id, 0, c.name, path);
    }
  }

  private onPodEvent(a: ActiveJob, runId: string, event: PodLifecycleEvent): void {
    if (this.closed || a.stopping || a.row.runId !== runId || !this.active.has(a.row.id)) return;
    const lease = a.lease!;
    const pod = {
      clusterId: lease.cluster,
      kubernetesId: runId,
      podNumber: 0,
      podName: podName(a.row.id),
      podNamespace: a.row.namespace,
    };
    const nowMs = this.now();
    switch (event.kind) {
      case "pending":
        this.store.transaction(() => {
          this.setState(a, "pending", nowMs);
          this.updateRun(runId, { state: "RUN_STATE_PENDING", pendingMs: nowMs });
          this.events.append(keyOf(a.row), { case: "pending", value: { ...pod, pool: lease.pool } });
        });
        return;
      case "running":
        this.store.transaction(() => {
          this.setState(a, "running", nowMs);
          this.updateRun(runId, { state: "RUN_STATE_RUNNING", startedMs: nowMs });
          this.events.append(keyOf(a.row), {
            case: "running",
            value: { ...pod, nodeName: lease.node, pool: lease.pool },
          });
        });
        return;
      case "succeeded":
        this.finish(
          a,
          "succeeded",
          { case: "succeeded", value: { ...pod, nodeName: lease.node } },
          "RUN_STATE_SUCCEEDED",
        );
        return;
      case "failed":
        this.podFailed(a, runId, event);
        return;
    }
  }

  private podFailed(
    a: ActiveJob,
    runId: string,
    event: Extract<PodLifecycleEvent, { kind: "failed" }>,
  ): void {
    const lease = a.lease!;
    a.row.error = event.reason;
    this.finish(
      a,
      "failed",
      {
        case: "failed",
        value: {
          clusterId: lease.cluster,
          reason: event.reason,
          kubernetesId: runId,
          nodeName: lease.node,
          podNumber: 0,
          podName: podName(a.row.id),
          podNamespace: a.row.namespace,
          containerStatuses: event.containerStatuses.map((s) =>
            create(ContainerStatusSchema, {
              name: s.name,
              exitCode: s.exitCode,
              message: s.message,
              reason: s.reason,
              cause: Cause.Error,
            }),
          ),
          cause: Cause.Error,
        },
      },
      "RUN_STATE_FAILED",
    );
  }

  /** Records a terminal state with its event, releases the job's resources, reschedules. */
  private finish(a: ActiveJob, state: JobStateName, body: EventBody, runState?: string): void {
    if (!this.active.has(a.row.id)) return;
    const nowMs = this.now();
    this.store.transaction(() => {
      this.setState(a, state, nowMs);
      if (runState && a.row.runId) this.updateRun(a.row.runId, { state: runState, finishedMs: nowMs });
      this.events.append(keyOf(a.row), body);
    });
    this.active.delete(a.row.id);
    this.requestSchedule();
  }

  private setState(a: ActiveJob, state: JobStateName, nowMs: number): void {
    a.row.state = state;
    a.row.lastTransitionMs = nowMs;
    this.store.updateJob(a.row);
  }

  private updateRun(
    runId: string,
    patch: Partial<{ state: string; pendingMs: number; startedMs: number; finishedMs: number }>,
  ): void {
    const run = this.store.getRun(runId);
    if (run) this.store.updateRun({ ...run, ...patch });
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch(() => undefined).finally(() => this.stopping.delete(tracked));
    this.stopping.add(tracked);
  }

  /** After a restart, jobs that held a lease have lost their pods: report them failed (or
   * cancelled when a cancel was pending); queued jobs stay queued. */
  private recover(): void {
    for (const row of this.store.activeJobs()) {
      const job = fromBinary(JobSchema, row.spec);
      const a: ActiveJob = { row, job, sched: schedInfoOf(job) };
      this.active.set(row.id, a);
      if (row.state === "queued" && !row.cancelRequested) continue;
      if (row.cancelRequested) {
        this.finish(
          a,
          "cancelled",
          { case: "cancelled", value: { requestor: row.cancelUser ?? "", reason: "" } },
          "RUN_STATE_CANCELLED",
        );
        continue;
      }
      row.error = restartedReason;
      this.finish(
        a,
        "failed",
        {
          case: "failed",
          value: {
            clusterId: row.cluster ?? "",
            reason: restartedReason,
            kubernetesId: row.runId ?? "",
            nodeName: row.node ?? "",
            podNumber: 0,
            podName: podName(row.id),
            podNamespace: row.namespace,
            cause: Cause.Error,
          },
        },
        "RUN_STATE_FAILED",
      );
    }
  }

  // ---- queries

  jobRow(id: string): JobRow | undefined {
    const a = this.active.get(id);
    return a ? a.row : this.store.getJob(id);
  }

  isTerminal(state: JobStateName): boolean {
    return terminalStates.has(state);
  }

  activeQueuesByPool(): Map<string, Set<string>> {
    const byPool = new Map<string, Set<string>>();
    const pools = [...new Set(this.nodes.map((n) => n.pool))];
    for (const a of this.active.values()) {
      for (const pool of a.lease ? [a.lease.pool] : pools) {
        const set = byPool.get(pool) ?? new Set<string>();
        set.add(a.row.queue);
        byPool.set(pool, set);
      }
    }
    return byPool;
  }

  /** Stops every pod and closes the store. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.runtime.shutdown();
    await Promise.all([...this.stopping]);
    this.store.close();
  }
}

function keyOf(row: JobRow) {
  return { jobId: row.id, jobSetId: row.jobSetId, queue: row.queue };
}

/** Job set filters speak QUEUED / PENDING / RUNNING (leased counts as pending). */
function filterStateOf(state: JobStateName): JobState {
  if (state === "queued") return JobState.QUEUED;
  if (state === "running") return JobState.RUNNING;
  return JobState.PENDING;
}

function validateQueue(q: Queue): void {
  if (!q.name)
    throw new ConnectError(
      "[CreateQueue] error validating queue: queue name cannot be empty",
      Code.InvalidArgument,
    );
  if (q.priorityFactor < 1) {
    throw new ConnectError(
      `[CreateQueue] error validating queue: queue priority factor must be greater than or equal to 1 but is ${q.priorityFactor}`,
      Code.InvalidArgument,
    );
  }
}
