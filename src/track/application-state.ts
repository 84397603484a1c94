// A Spark application on Armada is one job set: a driver job and N executor jobs. This folds the
// job set's events into the application's state. Pure: the same events give the same state.
import type { ContainerExit, JobEvent, SparkRole } from "./job-event.js";

export type JobPhase =
  | "submitted"
  | "queued"
  | "leased"
  | "pending"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelling"
  | "cancelled";

export interface JobView {
  jobId: string;
  role?: SparkRole;
  executorId?: number;
  phase: JobPhase;
  clusterId?: string;
  nodeName?: string;
  /** Set once the scheduler (or a user) preempted the job; its `failed` follows. */
  preempted: boolean;
  reason?: string;
  cause?: string;
  containers?: ContainerExit[];
  submittedAt?: Date;
  startedAt?: Date;
  endedAt?: Date;
  labels?: Readonly<Record<string, string>>;
  namespace?: string;
}

export interface ApplicationState {
  queue: string;
  jobSetId: string;
  jobs: ReadonlyMap<string, JobView>;
  /** Resume token: the id of the last message folded in. */
  lastMessageId?: string;
}

export function emptyApplication(queue: string, jobSetId: string): ApplicationState {
  return { queue, jobSetId, jobs: new Map() };
}

const endedPhases: ReadonlySet<JobPhase> = new Set(["succeeded", "failed", "cancelled"]);

export function isEnded(job: JobView): boolean {
  return endedPhases.has(job.phase);
}

function nextPhase(job: JobView, event: JobEvent): JobPhase {
  switch (event.kind) {
    case "submitted":
    case "queued":
    case "leased":
    case "pending":
    case "running":
    case "succeeded":
    case "failed":
    case "cancelling":
    case "cancelled":
      return event.kind;
    case "leaseReturned":
    case "leaseExpired":
      // The run is gone and Armada queues the job again.
      return "queued";
    default:
      return job.phase;
  }
}

export function applyEvent(state: ApplicationState, event: JobEvent): ApplicationState {
  const previous: JobView = state.jobs.get(event.jobId) ?? {
    jobId: event.jobId,
    phase: "submitted",
    preempted: false,
  };
  // An ended job stays ended: a late event (e.g. `cancelled` after `failed`) must not revive it.
  const phase = isEnded(previous) ? previous.phase : nextPhase(previous, event);
  const job: JobView = { ...previous, phase };
  if (event.kind === "submitted") {
    job.role = event.role ?? job.role;
    job.executorId = event.executorId ?? job.executorId;
    job.labels = event.labels ?? job.labels;
    job.namespace = event.namespace ?? job.namespace;
    job.submittedAt = event.created;
  }
  if (event.clusterId) job.clusterId = event.clusterId;
  if (event.nodeName) job.nodeName = event.nodeName;
  if (event.kind === "running") job.startedAt = event.created;
  if (event.kind === "preempted") job.preempted = true;
  if (event.kind === "failed" || event.kind === "preempted" || event.kind === "cancelling") {
    job.reason = event.reason || job.reason;
  }
  if (event.kind === "failed") {
    job.cause = event.cause;
    job.containers = event.containers;
  }
  if (!isEnded(previous) && isEnded(job)) job.endedAt = event.created;
  const jobs = new Map(state.jobs);
  jobs.set(event.jobId, job);
  return { ...state, jobs, lastMessageId: event.messageId };
}

export function applyEvents(state: ApplicationState, events: Iterable<JobEvent>): ApplicationState {
  let s = state;
  for (const e of events) s = applyEvent(s, e);
  return s;
}

/** Tells roles from ids when the submitter knows them (events from older jobs may lack labels). */
export function withKnownRoles(
  state: ApplicationState,
  driverJobId: string | undefined,
  executorJobIds: readonly string[],
): ApplicationState {
  const jobs = new Map(state.jobs);
  const mark = (jobId: string, role: SparkRole, executorId?: number) => {
    const job = jobs.get(jobId) ?? { jobId, phase: "submitted" as JobPhase, preempted: false };
    jobs.set(jobId, { ...job, role: job.role ?? role, executorId: job.executorId ?? executorId });
  };
  if (driverJobId) mark(driverJobId, "driver");
  executorJobIds.forEach((id, i) => mark(id, "executor", i + 1));
  return { ...state, jobs };
}

export function driverOf(state: ApplicationState): JobView | undefined {
  for (const job of state.jobs.values()) if (job.role === "driver") return job;
  return undefined;
}

export function executorsOf(state: ApplicationState): JobView[] {
  return [...state.jobs.values()]
    .filter((j) => j.role === "executor")
    .sort((a, b) => (a.executorId ?? 0) - (b.executorId ?? 0) || a.jobId.localeCompare(b.jobId));
}

/** The exit code of the job's first container that failed, if any. */
export function failedExitCode(job: JobView): number | undefined {
  return job.containers?.find((c) => c.exitCode !== 0)?.exitCode;
}
