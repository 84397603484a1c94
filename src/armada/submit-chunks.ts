// SubmitJobs payload shaping: every item carries a client_id (Armada deduplicates on it, so a
// retried chunk never duplicates a job) and requests hold at most 200 items, like armadactl.
import { create } from "@bufbuild/protobuf";
import { JobSubmitRequestSchema } from "./gen/pkg/api/submit_pb.js";
import type { JobSubmitRequest } from "./gen/pkg/api/submit_pb.js";

export const maxItemsPerRequest = 200;

/** The request with a client_id on every item that lacks one (items are copied, not mutated). */
export function withClientIds(request: JobSubmitRequest, newClientId: () => string): JobSubmitRequest {
  if (request.jobRequestItems.every((i) => i.clientId !== "")) return request;
  return create(JobSubmitRequestSchema, {
    ...request,
    jobRequestItems: request.jobRequestItems.map((item) =>
      item.clientId !== "" ? item : { ...item, clientId: newClientId() },
    ),
  });
}

/** Splits into requests of at most `size` items, in order, same queue and job set. */
export function chunkRequest(request: JobSubmitRequest, size = maxItemsPerRequest): JobSubmitRequest[] {
  if (size < 1) throw new RangeError(`chunk size must be >= 1, got ${size}`);
  const chunks: JobSubmitRequest[] = [];
  for (let i = 0; i < request.jobRequestItems.length; i += size) {
    chunks.push(
      create(JobSubmitRequestSchema, {
        queue: request.queue,
        jobSetId: request.jobSetId,
        jobRequestItems: request.jobRequestItems.slice(i, i + size),
      }),
    );
  }
  return chunks;
}
