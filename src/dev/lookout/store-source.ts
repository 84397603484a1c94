// The one adapter between the embedded Armada (src/dev/server) and the Lookout part: its store
// and cancel logic seen through LookoutDataSource / CancelJobs / LogFiles. Nothing else in
// src/dev/lookout knows the store's rows or the protobuf messages.

import { create, fromBinary, toJson } from "@bufbuild/protobuf";
import {
  EventMessageSchema,
  EventStreamMessageSchema,
  type EventMessage,
} from "../../armada/gen/pkg/api/event_pb.js";
import { JobSchema, type Job } from "../../armada/gen/pkg/api/submit_pb.js";
import { jobEventFromMessage } from "../../track/event-message.js";
import type { EmbeddedArmada } from "../server/embedded-armada.js";
import { podRequests } from "../server/job-spec.js";
import type { JobRow, RunRow, Store } from "../server/store.js";
import type {
  CancelJobs,
  JobRecord,
  LogFiles,
  LookoutDataSource,
  RunRecord,
  TimelineEvent,
} from "./data-source.js";
import type { JobState, RunState } from "./lookout-types.js";

const runStates: Readonly<Record<string, RunState>> = {
  RUN_STATE_LEASED: "RUN_LEASED",
  RUN_STATE_PENDING: "RUN_PENDING",
  RUN_STATE_RUNNING: "RUN_RUNNING",
  RUN_STATE_SUCCEEDED: "RUN_SUCCEEDED",
  RUN_STATE_FAILED: "RUN_FAILED",
  RUN_STATE_CANCELLED: "RUN_CANCELLED",
  RUN_STATE_PREEMPTED: "RUN_PREEMPTED",
};

interface RunOutcome {
  readonly exitCode?: number;
  readonly error?: string;
}

export class StoreDataSource implements LookoutDataSource {
  /** api.Job per job id: immutable once submitted. */
  private readonly specs = new Map<string, Job>();
  /** Records of ended jobs: they no longer change. */
  private readonly ended = new Map<string, JobRecord>();
  private readonly poolOfCluster: ReadonlyMap<string, string>;

  constructor(private readonly armada: EmbeddedArmada) {
    this.poolOfCluster = new Map(armada.config.clusters.map((c) => [c.name, c.pool]));
  }

  private get store(): Store {
    return this.armada.store;
  }

  listJobs(): readonly JobRecord[] {
    const records: JobRecord[] = [];
    for (const id of this.store.listJobIds()) {
      const record = this.getJob(id);
      if (record) records.push(record);
    }
    return records;
  }

  getJob(jobId: string): JobRecord | undefined {
    const cached = this.ended.get(jobId);
    if (cached) return cached;
    const row = this.armada.jobRow(jobId);
    if (!row) return undefined;
    const record = this.record(row);
    if (this.armada.isTerminal(row.state)) this.ended.set(jobId, record);
    return record;
  }

  jobSpec(jobId: string): unknown {
    const row = this.armada.jobRow(jobId);
    return row ? toJson(JobSchema, this.spec(row)) : undefined;
  }

  jobSetEvents(queue: string, jobSet: string): readonly TimelineEvent[] {
    return this.store.readEvents(queue, jobSet, { ms: -1, seq: 0 }, 100_000).flatMap((row) => {
      const event = jobEventFromMessage(
        create(EventStreamMessageSchema, { id: "", message: fromBinary(EventMessageSchema, row.body) }),
      );
      if (!event) return [];
      const details = [
        event.clusterId && event.kind === "leased" ? `cluster ${event.clusterId}` : undefined,
        event.nodeName ? `node ${event.nodeName}` : undefined,
        event.reason,
        ...(event.containers ?? []).map(
          (c) => `${c.name} exited ${c.exitCode}${c.reason ? ` (${c.reason})` : ""}`,
        ),
      ].filter((d): d is string => !!d);
      return [
        {
          ms: row.ms,
          jobId: row.jobId,
          kind: event.kind,
          ...(details.length ? { detail: details.join("; ") } : {}),
        },
      ];
    });
  }

  private spec(row: JobRow): Job {
    let job = this.specs.get(row.id);
    if (!job) {
      job = fromBinary(JobSchema, row.spec);
      this.specs.set(row.id, job);
    }
    return job;
  }

