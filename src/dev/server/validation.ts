// Armada's submit validation (internal/server/submit/validation), in its order: request-level
// rules first, then each item's rules; the first failing rule's text becomes INVALID_ARGUMENT.
// Pure: works on the generated messages through the structural types below.

import { failFastAnnotation, gangInfoOf, isGangError } from "./gang.js";
import { milliValue, parseQuantity } from "../../conf/quantity.js";

export interface QuantityLike {
  string?: string;
}
export interface ContainerLike {
  name?: string;
  resources?: { limits: Record<string, QuantityLike>; requests: Record<string, QuantityLike> };
  ports: ReadonlyArray<{ containerPort?: number }>;
}
export interface PodSpecLike {
  containers: readonly ContainerLike[];
  initContainers: readonly ContainerLike[];
  priorityClassName?: string;
  terminationGracePeriodSeconds?: bigint | number;
  affinity?: { nodeAffinity?: { preferredDuringSchedulingIgnoredDuringExecution: readonly unknown[] } };
}
export interface SubmitItemLike<P extends PodSpecLike = PodSpecLike> {
  priority: number;
  namespace: string;
  clientId: string;
  annotations: Record<string, string>;
  podSpec?: P;
  podSpecs: readonly P[];
  ingress: ReadonlyArray<{ ports: readonly number[] }>;
}
export interface SubmitRequestLike<P extends PodSpecLike = PodSpecLike> {
  queue: string;
  jobSetId: string;
  jobRequestItems: ReadonlyArray<SubmitItemLike<P>>;
}

/** Armada's server defaults (config/armada/config.yaml). */
export interface SubmissionRules {
  readonly allowedPriorityClasses: ReadonlySet<string>;
  readonly maxPodSpecSizeBytes: number;
  readonly minTerminationGracePeriodSeconds: number;
  readonly maxTerminationGracePeriodSeconds: number;
  readonly minMemoryBytes: number;
  readonly assertInitContainersRequestFractionalCpu: boolean;
}

export const defaultSubmissionRules: SubmissionRules = {
  allowedPriorityClasses: new Set(["armada-default", "armada-preemptible", "armada-resilient"]),
  maxPodSpecSizeBytes: 65535,
  minTerminationGracePeriodSeconds: 1,
  maxTerminationGracePeriodSeconds: 300,
  minMemoryBytes: 2 ** 20,
  assertInitContainersRequestFractionalCpu: true,
};

export function mainPodSpec<P extends PodSpecLike>(item: SubmitItemLike<P>): P | undefined {
  return item.podSpec ?? item.podSpecs[0];
}

/** The first violated rule's message, or undefined when the request is well formed. */
export function validateSubmitRequest<P extends PodSpecLike>(
  req: SubmitRequestLike<P>,
  rules: SubmissionRules,
  podSpecSize: (spec: P) => number,
): string | undefined {
  if (req.queue.length === 0) return "queue is a required field";
  const gangError = validateGangs(req);
  if (gangError) return gangError;
  if (req.jobSetId.length === 0) return "job set id is a required field";
  if (req.jobSetId.length >= 1024) {
    return `job set id of length ${req.jobSetId.length} must be less than max character length 1024`;
  }
  for (const item of req.jobRequestItems) {
    const error = validateItem(item, rules, podSpecSize);
    if (error) return error;
  }
  return undefined;
}

