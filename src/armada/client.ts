// The Armada client: one object per master, holding the transport, credentials and policies.
// Every method maps failures to ArmadaError (see errors.ts) with secrets redacted.
import { create, fromJson } from "@bufbuild/protobuf";
import type { JsonValue, MessageInitShape } from "@bufbuild/protobuf";
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import type { Client, Transport } from "@connectrpc/connect";
import { ulid } from "ulid";
import { Binoculars } from "./gen/pkg/api/binoculars/binoculars_pb.js";
import type { LogLine, LogRequestSchema } from "./gen/pkg/api/binoculars/binoculars_pb.js";
import { Event } from "./gen/pkg/api/event_pb.js";
import { HealthCheckResponse_ServingStatus } from "./gen/pkg/api/health_pb.js";
import { Jobs } from "./gen/pkg/api/job_pb.js";
import type { JobDetails } from "./gen/pkg/api/job_pb.js";
import { JobSubmitRequestSchema, QueueService, Submit } from "./gen/pkg/api/submit_pb.js";
import type { JobState, JobSubmitRequest, Queue, QueueSchema } from "./gen/pkg/api/submit_pb.js";
import type { CredentialProvider } from "./credentials.js";
import type { ArmadaEndpoint } from "./endpoint.js";
import { ArmadaError, toArmadaError } from "./errors.js";
import type { CallContext } from "./errors.js";
import type { JobSetEvent } from "./event-stream.js";
import { defaultStreamRetryPolicy, resumableEvents } from "./event-stream.js";
import { kubernetesToProtoJson } from "./kubernetes-json.js";
import type { Redactor } from "./redactor.js";
import { defaultRetryPolicy, withRetry } from "./retry.js";
import type { RetryHooks, RetryPolicy } from "./retry.js";
import { chunkRequest, maxItemsPerRequest, withClientIds } from "./submit-chunks.js";

export const healthCheckTimeoutKey = "spark.armada.health.checkTimeout";

export interface ArmadaClientParts {
  endpoint: ArmadaEndpoint;
  transport: Transport;
  /** Binoculars (logs) often runs per cluster at its own address; defaults to the master's. */
  binoculars?: { endpoint: ArmadaEndpoint; transport: Transport };
  credentials: CredentialProvider;
  redactor: Redactor;
  callTimeoutMs?: number; // per unary call (default 30 s)
  retry?: RetryPolicy;
  streamRetry?: RetryPolicy;
  retryHooks?: RetryHooks;
  newClientId?: () => string; // for items without client_id (default: lowercase ULID)
  submitChunkSize?: number; // default 200
}

/** One submitted item, in request order. */
export interface SubmittedJob {
  clientId: string;
  jobId: string;
  /** Armada's per-item refusal, if any (jobId is then empty). */
  error: string;
}

export interface EventStreamRequest {
  queue: string;
  jobSetId: string;
  /** true: keep the stream open for new events; false: what exists now, then end. */
  watch: boolean;
  fromMessageId?: string;
  /** Use the deprecated Event.Watch rpc (always watches). */
  deprecatedWatch?: boolean;
  signal?: AbortSignal;
}

export class ArmadaClient {
  readonly endpoint: ArmadaEndpoint;
  private readonly submit: Client<typeof Submit>;
  private readonly queues: Client<typeof QueueService>;
  private readonly event: Client<typeof Event>;
  private readonly jobs: Client<typeof Jobs>;
  private readonly binoculars: Client<typeof Binoculars>;
  private readonly binocularsEndpoint: ArmadaEndpoint;
  private readonly redactor: Redactor;
  private readonly credentials: CredentialProvider;
  private readonly callTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly streamRetry: RetryPolicy;
  private readonly retryHooks: RetryHooks;
  private readonly newClientId: () => string;
  private readonly chunkSize: number;

  constructor(parts: ArmadaClientParts) {
    this.endpoint = parts.endpoint;
    this.submit = createClient(Submit, parts.transport);
    this.queues = createClient(QueueService, parts.transport);
    this.event = createClient(Event, parts.transport);
    this.jobs = createClient(Jobs, parts.transport);
    this.binoculars = createClient(Binoculars, parts.binoculars?.transport ?? parts.transport);
    this.binocularsEndpoint = parts.binoculars?.endpoint ?? parts.endpoint;
    this.redactor = parts.redactor;
    this.credentials = parts.credentials;
    this.callTimeoutMs = parts.callTimeoutMs ?? 30_000;
    this.retry = parts.retry ?? defaultRetryPolicy;
    this.streamRetry = parts.streamRetry ?? defaultStreamRetryPolicy;
    this.retryHooks = parts.retryHooks ?? {};
    this.newClientId = parts.newClientId ?? (() => ulid().toLowerCase());
    this.chunkSize = parts.submitChunkSize ?? maxItemsPerRequest;
  }

