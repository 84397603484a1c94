// api.Jobs: job status, details, errors and run details by id (unknown ids -> UNKNOWN / absent).

import { create, fromBinary } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { ServiceImpl } from "@connectrpc/connect";
import {
  ActiveQueuesSchema,
  GetActiveQueuesResponseSchema,
  JobDetailsResponseSchema,
  JobDetailsSchema,
  JobErrorsResponseSchema,
  JobRunDetailsResponseSchema,
  JobRunDetailsSchema,
  JobRunState,
  JobStatusResponseSchema,
  type JobRunDetails,
  type Jobs,
} from "../../armada/gen/pkg/api/job_pb.js";
import { JobSchema, JobState } from "../../armada/gen/pkg/api/submit_pb.js";
import { jobStateOf, type EmbeddedArmada } from "./embedded-armada.js";
import type { RunRow } from "./store.js";

function runDetails(run: RunRow): JobRunDetails {
  const ts = (ms: number | null) => (ms === null ? undefined : timestampFromMs(ms));
  return create(JobRunDetailsSchema, {
    runId: run.runId,
    jobId: run.jobId,
    state: JobRunState[run.state as keyof typeof JobRunState] ?? JobRunState.RUN_STATE_UNKNOWN,
    cluster: run.cluster,
    node: run.node,
    leasedTs: timestampFromMs(run.leasedMs),
    pendingTs: ts(run.pendingMs),
    startedTs: ts(run.startedMs),
    finishedTs: ts(run.finishedMs),
  });
}

export function jobsService(armada: EmbeddedArmada): ServiceImpl<typeof Jobs> {
  return {
    getJobStatus(req) {
      const jobStates: Record<string, JobState> = {};
      for (const id of req.jobIds) {
        const row = armada.jobRow(id);
        jobStates[id] = row ? jobStateOf[row.state] : JobState.UNKNOWN;
      }
      return create(JobStatusResponseSchema, { jobStates });
    },
    getJobStatusUsingExternalJobUri() {
      // External job URIs are not recorded by the embedded Armada.
      return create(JobStatusResponseSchema, {});
    },
    getJobDetails(req) {
      const jobDetails: Record<string, ReturnType<typeof create<typeof JobDetailsSchema>>> = {};
      for (const id of req.jobIds) {
        const row = armada.jobRow(id);
        if (!row) continue;
        const runs = armada.store.runsOfJob(id);
        jobDetails[id] = create(JobDetailsSchema, {
          jobId: row.id,
          queue: row.queue,
          jobset: row.jobSetId,
          namespace: row.namespace,
          state: jobStateOf[row.state],
          submittedTs: timestampFromMs(row.submittedMs),
          cancelTs: row.cancelMs === null ? undefined : timestampFromMs(row.cancelMs),
          cancelReason: row.cancelReason ?? "",
          cancelUser: row.cancelUser ?? "",
          lastTransitionTs: timestampFromMs(row.lastTransitionMs),
          latestRunId: row.runId ?? "",
          jobSpec: req.expandJobSpec ? fromBinary(JobSchema, row.spec) : undefined,
          jobRuns: req.expandJobRun ? runs.map(runDetails) : [],
        });
      }
      return create(JobDetailsResponseSchema, { jobDetails });
    },
    getJobErrors(req) {
      const jobErrors: Record<string, string> = {};
      for (const id of req.jobIds) {
        const row = armada.jobRow(id);
        if (row) jobErrors[id] = row.error ?? "";
      }
      return create(JobErrorsResponseSchema, { jobErrors });
    },
    getJobRunDetails(req) {
      const jobRunDetails: Record<string, JobRunDetails> = {};
      for (const id of req.runIds) {
        const run = armada.store.getRun(id);
        if (run) jobRunDetails[id] = runDetails(run);
      }
      return create(JobRunDetailsResponseSchema, { jobRunDetails });
    },
    getActiveQueues() {
      const activeQueuesByPool: Record<string, ReturnType<typeof create<typeof ActiveQueuesSchema>>> = {};
      for (const [pool, queues] of armada.activeQueuesByPool()) {
        activeQueuesByPool[pool] = create(ActiveQueuesSchema, { queues: [...queues].sort() });
      }
      return create(GetActiveQueuesResponseSchema, { activeQueuesByPool });
    },
  };
}
