// Armada EventStreamMessage (generated) -> JobEvent.
import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { EventMessage } from "../armada/gen/pkg/api/event_pb.js";
import { Cause } from "../armada/gen/pkg/api/event_pb.js";
import type { JobEvent, JobEventKind, SparkRole } from "./job-event.js";

const kindOfCase: Record<string, JobEventKind> = {
  submitted: "submitted",
  queued: "queued",
  leased: "leased",
  leaseReturned: "leaseReturned",
  leaseExpired: "leaseExpired",
  pending: "pending",
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  cancelling: "cancelling",
  cancelled: "cancelled",
  preempting: "preempting",
  preempted: "preempted",
  reprioritizing: "reprioritizing",
  reprioritized: "reprioritized",
  ingressInfo: "ingressInfo",
  utilisation: "utilisation",
};

/** A stream message: the resume id and the event (EventStreamMessage, or the client's JobSetEvent). */
export interface IdentifiedEvent {
  id: string;
  message?: EventMessage;
}

/** Returns undefined for messages without a known event (an empty oneof from a newer server). */
export function jobEventFromMessage(message: IdentifiedEvent): JobEvent | undefined {
  const events = message.message?.events;
  if (!events || events.case === undefined) return undefined;
  const kind = kindOfCase[events.case];
  if (!kind) return undefined;
  // Every variant carries these; the optional ones exist on some variants only.
  const v = events.value as unknown as Record<string, unknown>;
  const event: JobEvent = {
    messageId: message.id,
    jobId: String(v.jobId ?? ""),
    jobSetId: String(v.jobSetId ?? ""),
    queue: String(v.queue ?? ""),
    kind,
    created: v.created ? timestampDate(v.created as Parameters<typeof timestampDate>[0]) : new Date(0),
  };
  const text = (name: string): string | undefined =>
    typeof v[name] === "string" && v[name] !== "" ? (v[name] as string) : undefined;
  event.clusterId = text("clusterId");
  event.nodeName = text("nodeName");
  event.podName = text("podName");
  event.reason = text("reason");
  if (events.case === "failed") {
    event.cause = Cause[events.value.cause];
    event.containers = events.value.containerStatuses.map((c) => ({
      name: c.name,
      exitCode: c.exitCode,
      reason: c.reason,
      message: c.message,
    }));
  }
  if (events.case === "submitted") {
    const labels = events.value.job?.labels ?? {};
    const role = labels["spark-role"];
    if (role === "driver" || role === "executor") event.role = role as SparkRole;
    const execId = Number(labels["spark-exec-id"]);
    if (Number.isInteger(execId) && execId > 0) event.executorId = execId;
    event.labels = labels;
    if (events.value.job?.namespace) event.namespace = events.value.job.namespace;
  }
  return event;
}
