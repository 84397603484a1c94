// The narrow read interface the Lookout pages and REST endpoints need from the embedded Armada.
// One adapter (store-source.ts) implements it over the server's store; tests use small fakes.

import type { JobState, RunState } from "./lookout-types.js";

export interface RunRecord {
  readonly runId: string;
  readonly cluster: string;
  readonly node?: string;
  readonly pool?: string;
  readonly state: RunState;
  readonly leasedMs?: number;
  readonly pendingMs?: number;
  readonly startedMs?: number;
  readonly finishedMs?: number;
  readonly exitCode?: number;
  /** Why the run failed (the failed event's reason), if it did. */
  readonly error?: string;
}

export interface JobRecord {
  readonly jobId: string;
  readonly queue: string;
  readonly jobSet: string;
  readonly owner: string;
  readonly namespace: string;
  readonly priority: number;
  readonly priorityClass?: string;
  readonly state: JobState;
  readonly submittedMs: number;
  readonly lastTransitionMs: number;
  readonly cancelledMs?: number;
  readonly cancelReason?: string;
  readonly cancelUser?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The pod's requests: cpu in millicores, the others in bytes / counts. */
  readonly resources: {
    readonly cpuMillis: number;
    readonly memoryBytes: number;
    readonly ephemeralStorageBytes: number;
    readonly gpu: number;
  };
  /** Init containers first, then containers: the names logs are kept under. */
  readonly containers: readonly string[];
  /** Oldest first. */
  readonly runs: readonly RunRecord[];
  /** Job-level error (rejection, failure reason). */
  readonly error?: string;
  /** The first failing container's exit code, 0 on success. */
  readonly exitCode?: number;
}

/** One event of a job set's timeline. */
export interface TimelineEvent {
  readonly ms: number;
  readonly jobId: string;
  /** Armada's event name: submitted, queued, leased, pending, running, succeeded, failed, ... */
  readonly kind: string;
  /** Node, reason, exit codes: whatever the event says, in one line. */
  readonly detail?: string;
}

export interface LookoutDataSource {
  /** Every job the server knows (the embedded Armada holds few enough to filter in memory). */
  listJobs(): readonly JobRecord[];
  getJob(jobId: string): JobRecord | undefined;
  /** The submitted api.Job in protobuf JSON form, as Lookout's jobSpec returns it. */
  jobSpec(jobId: string): unknown;
  /** The job set's events, oldest first. */
  jobSetEvents(queue: string, jobSet: string): readonly TimelineEvent[];
}

/** Where a container's log file is; the pod runtime (`PodRuntime.logPath`) fits. */
export interface LogFiles {
  logPath(jobId: string, container: string): string | undefined;
}

export interface CancelTarget {
  readonly queue: string;
  readonly jobSet: string;
  /** Empty: every active job of the set. */
  readonly jobIds: readonly string[];
  readonly reason: string;
}

export type CancelJobs = (target: CancelTarget) => void | Promise<void>;
