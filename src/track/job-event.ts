// One job's lifecycle event, reduced to what tracking needs. Armada's EventMessage has a variant
// per event kind, each repeating the same fields; tracking reads them through this one shape so
// the application state and its tests do not depend on generated code.

export type JobEventKind =
  | "submitted"
  | "queued"
  | "leased"
  | "leaseReturned"
  | "leaseExpired"
  | "pending"
  | "running"
  | "succeeded"
  | "failed"
  | "cancelling"
  | "cancelled"
  | "preempting"
  | "preempted"
  | "reprioritizing"
  | "reprioritized"
  | "ingressInfo"
  | "utilisation";

export type SparkRole = "driver" | "executor";

export interface ContainerExit {
  name: string;
  exitCode: number;
  reason: string;
  message: string;
}

export interface JobEvent {
  /** The stream message id: an opaque resume token. */
  messageId: string;
  jobId: string;
  jobSetId: string;
  queue: string;
  kind: JobEventKind;
  created: Date;
  clusterId?: string;
  nodeName?: string;
  podName?: string;
  reason?: string;
  /** Armada's failure cause name (Error, Evicted, OOM, DeadlineExceeded, Rejected). */
  cause?: string;
  containers?: ContainerExit[];
  /** From the submitted job's labels (`spark-role`, `spark-exec-id`), when this is `submitted`. */
  role?: SparkRole;
  executorId?: number;
  /** The submitted job's namespace (Binoculars needs it for logs). */
  namespace?: string;
  /** Other labels of the submitted job (for `list`: the application name). */
  labels?: Readonly<Record<string, string>>;
}
