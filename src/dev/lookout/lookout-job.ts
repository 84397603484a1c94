// A job record of the embedded Armada in Lookout's Job shape.

import type { JobRecord, RunRecord } from "./data-source.js";
import type { Job, Run } from "./lookout-types.js";

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function lookoutRun(run: RunRecord): Run {
  return defined({
    runId: run.runId,
    cluster: run.cluster,
    node: run.node,
    pool: run.pool,
    jobRunState: run.state,
    leased: iso(run.leasedMs),
    pending: iso(run.pendingMs),
    started: iso(run.startedMs),
    finished: iso(run.finishedMs),
    exitCode: run.exitCode,
  });
}

/** Seconds the latest run has been running (until it finished, else until `nowMs`). */
function runtimeSeconds(run: RunRecord | undefined, nowMs: number): number {
  if (run?.startedMs === undefined) return 0;
  return Math.max(0, Math.round(((run.finishedMs ?? nowMs) - run.startedMs) / 1000));
}

export function lookoutJob(job: JobRecord, nowMs: number): Job {
  const last = job.runs.at(-1);
  return defined({
    jobId: job.jobId,
    queue: job.queue,
    owner: job.owner,
    namespace: job.namespace,
    jobSet: job.jobSet,
    cpu: job.resources.cpuMillis,
    memory: job.resources.memoryBytes,
    ephemeralStorage: job.resources.ephemeralStorageBytes,
    gpu: job.resources.gpu,
    priority: job.priority,
    priorityClass: job.priorityClass,
    submitted: iso(job.submittedMs)!,
    cancelled: iso(job.cancelledMs),
    cancelReason: job.cancelReason,
    cancelUser: job.cancelUser,
    state: job.state,
    lastTransitionTime: iso(job.lastTransitionMs)!,
    lastActiveRunId: last?.runId,
    duplicate: false,
    annotations: { ...job.annotations },
    runs: job.runs.map(lookoutRun),
    cluster: last?.cluster ?? "",
    node: last?.node,
    pool: last?.pool,
    exitCode: job.exitCode,
    runtimeSeconds: runtimeSeconds(last, nowMs),
  });
}
