// api.Submit: job submission, cancellation, preemption, reprioritisation, health, and the
// deprecated queue methods (delegated to the QueueService implementation).

import { create } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import {
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus,
} from "../../armada/gen/pkg/api/health_pb.js";
import {
  CancellationResultSchema,
  JobReprioritizeResponseSchema,
  JobState,
  JobSubmitResponseSchema,
  PreemptionResultSchema,
  type Submit,
} from "../../armada/gen/pkg/api/submit_pb.js";
import { principalKey } from "./auth.js";
import type { EmbeddedArmada } from "./embedded-armada.js";
import { queueService } from "./queue-service.js";
import { validateQueueAndJobSet, validateReason } from "./validation.js";

function invalid(message: string | undefined): void {
  if (message) throw new ConnectError(message, Code.InvalidArgument);
}

export function submitService(armada: EmbeddedArmada): ServiceImpl<typeof Submit> {
  const queues = queueService(armada);
  const user = (ctx: HandlerContext) => ctx.values.get(principalKey).name;
  /** Cancel/preempt/reprioritise need an existing queue (Armada's authorisation step). */
  const requireQueue = (queue: string) => {
    if (!armada.getQueue(queue))
      throw new ConnectError(`could not find queue ${JSON.stringify(queue)}`, Code.PermissionDenied);
  };
  const cancelJobSet = (
    queue: string,
    jobSetId: string,
    states: JobState[],
    reason: string,
    ctx: HandlerContext,
  ) => {
    invalid(validateQueueAndJobSet(queue, jobSetId));
    invalid(validateReason(reason));
    const pending = states.includes(JobState.PENDING);
    const running = states.includes(JobState.RUNNING);
    if (pending !== running) {
      invalid("unsupported state combination - state PENDING and RUNNING must always be used together");
    }
    requireQueue(queue);
    armada.cancelJobSet(queue, jobSetId, states, reason, user(ctx));
  };
  return {
    submitJobs(req, ctx) {
      const ids = armada.submit(req, user(ctx));
      return create(JobSubmitResponseSchema, { jobResponseItems: ids.map((jobId) => ({ jobId })) });
    },
    cancelJobs(req, ctx) {
      const jobIds = [...new Set([...req.jobIds, ...(req.jobId ? [req.jobId] : [])])];
      if (jobIds.length === 0) {
        cancelJobSet(req.queue, req.jobSetId, [], req.reason, ctx);
        // Armada answers with the (empty) single job id here.
        return create(CancellationResultSchema, { cancelledIds: [req.jobId] });
      }
      invalid(validateQueueAndJobSet(req.queue, req.jobSetId));
      invalid(validateReason(req.reason));
      requireQueue(req.queue);
      armada.cancelJobs(req.queue, req.jobSetId, jobIds, req.reason, user(ctx));
      return create(CancellationResultSchema, { cancelledIds: jobIds });
    },
    cancelJobSet(req, ctx) {
      cancelJobSet(req.queue, req.jobSetId, req.filter?.states ?? [], req.reason, ctx);
      return create(EmptySchema);
    },
    reprioritizeJobs(req, ctx) {
      invalid(validateQueueAndJobSet(req.queue, req.jobSetId));
      requireQueue(req.queue);
      const results = armada.reprioritize(req.queue, req.jobSetId, req.jobIds, req.newPriority, user(ctx));
      return create(JobReprioritizeResponseSchema, { reprioritizationResults: results });
    },
    preemptJobs(req, ctx) {
      invalid(validateQueueAndJobSet(req.queue, req.jobSetId));
      invalid(validateReason(req.reason));
      requireQueue(req.queue);
      armada.preemptJobs(req.queue, req.jobSetId, req.jobIds, req.reason, user(ctx));
      return create(PreemptionResultSchema, {
        preemptionResults: Object.fromEntries(req.jobIds.map((id) => [id, ""])),
      });
    },
    createQueue: queues.createQueue!,
    createQueues: queues.createQueues!,
    updateQueue: queues.updateQueue!,
    updateQueues: queues.updateQueues!,
    deleteQueue: queues.deleteQueue!,
    getQueue: queues.getQueue!,
    getQueues: queues.getQueues!,
    health() {
      return create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING });
    },
  };
}