function validateItem<P extends PodSpecLike>(
  item: SubmitItemLike<P>,
  rules: SubmissionRules,
  podSpecSize: (spec: P) => number,
): string | undefined {
  if (item.namespace.length === 0) return "namespace is a required field";
  if (item.podSpec === undefined && item.podSpecs.length === 0)
    return "Job must contain at least one PodSpec";
  if (item.podSpecs.length > 0 && item.podSpec !== undefined) {
    return "PodSpec must be nil if PodSpecs is provided (i.e., these are exclusive)";
  }
  if (item.podSpecs.length > 1) return "Jobs with multiple pods are not supported";
  const spec = mainPodSpec(item)!;
  const size = podSpecSize(spec);
  if (size > rules.maxPodSpecSizeBytes) {
    return `Pod spec has a size of ${size} bytes which is greater than the maximum allowed size of ${rules.maxPodSpecSizeBytes}`;
  }
  if ((spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution.length ?? 0) > 0) {
    return "preferredDuringSchedulingIgnoredDuringExecution node affinity is not supported by Armada";
  }
  return (
    validateResources(spec, rules) ??
    validateInitContainerCpu(spec, rules) ??
    validatePriorityClass(spec, rules) ??
    validateTerminationGracePeriod(spec, rules) ??
    validateIngresses(item) ??
    validatePorts(spec) ??
    (item.clientId.length > 100
      ? `client id of length ${item.clientId.length} is greater than max allowed length of  100`
      : undefined)
  );
}

function quantity(q: QuantityLike | undefined): number {
  return parseQuantity(q?.string ?? "0") ?? 0;
}

function validateResources(spec: PodSpecLike, rules: SubmissionRules): string | undefined {
  for (const c of [...spec.containers, ...spec.initContainers]) {
    const name = c.name ?? "";
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    const requestKeys = Object.keys(requests);
    // Armada tests `requests` twice here (a slip upstream), so limits without requests land here too.
    if (requestKeys.length === 0) {
      return `container ${name} has no resources specified`;
    }
    if (requestKeys.length !== Object.keys(limits).length) {
      return `container ${name} defines different resources for requests and limits`;
    }
    for (const [resource, q] of Object.entries(requests)) {
      if (quantity(q) < 0) {
        return `container ${name} defines negative resource request (${q.string}) for resource ${resource}`;
      }
    }
    for (const [resource, q] of Object.entries(limits)) {
      if (quantity(q) < 0)
        return `container ${name} defines negative resource limit (${q.string}) for resource ${resource}`;
    }
    for (const [resource, q] of Object.entries(requests)) {
      const limit = limits[resource];
      if (limit === undefined) return `container ${name} defines ${resource} for requests but not limits`;
      const limitMilli = milliValue(quantity(limit));
      const requestMilli = milliValue(quantity(q));
      if (limitMilli < requestMilli)
        return `container ${name} defines ${resource} with limits smaller than requests`;
      // maxOversubscription defaults to 1.0: limits must equal requests.
      if (limitMilli > requestMilli)
        return `container ${name} defines ${resource} with limits great than 1.00*requests`;
    }
    const memory = requests["memory"];
    if (memory !== undefined && Math.ceil(quantity(memory)) < rules.minMemoryBytes) {
      return `container "${name}" memory requests (${memory.string}) below server minimum (1Mi)`;
    }
  }
  return undefined;
}

function validateInitContainerCpu(spec: PodSpecLike, rules: SubmissionRules): string | undefined {
  if (!rules.assertInitContainersRequestFractionalCpu) return undefined;
  for (const c of spec.initContainers) {
    for (const q of [c.resources?.requests["cpu"], c.resources?.limits["cpu"]]) {
      const milli = milliValue(quantity(q));
      if (milli !== 0 && milli % 1000 === 0) {
        return `Init container ${c.name ?? ""} contains invalid cpu value ${q?.string}.  All init containers must set requests/limits to fractional cpu e.g. 900m`;
      }
    }
  }
  return undefined;
}

function validatePriorityClass(spec: PodSpecLike, rules: SubmissionRules): string | undefined {
  const name = spec.priorityClassName ?? "";
  if (name === "" || rules.allowedPriorityClasses.has(name)) return undefined;
  return `priority class ${name} is not supported`;
}

