// One Spark application as the page shows it: the job set's jobs with their Spark roles (driver
// first, then executors by id, then anything else), its gang, overall state and event timeline.
// Generic: a job set without Spark labels is shown the same way, without roles.

import { gangIdAnnotation } from "../server/gang.js";
import type { JobRecord, LookoutDataSource } from "./data-source.js";
import { lookoutJob } from "./lookout-job.js";
import { activeJobStates, type Job, type JobState } from "./lookout-types.js";

export const sparkRoleLabel = "spark-role";
export const sparkExecIdLabel = "spark-exec-id";
export const sparkAppNameLabel = "spark-app-name";

export interface ApplicationMember {
  readonly job: Job;
  readonly role?: "driver" | "executor";
  readonly executorId?: number;
  readonly containers: readonly string[];
  readonly error?: string;
}

export interface ApplicationView {
  readonly queue: string;
  readonly jobSet: string;
  readonly name?: string;
  readonly gangIds: readonly string[];
  /** The driver's state when there is a driver, else the "worst" of the members'. */
  readonly state: JobState;
  readonly active: boolean;
  readonly members: readonly ApplicationMember[];
  readonly events: ReadonlyArray<{ time: string; jobId: string; kind: string; detail?: string }>;
}

function roleOf(job: JobRecord): ApplicationMember["role"] {
  const role = job.labels[sparkRoleLabel];
  return role === "driver" || role === "executor" ? role : undefined;
}

function executorIdOf(job: JobRecord): number | undefined {
  const id = Number(job.labels[sparkExecIdLabel]);
  return Number.isInteger(id) && id >= 0 && job.labels[sparkExecIdLabel] !== undefined ? id : undefined;
}

const roleRank = { driver: 0, executor: 1 } as const;

/** Without a driver, the state that best describes the set: active, then failures, then success. */
const stateRank: readonly JobState[] = [
  "RUNNING",
  "PENDING",
  "LEASED",
  "QUEUED",
  "FAILED",
  "REJECTED",
  "PREEMPTED",
  "CANCELLED",
  "SUCCEEDED",
];

export function applicationView(
  source: LookoutDataSource,
  queue: string,
  jobSet: string,
  nowMs: number,
): ApplicationView | undefined {
  const records = source.listJobs().filter((j) => j.queue === queue && j.jobSet === jobSet);
  if (records.length === 0) return undefined;
  const members: ApplicationMember[] = records
    .map((r) => {
      const role = roleOf(r);
      const executorId = executorIdOf(r);
      return {
        job: lookoutJob(r, nowMs),
        ...(role ? { role } : {}),
        ...(executorId !== undefined ? { executorId } : {}),
        containers: r.containers,
        ...(r.error ? { error: r.error } : {}),
      };
    })
    .sort(
      (a, b) =>
        (a.role ? roleRank[a.role] : 2) - (b.role ? roleRank[b.role] : 2) ||
        (a.executorId ?? 0) - (b.executorId ?? 0) ||
        a.job.submitted.localeCompare(b.job.submitted) ||
        a.job.jobId.localeCompare(b.job.jobId),
    );
  const driver = members.find((m) => m.role === "driver");
  const state = driver ? driver.job.state : stateRank.find((s) => members.some((m) => m.job.state === s))!;
  const gangIds = [
    ...new Set(records.map((r) => r.annotations[gangIdAnnotation]).filter((g): g is string => !!g)),
  ];
  const name = records.map((r) => r.labels[sparkAppNameLabel]).find((n) => n);
  return {
    queue,
    jobSet,
    ...(name ? { name } : {}),
    gangIds,
    state,
    active: members.some((m) => activeJobStates.has(m.job.state)),
    members,
    events: source.jobSetEvents(queue, jobSet).map((e) => ({
      time: new Date(e.ms).toISOString(),
      jobId: e.jobId,
      kind: e.kind,
      ...(e.detail ? { detail: e.detail } : {}),
    })),
  };
}
