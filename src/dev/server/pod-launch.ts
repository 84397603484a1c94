// What the runtime gets for a leased job: the pod as Armada's executor would create it
// (labels, annotations, restartPolicy Never, services) plus the ARMADA_* environment.

import { clone } from "@bufbuild/protobuf";
import { PodSpecSchema } from "../../armada/gen/k8s.io/api/core/v1/generated_pb.js";
import type { Job } from "../../armada/gen/pkg/api/submit_pb.js";
import type { PodLaunch } from "../runtime/pod-runtime.js";
import type { GangInfo } from "./gang.js";
import type { Lease } from "./scheduler.js";

export function podName(jobId: string, podNumber = 0): string {
  return `armada-${jobId}-${podNumber}`;
}

export interface LaunchInputs {
  readonly job: Job;
  readonly runId: string;
  readonly lease: Lease;
  readonly gang?: GangInfo;
  readonly allowCustomServiceNames: boolean;
}

export function podLaunch({ job, runId, lease, gang, allowCustomServiceNames }: LaunchInputs): PodLaunch {
  const podNumber = 0;
  const spec = clone(PodSpecSchema, job.podSpec!);
  spec.restartPolicy = "Never";
  spec.nodeName = lease.node;
  const extraEnv: Record<string, string> = {
    ARMADA_JOB_ID: job.id,
    ARMADA_QUEUE: job.queue,
    ARMADA_JOB_SET_ID: job.jobSetId,
  };
  if (gang) {
    extraEnv["ARMADA_GANG_ID"] = gang.id;
    extraEnv["ARMADA_GANG_CARDINALITY"] = String(gang.cardinality);
    if (lease.uniformity) {
      extraEnv["ARMADA_GANG_NODE_UNIFORMITY_LABEL_NAME"] = lease.uniformity.label;
      extraEnv["ARMADA_GANG_NODE_UNIFORMITY_LABEL_VALUE"] = lease.uniformity.value;
    }
  }
  return {
    jobId: job.id,
    runId,
    queue: job.queue,
    jobSetId: job.jobSetId,
    namespace: job.namespace,
    podNumber,
    podName: podName(job.id, podNumber),
    clusterId: lease.cluster,
    nodeName: lease.node,
    podSpec: spec,
    labels: {
      ...job.labels,
      armada_job_id: job.id,
      armada_job_run_id: runId,
      armada_queue_id: job.queue,
      armada_pod_number: String(podNumber),
    },
    annotations: { ...job.annotations, armada_jobset_id: job.jobSetId, armada_owner: job.owner },
    extraEnv,
    services: serviceNames(job, allowCustomServiceNames),
  };
}

/**
 * Services as Armada's submit conversion makes them: one per ServiceConfig, holding only the
 * ports some container (or native-sidecar init container) declares; named
 * `armada-<jobId>-0-service-<index>` unless custom names are allowed and one is given. Each
 * also resolves by its in-cluster DNS forms (`name.namespace`, `name.namespace.svc`, ...).
 */
export function serviceNames(job: Job, allowCustomServiceNames: boolean): PodLaunch["services"] {
  const spec = job.podSpec!;
  const declared = new Set<number>();
  for (const c of spec.containers) for (const p of c.ports) declared.add(p.containerPort);
  for (const c of spec.initContainers) {
    if (c.restartPolicy === "Always") for (const p of c.ports) declared.add(p.containerPort);
  }
  const services: Array<{ name: string; ports: number[] }> = [];
  job.services.forEach((config, index) => {
    const ports = config.ports.filter((p) => declared.has(p));
    if (ports.length === 0) return;
    const name = allowCustomServiceNames && config.name ? config.name : `armada-${job.id}-0-service-${index}`;
    for (const alias of [
      name,
      `${name}.${job.namespace}`,
      `${name}.${job.namespace}.svc`,
      `${name}.${job.namespace}.svc.cluster.local`,
    ]) {
      services.push({ name: alias, ports });
    }
  });
  return services;
}
