// api.Event: a job set's event stream (internal/server/event/event.go semantics). Without
// `watch`, it sends what exists up to the set's last event at call time and ends; with
// `watch`, it follows new events until the client goes away (no heartbeats, as Armada).

import { create } from "@bufbuild/protobuf";
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import type { EventStreamMessage, Event } from "../../armada/gen/pkg/api/event_pb.js";
import {
  HealthCheckResponseSchema,
  HealthCheckResponse_ServingStatus,
} from "../../armada/gen/pkg/api/health_pb.js";
import type { EmbeddedArmada } from "./embedded-armada.js";
import { isAfter, parseMessageId, type MessageId } from "./message-id.js";

const batchSize = 500;

export interface StreamRequest {
  readonly queue: string;
  readonly jobSetId: string;
  readonly fromMessageId: string;
  readonly watch: boolean;
  readonly errorIfMissing: boolean;
}

export async function* jobSetEvents(
  armada: EmbeddedArmada,
  req: StreamRequest,
  signal: AbortSignal,
): AsyncGenerator<EventStreamMessage> {
  if (!armada.getQueue(req.queue)) {
    throw new ConnectError(`[GetJobSetEvents] Queue ${req.queue} does not exist`, Code.NotFound);
  }
  let from: MessageId;
  try {
    from = parseMessageId(req.fromMessageId);
  } catch (e) {
    throw new ConnectError(
      `Could not convert legacy message id over to new message id for request for queue ${req.queue}, jobset ${req.jobSetId}: ${(e as Error).message}`,
      Code.Unknown,
    );
  }
  const log = armada.events;
  if (req.errorIfMissing && !log.exists(req.queue, req.jobSetId)) {
    throw new ConnectError(
      `[GetJobSetEvents] Jobset ${req.jobSetId} for queue ${req.queue} does not exist`,
      Code.NotFound,
    );
  }

  if (!req.watch) {
    const stopAfter = log.lastId(req.queue, req.jobSetId);
    while (stopAfter && !signal.aborted && !isAfter(from, stopAfter)) {
      const batch = log.read(req.queue, req.jobSetId, from, batchSize);
      if (batch.length === 0) return;
      for (const message of batch) {
        const id = parseMessageId(message.id);
        if (isAfter(id, stopAfter)) return;
        yield message;
        from = id;
      }
    }
    return;
  }

  // Register before reading, so an append between a read and the wait is not missed.
  let wake: (() => void) | undefined;
  let dirty = false;
  const unwatch = log.watch(req.queue, req.jobSetId, () => {
    dirty = true;
    wake?.();
  });
  const onAbort = () => wake?.();
  signal.addEventListener("abort", onAbort);
  try {
    while (!signal.aborted) {
      dirty = false;
      const batch = log.read(req.queue, req.jobSetId, from, batchSize);
      for (const message of batch) {
        yield message;
        from = parseMessageId(message.id);
      }
      if (batch.length === batchSize || dirty) continue;
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (dirty || signal.aborted) resolve();
      });
      wake = undefined;
    }
  } finally {
    unwatch();
    signal.removeEventListener("abort", onAbort);
  }
}

export function eventService(armada: EmbeddedArmada): ServiceImpl<typeof Event> {
  return {
    getJobSetEvents(req, ctx: HandlerContext) {
      return jobSetEvents(
        armada,
        {
          queue: req.queue,
          jobSetId: req.id,
          fromMessageId: req.fromMessageId,
          watch: req.watch,
          errorIfMissing: req.errorIfMissing,
        },
        ctx.signal,
      );
    },
    watch(req, ctx: HandlerContext) {
      return jobSetEvents(
        armada,
        {
          queue: req.queue,
          jobSetId: req.jobSetId,
          fromMessageId: req.fromId,
          watch: true,
          errorIfMissing: true,
        },
        ctx.signal,
      );
    },
    health() {
      return create(HealthCheckResponseSchema, { status: HealthCheckResponse_ServingStatus.SERVING });
    },
  };
}