function validateTerminationGracePeriod(spec: PodSpecLike, rules: SubmissionRules): string | undefined {
  const seconds = Number(spec.terminationGracePeriodSeconds ?? 0);
  if (seconds === 0) return undefined;
  if (seconds < rules.minTerminationGracePeriodSeconds || seconds > rules.maxTerminationGracePeriodSeconds) {
    // Armada formats its time.Duration bounds with %d, i.e. in nanoseconds.
    const ns = (s: number) => (BigInt(s) * 1_000_000_000n).toString();
    return `terminationGracePeriodSeconds of ${seconds} must be [${ns(rules.minTerminationGracePeriodSeconds)}, ${ns(rules.maxTerminationGracePeriodSeconds)}], or omitted`;
  }
  return undefined;
}

function validateIngresses(item: SubmitItemLike): string | undefined {
  const seen = new Map<number, number>();
  for (const [index, ingress] of item.ingress.entries()) {
    if (ingress.ports.length === 0)
      return "ingress contains zero ports. Each ingress should have at least one port";
    for (const port of ingress.ports) {
      const existing = seen.get(port);
      if (existing !== undefined) {
        return `port ${port} has two ingress configurations, specified in ingress configs with indexes ${existing}, ${index}. Each port should at maximum have one ingress configuration`;
      }
      seen.set(port, index);
    }
  }
  return undefined;
}

function validatePorts(spec: PodSpecLike): string | undefined {
  const seen = new Map<number, string>();
  for (const c of [...spec.containers, ...spec.initContainers]) {
    for (const p of c.ports) {
      const port = p.containerPort ?? 0;
      const existing = seen.get(port);
      if (existing !== undefined) {
        return `container port ${port} is exposed multiple times, specified in containers "${existing}" and "${c.name ?? ""}". Should only be exposed once`;
      }
      seen.set(port, c.name ?? "");
    }
  }
  return undefined;
}

function validateGangs(req: SubmitRequestLike): string | undefined {
  const seen = new Map<string, { cardinality: number; priorityClass: string; uniformity: string }>();
  for (const item of req.jobRequestItems) {
    const gang = gangInfoOf(item.annotations);
    if (isGangError(gang)) return `invalid gang information: ${gang.error}`;
    if (gang === undefined) continue;
    const failFast = item.annotations[failFastAnnotation];
    if (failFast !== undefined && failFast !== "true") {
      return `gang jobs may not set fail fast flag (annotation - ${failFastAnnotation}) to anything but true`;
    }
    const actual = {
      cardinality: gang.cardinality,
      priorityClass: mainPodSpec(item)?.priorityClassName ?? "",
      uniformity: gang.nodeUniformityLabel,
    };
    const expected = seen.get(gang.id);
    if (!expected) {
      seen.set(gang.id, actual);
      continue;
    }
    if (expected.cardinality !== actual.cardinality) {
      return `inconsistent gang cardinality in gang ${gang.id}: expected ${expected.cardinality} but got ${actual.cardinality}`;
    }
    if (expected.priorityClass !== actual.priorityClass) {
      return `inconsistent PriorityClassName in gang ${gang.id}: expected ${expected.priorityClass} but got ${actual.priorityClass}`;
    }
    if (expected.uniformity !== actual.uniformity) {
      return `inconsistent nodeUniformityLabel in gang ${gang.id}: expected ${expected.uniformity} but got ${actual.uniformity}`;
    }
  }
  return undefined;
}

/** Cancel/preempt requests: queue and job set must be given (armadaerrors.ErrInvalidArgument). */
export function validateQueueAndJobSet(queue: string, jobSetId: string): string | undefined {
  if (queue === "") return `value "" is invalid for field "Queue": queue cannot be empty`;
  if (jobSetId === "") return `value "" is invalid for field "JobSetId": jobset cannot be empty`;
  return undefined;
}

export const maxReasonLength = 50;

export function validateReason(reason: string): string | undefined {
  if (Buffer.byteLength(reason) <= maxReasonLength) return undefined;
  return `value "${reason}" is invalid for field "Reason": reason cannot be longer than ${maxReasonLength} characters`;
}
