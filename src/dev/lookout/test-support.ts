// Job records and a data source for the Lookout unit tests (test doubles stay in unit tests).

import type { JobRecord, LookoutDataSource, TimelineEvent } from "./data-source.js";

const t0 = Date.UTC(2026, 0, 2, 10, 0, 0);

export function jobRecord(over: Partial<JobRecord> & { jobId: string }): JobRecord {
  return {
    queue: "q",
    jobSet: "set-a",
    owner: "alice",
    namespace: "default",
    priority: 0,
    priorityClass: "armada-default",
    state: "QUEUED",
    submittedMs: t0,
    lastTransitionMs: t0,
    labels: {},
    annotations: {},
    resources: { cpuMillis: 1000, memoryBytes: 2 ** 30, ephemeralStorageBytes: 0, gpu: 0 },
    containers: ["main"],
    runs: [],
    ...over,
  };
}

export const times = { t0 };

export function fakeSource(jobs: JobRecord[], events: TimelineEvent[] = []): LookoutDataSource {
  return {
    listJobs: () => jobs,
    getJob: (id) => jobs.find((j) => j.jobId === id),
    jobSpec: (id) =>
      jobs.some((j) => j.jobId === id) ? { id, podSpec: { containers: [{ name: "main" }] } } : undefined,
    jobSetEvents: (queue, jobSet) =>
      events.filter((e) => jobs.some((j) => j.jobId === e.jobId && j.queue === queue && j.jobSet === jobSet)),
  };
}
