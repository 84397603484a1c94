// From a validated JobSubmitRequestItem to what the server keeps: the api.Job (with Armada's
// defaults applied after validation) and the scheduler's view of it.

import { create } from "@bufbuild/protobuf";
import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import { JobSchema, type Job, type JobSubmitRequestItem } from "../../armada/gen/pkg/api/submit_pb.js";
import { QuantitySchema } from "../../armada/gen/k8s.io/apimachinery/pkg/api/resource/generated_pb.js";
import {
  ResourceRequirementsSchema,
  type Container,
  type PodSpec,
} from "../../armada/gen/k8s.io/api/core/v1/generated_pb.js";
import { gangInfoOf, isGangError, type GangInfo } from "./gang.js";
import { parseQuantity } from "../../conf/quantity.js";
import type { NodeSelectorTerm, Resources } from "./scheduler.js";
import { mainPodSpec } from "./validation.js";

/** Armada's default config: defaultJobLimits and the default priority class. */
export const defaultJobLimits: Readonly<Record<string, string>> = {
  cpu: "1",
  memory: "1Gi",
  "ephemeral-storage": "8Gi",
};
export const defaultPriorityClass = "armada-default";

export interface SchedInfo {
  readonly requests: Resources;
  readonly nodeSelector: Readonly<Record<string, string>>;
  readonly nodeAffinity?: readonly NodeSelectorTerm[];
  readonly gang?: GangInfo;
}

export interface JobIdentity {
  readonly id: string;
  readonly queue: string;
  readonly jobSetId: string;
  readonly owner: string;
  readonly createdMs: number;
}

/** The api.Job for a submitted item. Takes over the item's pod spec (defaults are applied to
 * it in place: the request message is not used afterwards, and copying it is costly). */
export function jobFromItem(item: JobSubmitRequestItem, who: JobIdentity): Job {
  const spec = mainPodSpec(item)!;
  for (const c of [...spec.initContainers, ...spec.containers]) applyDefaultResources(c);
  if (!spec.priorityClassName) spec.priorityClassName = defaultPriorityClass;
  const requests = quantities(podRequests(spec));
  return create(JobSchema, {
    id: who.id,
    clientId: item.clientId,
    jobSetId: who.jobSetId,
    queue: who.queue,
    namespace: item.namespace,
    labels: { ...item.labels },
    annotations: { ...item.annotations },
    requiredNodeLabels: { ...item.requiredNodeLabels },
    owner: who.owner,
    priority: item.priority,
    podSpec: spec,
    schedulingResourceRequirements: create(ResourceRequirementsSchema, {
      requests,
      limits: requests,
    }),
    created: timestampFromMs(who.createdMs),
    ingress: item.ingress,
    services: item.services,
    scheduler: item.scheduler,
  });
}

function applyDefaultResources(c: Container): void {
  c.resources ??= create(ResourceRequirementsSchema);
  for (const [resource, amount] of Object.entries(defaultJobLimits)) {
    if (c.resources.requests[resource] === undefined && c.resources.limits[resource] === undefined) {
      c.resources.requests[resource] = create(QuantitySchema, { string: amount });
      c.resources.limits[resource] = create(QuantitySchema, { string: amount });
    }
  }
}

function quantities(resources: Resources): Record<string, ReturnType<typeof create<typeof QuantitySchema>>> {
  return Object.fromEntries(
    Object.entries(resources).map(([r, v]) => [r, create(QuantitySchema, { string: String(v) })]),
  );
}

/** What the pod occupies on a node, as Kubernetes computes it: the sum of the containers'
 * requests, or the largest init container's when that is larger. */
export function podRequests(spec: PodSpec): Resources {
  const sum: Record<string, number> = {};
  for (const c of spec.containers) {
    for (const [r, q] of Object.entries(c.resources?.requests ?? {}))
      sum[r] = (sum[r] ?? 0) + (parseQuantity(q.string ?? "0") ?? 0);
  }
  for (const c of spec.initContainers) {
    for (const [r, q] of Object.entries(c.resources?.requests ?? {})) {
      sum[r] = Math.max(sum[r] ?? 0, parseQuantity(q.string ?? "0") ?? 0);
    }
  }
  return sum;
}

export function schedInfoOf(job: Job): SchedInfo {
  const spec = job.podSpec!;
  const gang = gangInfoOf(job.annotations);
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return {
    requests: podRequests(spec),
    nodeSelector: { ...job.requiredNodeLabels, ...spec.nodeSelector },
    ...(terms.length > 0
      ? {
          nodeAffinity: terms.map((t) => ({
            matchExpressions: t.matchExpressions.map((e) => ({
              key: e.key,
              operator: e.operator,
              values: e.values,
            })),
          })),
        }
      : {}),
    ...(gang && !isGangError(gang) ? { gang } : {}),
  };
}
