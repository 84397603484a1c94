// Lookout's REST shapes (armadaproject/armada internal/lookout swagger, "Lookout v2 API"): what
// POST /api/v1/jobs, /api/v1/jobGroups and friends take and return. Times are ISO-8601 strings.

export const jobStates = [
  "QUEUED",
  "LEASED",
  "PENDING",
  "RUNNING",
  "SUCCEEDED",
  "FAILED",
  "CANCELLED",
  "PREEMPTED",
  "REJECTED",
] as const;
export type JobState = (typeof jobStates)[number];

export const activeJobStates: ReadonlySet<JobState> = new Set(["QUEUED", "LEASED", "PENDING", "RUNNING"]);

export function isJobState(s: unknown): s is JobState {
  return typeof s === "string" && (jobStates as readonly string[]).includes(s);
}

export type RunState =
  | "RUN_PENDING"
  | "RUN_RUNNING"
  | "RUN_SUCCEEDED"
  | "RUN_FAILED"
  | "RUN_TERMINATED"
  | "RUN_PREEMPTED"
  | "RUN_UNABLE_TO_SCHEDULE"
  | "RUN_LEASE_RETURNED"
  | "RUN_LEASE_EXPIRED"
  | "RUN_MAX_RUNS_EXCEEDED"
  | "RUN_LEASED"
  | "RUN_CANCELLED";

export const matches = [
  "exact",
  "anyOf",
  "startsWith",
  "contains",
  "greaterThan",
  "lessThan",
  "greaterThanOrEqualTo",
  "lessThanOrEqualTo",
  "exists",
] as const;
export type Match = (typeof matches)[number];

export function isMatch(s: unknown): s is Match {
  return typeof s === "string" && (matches as readonly string[]).includes(s);
}

export interface Filter {
  field: string;
  match: Match;
  /** A string, a number, or (for anyOf) an array of them. */
  value: unknown;
  isAnnotation?: boolean;
}

export type Direction = "ASC" | "DESC";

export interface Order {
  field: string;
  direction: Direction;
}

export interface Run {
  runId: string;
  cluster: string;
  node?: string;
  pool?: string;
  jobRunState: RunState;
  leased?: string;
  pending?: string;
  started?: string;
  finished?: string;
  exitCode?: number;
}

export interface Job {
  jobId: string;
  queue: string;
  owner: string;
  namespace?: string;
  jobSet: string;
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
  ephemeralStorage: number;
  gpu: number;
  priority: number;
  priorityClass?: string;
  submitted: string;
  cancelled?: string;
  cancelReason?: string;
  cancelUser?: string;
  state: JobState;
  lastTransitionTime: string;
  lastActiveRunId?: string;
  duplicate: boolean;
  annotations: Record<string, string>;
  runs: Run[];
  cluster: string;
  node?: string;
  pool?: string;
  exitCode?: number;
  runtimeSeconds: number;
}

export interface GetJobsRequest {
  filters: Filter[];
  order: Order;
  activeJobSets: boolean;
  skip: number;
  /** 0 = no limit. */
  take: number;
}

export interface GroupedField {
  field: string;
  isAnnotation: boolean;
}

export interface GroupJobsRequest extends GetJobsRequest {
  groupedField: GroupedField;
  aggregates: string[];
}

export interface Group {
  name: string;
  count: number;
  aggregates: Record<string, unknown>;
}