  /** Where the credentials came from (never the credentials), for messages. */
  get credentialSource(): string {
    return this.credentials.credentials.source;
  }

  private context(operation: string, extra: Partial<CallContext> = {}): CallContext {
    return {
      operation,
      address: this.endpoint.url,
      timeoutMs: this.callTimeoutMs,
      credentialSource: this.credentialSource,
      ...extra,
    };
  }

  /** Runs a unary call with the deadline; `retry` only for calls safe to repeat. */
  private async call<T>(
    ctx: CallContext,
    retry: boolean,
    fn: (opts: { timeoutMs: number; signal?: AbortSignal }) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const timeoutMs = ctx.timeoutMs ?? this.callTimeoutMs;
    const once = (): Promise<T> => fn(signal ? { timeoutMs, signal } : { timeoutMs });
    try {
      return retry ? await withRetry(once, this.retry, this.retryHooks) : await once();
    } catch (err) {
      throw toArmadaError(err, ctx, this.redactor);
    }
  }

  /** Armada's health check, bounded by spark.armada.health.checkTimeout (ms). */
  async health(timeoutMs = 5_000): Promise<void> {
    const ctx = this.context("health check", { timeoutMs, timeoutKey: healthCheckTimeoutKey });
    const res = await this.call(ctx, false, (o) => this.submit.health({}, o));
    if (res.status !== HealthCheckResponse_ServingStatus.SERVING) {
      throw new ArmadaError(
        "server",
        `Armada at ${this.endpoint.url} reports ${HealthCheckResponse_ServingStatus[res.status]} instead of SERVING`,
      );
    }
  }

  /** The queue, or undefined when it does not exist. */
  async getQueue(name: string): Promise<Queue | undefined> {
    try {
      return await this.call(this.context("GetQueue", { queue: name }), true, (o) =>
        this.queues.getQueue({ name }, o),
      );
    } catch (err) {
      if (err instanceof ArmadaError && (err.kind === "not-found" || err.kind === "queue-missing"))
        return undefined;
      throw err;
    }
  }

  /** Creates a queue (priorityFactor defaults to 1); ALREADY_EXISTS is an error here. */
  async createQueue(queue: MessageInitShape<typeof QueueSchema>): Promise<void> {
    const init = { priorityFactor: 1, ...queue };
    await this.call(this.context("CreateQueue", { queue: init.name ?? "" }), false, (o) =>
      this.queues.createQueue(init, o),
    );
  }

  /** Makes sure the queue exists; safe to repeat (a concurrent creation counts as existing). */
  async ensureQueue(name: string, priorityFactor = 1): Promise<"created" | "exists"> {
    if ((await this.getQueue(name)) !== undefined) return "exists";
    try {
      await this.call(this.context("CreateQueue", { queue: name }), true, (o) =>
        this.queues.createQueue({ name, priorityFactor }, o),
      );
      return "created";
    } catch (err) {
      if (err instanceof ArmadaError && err.kind === "already-exists") return "exists";
      throw err;
    }
  }

  /**
   * Submits every item, in chunks of at most 200, each retried safely on UNAVAILABLE through the
   * items' client_id (filled in where missing). Results come back in item order. If a chunk fails
   * after earlier ones were accepted, the ArmadaError carries their job ids (acceptedJobIds).
   */
  async submitJobs(request: JobSubmitRequest): Promise<SubmittedJob[]> {
    const full = withClientIds(request, this.newClientId);
    const results: SubmittedJob[] = [];
    for (const chunk of chunkRequest(full, this.chunkSize)) {
      const ctx = this.context("SubmitJobs", { queue: chunk.queue });
      let res;
      try {
        res = await this.call(ctx, true, (o) => this.submit.submitJobs(chunk, o));
      } catch (err) {
        const e = err as ArmadaError;
        const accepted = results.filter((r) => r.jobId !== "").map((r) => r.jobId);
        throw accepted.length === 0
          ? e
          : new ArmadaError(
              e.kind,
              `${e.message} (${accepted.length} job(s) of this request were already accepted)`,
              { ...(e.grpcCode !== undefined ? { grpcCode: e.grpcCode } : {}), acceptedJobIds: accepted },
            );
      }
      if (res.jobResponseItems.length !== chunk.jobRequestItems.length) {
        throw new ArmadaError(
          "server",
          `SubmitJobs at ${this.endpoint.url} answered ${res.jobResponseItems.length} items for ${chunk.jobRequestItems.length}`,
        );
      }
      chunk.jobRequestItems.forEach((item, i) => {
        const r = res.jobResponseItems[i]!;
        results.push({ clientId: item.clientId, jobId: r.jobId, error: r.error });
      });
    }
    return results;
  }

