// api.QueueService (and the queue methods Submit still carries, which delegate here).

import { create } from "@bufbuild/protobuf";
import { EmptySchema } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, type HandlerContext, type ServiceImpl } from "@connectrpc/connect";
import {
  BatchQueueCreateResponseSchema,
  BatchQueueUpdateResponseSchema,
  QueueCreateResponseSchema,
  QueueUpdateResponseSchema,
  StreamingQueueMessageSchema,
  type QueueService,
} from "../../armada/gen/pkg/api/submit_pb.js";
import { principalKey } from "./auth.js";
import type { EmbeddedArmada } from "./embedded-armada.js";

export function queueService(armada: EmbeddedArmada): ServiceImpl<typeof QueueService> {
  const empty = () => create(EmptySchema);
  const requestor = (ctx: HandlerContext) => ctx.values.get(principalKey).name;
  return {
    createQueue(q) {
      armada.createQueue(q);
      return empty();
    },
    createQueues(list) {
      const failedQueues = [];
      for (const q of list.queues) {
        try {
          armada.createQueue(q);
        } catch (e) {
          failedQueues.push(
            create(QueueCreateResponseSchema, { queue: q, error: ConnectError.from(e).rawMessage }),
          );
        }
      }
      return create(BatchQueueCreateResponseSchema, { failedQueues });
    },
    updateQueue(q) {
      armada.updateQueue(q);
      return empty();
    },
    updateQueues(list) {
      const failedQueues = [];
      for (const q of list.queues) {
        try {
          armada.updateQueue(q);
        } catch (e) {
          failedQueues.push(
            create(QueueUpdateResponseSchema, { queue: q, error: ConnectError.from(e).rawMessage }),
          );
        }
      }
      return create(BatchQueueUpdateResponseSchema, { failedQueues });
    },
    deleteQueue(req) {
      armada.deleteQueue(req.name);
      return empty();
    },
    getQueue(req) {
      const q = armada.getQueue(req.name);
      if (!q) {
        throw new ConnectError(
          `[GetQueue] error getting queue ${JSON.stringify(req.name)}: queue ${req.name} not found`,
          Code.NotFound,
        );
      }
      return q;
    },
    async *getQueues(req) {
      const queues = armada.listQueues();
      const limit = req.num > 0 ? req.num : queues.length;
      for (const q of queues.slice(0, limit))
        yield create(StreamingQueueMessageSchema, { event: { case: "queue", value: q } });
      // armadactl treats a stream without the end marker as an error.
      yield create(StreamingQueueMessageSchema, { event: { case: "end", value: {} } });
    },
    cordonQueue(req) {
      armada.setCordoned(req.name, true);
      return empty();
    },
    uncordonQueue(req) {
      armada.setCordoned(req.name, false);
      return empty();
    },
    preemptOnQueue(req, ctx) {
      if (!armada.getQueue(req.name)) throw new ConnectError(`queue ${req.name} not found`, Code.NotFound);
      armada.preemptOnQueue(req.name, req.priorityClasses, requestor(ctx));
      return empty();
    },
    cancelOnQueue(req, ctx) {
      if (!armada.getQueue(req.name)) throw new ConnectError(`queue ${req.name} not found`, Code.NotFound);
      armada.cancelOnQueue(req.name, req.jobStates, req.priorityClasses, requestor(ctx));
      return empty();
    },
  };
}