  /** Exit code and error per run id, from the job's failed / succeeded events. */
  private outcomes(jobId: string): Map<string, RunOutcome> {
    const outcomes = new Map<string, RunOutcome>();
    for (const e of this.store.eventsOfJob(jobId)) {
      const message: EventMessage = fromBinary(EventMessageSchema, e.body);
      const ev = message.events;
      if (ev.case === "failed") {
        const failing = ev.value.containerStatuses.find((c) => c.exitCode !== 0);
        outcomes.set(ev.value.kubernetesId, {
          ...(failing ? { exitCode: failing.exitCode } : {}),
          ...(ev.value.reason ? { error: ev.value.reason } : {}),
        });
      } else if (ev.case === "succeeded") {
        outcomes.set(ev.value.kubernetesId, { exitCode: 0 });
      }
    }
    return outcomes;
  }

  private run(run: RunRow, outcome: RunOutcome | undefined): RunRecord {
    const pool = this.poolOfCluster.get(run.cluster);
    return {
      runId: run.runId,
      cluster: run.cluster,
      node: run.node,
      ...(pool ? { pool } : {}),
      state: runStates[run.state] ?? "RUN_PENDING",
      leasedMs: run.leasedMs,
      ...(run.pendingMs !== null ? { pendingMs: run.pendingMs } : {}),
      ...(run.startedMs !== null ? { startedMs: run.startedMs } : {}),
      ...(run.finishedMs !== null ? { finishedMs: run.finishedMs } : {}),
      ...outcome,
    };
  }

  private record(row: JobRow): JobRecord {
    const job = this.spec(row);
    const spec = job.podSpec;
    const requests = spec ? podRequests(spec) : {};
    const outcomes = this.outcomes(row.id);
    const runs = this.store.runsOfJob(row.id).map((r) => this.run(r, outcomes.get(r.runId)));
    const exitCode = row.state === "succeeded" ? 0 : runs.at(-1)?.exitCode;
    return {
      jobId: row.id,
      queue: row.queue,
      jobSet: row.jobSetId,
      owner: row.owner,
      namespace: row.namespace,
      priority: row.priority,
      ...(spec?.priorityClassName ? { priorityClass: spec.priorityClassName } : {}),
      state: row.state.toUpperCase() as JobState,
      submittedMs: row.submittedMs,
      lastTransitionMs: row.lastTransitionMs,
      ...(row.cancelMs !== null ? { cancelledMs: row.cancelMs } : {}),
      ...(row.cancelReason ? { cancelReason: row.cancelReason } : {}),
      ...(row.cancelUser ? { cancelUser: row.cancelUser } : {}),
      labels: job.labels,
      annotations: job.annotations,
      resources: {
        cpuMillis: Math.ceil((requests["cpu"] ?? 0) * 1000),
        memoryBytes: Math.round(requests["memory"] ?? 0),
        ephemeralStorageBytes: Math.round(requests["ephemeral-storage"] ?? 0),
        gpu: Math.round(requests["nvidia.com/gpu"] ?? 0),
      },
      containers: [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.name ?? ""),
      runs,
      ...(row.error ? { error: row.error } : {}),
      ...(exitCode !== undefined ? { exitCode } : {}),
    };
  }
}

/** Log files as the server recorded them, else where the runtime keeps them. */
export function storeLogFiles(armada: EmbeddedArmada): LogFiles {
  return {
    logPath: (jobId, container) =>
      armada.store.getLog(jobId, 0, container) ?? armada.runtime.logPath(jobId, container),
  };
}

/** Cancels through the embedded Armada's own cancel logic (events, pod stop), as CancelJobs does. */
export function embeddedCancel(armada: EmbeddedArmada, requestor = "lookout"): CancelJobs {
  return ({ queue, jobSet, jobIds, reason }) => {
    if (jobIds.length === 0) armada.cancelJobSet(queue, jobSet, [], reason, requestor);
    else armada.cancelJobs(queue, jobSet, jobIds, reason, requestor);
  };
}

/** Everything createLookoutServer needs, for one embedded Armada. */
export function embeddedLookoutOptions(armada: EmbeddedArmada) {
  return { source: new StoreDataSource(armada), cancel: embeddedCancel(armada), logs: storeLogFiles(armada) };
}