  /** submitJobs for a plan in protobuf JSON shape (contract B; quantities may be plain strings). */
  submitJobsJson(plan: JsonValue | object): Promise<SubmittedJob[]> {
    let request: JobSubmitRequest;
    try {
      request = fromJson(
        JobSubmitRequestSchema,
        kubernetesToProtoJson(JobSubmitRequestSchema, plan as JsonValue),
      );
    } catch (err) {
      throw new ArmadaError(
        "invalid-argument",
        `the job submit request is not valid: ${(err as Error).message}`,
      );
    }
    return this.submitJobs(request);
  }

  /** Cancels jobs by id (repeating a cancel is harmless, so it is retried). */
  async cancelJobs(req: {
    queue: string;
    jobSetId: string;
    jobIds: string[];
    reason?: string;
  }): Promise<string[]> {
    const res = await this.call(this.context("CancelJobs", { queue: req.queue }), true, (o) =>
      this.submit.cancelJobs(
        { queue: req.queue, jobSetId: req.jobSetId, jobIds: req.jobIds, reason: req.reason ?? "" },
        o,
      ),
    );
    return res.cancelledIds;
  }

  /** Cancels a whole job set, optionally only jobs in the given states. */
  async cancelJobSet(req: {
    queue: string;
    jobSetId: string;
    states?: JobState[];
    reason?: string;
  }): Promise<void> {
    await this.call(this.context("CancelJobSet", { queue: req.queue }), true, (o) =>
      this.submit.cancelJobSet(
        {
          queue: req.queue,
          jobSetId: req.jobSetId,
          reason: req.reason ?? "",
          ...(req.states !== undefined ? { filter: { states: req.states } } : {}),
        },
        o,
      ),
    );
  }

  /**
   * The job set's events as an async iterable that reconnects on UNAVAILABLE or a reset stream and
   * resumes after the last delivered message id. Abort `signal` (or stop iterating) to close it.
   */
  async *events(req: EventStreamRequest): AsyncGenerator<JobSetEvent> {
    const ctx = this.context(req.deprecatedWatch === true ? "Event.Watch" : "GetJobSetEvents", {
      queue: req.queue,
    });
    const open = (fromId: string, signal: AbortSignal) =>
      req.deprecatedWatch === true
        ? this.event.watch({ queue: req.queue, jobSetId: req.jobSetId, fromId }, { signal })
        : this.event.getJobSetEvents(
            {
              queue: req.queue,
              id: req.jobSetId,
              watch: req.watch,
              fromMessageId: fromId,
              errorIfMissing: true,
            },
            { signal },
          );
    try {
      yield* resumableEvents(open, req.fromMessageId ?? "", this.streamRetry, req.signal, this.retryHooks);
    } catch (err) {
      if (req.signal?.aborted === true && err instanceof ConnectError && err.code === Code.Canceled) return;
      throw toArmadaError(err, ctx, this.redactor);
    }
  }

  /** Job states by id (unknown ids report UNKNOWN). */
  async jobStatus(jobIds: string[]): Promise<Record<string, JobState>> {
    const res = await this.call(this.context("GetJobStatus"), true, (o) =>
      this.jobs.getJobStatus({ jobIds }, o),
    );
    return res.jobStates;
  }

  async jobDetails(
    jobIds: string[],
    expand: { jobSpec?: boolean; jobRun?: boolean } = {},
  ): Promise<Record<string, JobDetails>> {
    const res = await this.call(this.context("GetJobDetails"), true, (o) =>
      this.jobs.getJobDetails(
        { jobIds, expandJobSpec: expand.jobSpec ?? false, expandJobRun: expand.jobRun ?? true },
        o,
      ),
    );
    return res.jobDetails;
  }

  /** The error text of failed jobs, by id. */
  async jobErrors(jobIds: string[]): Promise<Record<string, string>> {
    const res = await this.call(this.context("GetJobErrors"), true, (o) =>
      this.jobs.getJobErrors({ jobIds }, o),
    );
    return res.jobErrors;
  }

  /** A job's pod logs through Binoculars (at most ~2 MB, no follow). */
  async logs(req: MessageInitShape<typeof LogRequestSchema>): Promise<LogLine[]> {
    const ctx = { ...this.context("Binoculars.Logs"), address: this.binocularsEndpoint.url };
    const res = await this.call(ctx, true, (o) => this.binoculars.logs(req, o));
    return res.log;
  }
}

/** For tests and tools: a JobSubmitRequest from its init shape. */
export function jobSubmitRequest(init: MessageInitShape<typeof JobSubmitRequestSchema>): JobSubmitRequest {
  return create(JobSubmitRequestSchema, init);
}
