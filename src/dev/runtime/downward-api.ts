import type { ContainerView, ResourceFieldRefView } from "./pod-runtime.js";
import { parseQuantity, quantityText } from "../../conf/quantity.js";

/** What the downward API can tell a pod about itself. */
export interface PodFacts {
  readonly podName: string;
  readonly namespace: string;
  readonly uid: string;
  readonly podIp: string;
  readonly hostIp: string;
  readonly nodeName: string;
  readonly serviceAccountName: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What the node offers: the value of a resource limit the container does not set. */
export interface NodeCapacity {
  readonly cpu: number;
  readonly memory: number;
  readonly "ephemeral-storage": number;
}

export type Resolved =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/** Resolves a `fieldRef.fieldPath` as Kubernetes does. Whole `metadata.labels` /
 * `metadata.annotations` are only legal in downwardAPI volumes (`inVolume`). */
export function resolveFieldPath(fieldPath: string, pod: PodFacts, inVolume: boolean): Resolved {
  const subscript = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(fieldPath);
  if (subscript) {
    const map = subscript[1] === "labels" ? pod.labels : pod.annotations;
    return { ok: true, value: map[subscript[2] ?? ""] ?? "" };
  }
  switch (fieldPath) {
    case "metadata.name":
      return { ok: true, value: pod.podName };
    case "metadata.namespace":
      return { ok: true, value: pod.namespace };
    case "metadata.uid":
      return { ok: true, value: pod.uid };
    case "spec.nodeName":
      return { ok: true, value: pod.nodeName };
    case "spec.serviceAccountName":
      return { ok: true, value: pod.serviceAccountName };
    case "status.podIP":
    case "status.podIPs":
      return { ok: true, value: pod.podIp };
    case "status.hostIP":
    case "status.hostIPs":
      return { ok: true, value: pod.hostIp };
    case "metadata.labels":
    case "metadata.annotations":
      if (inVolume)
        return { ok: true, value: formatMap(fieldPath === "metadata.labels" ? pod.labels : pod.annotations) };
      return { ok: false, error: `fieldRef ${fieldPath} is only supported in downwardAPI volumes` };
    default:
      return { ok: false, error: `unsupported fieldRef fieldPath "${fieldPath}"` };
  }
}

/** A labels/annotations file as the kubelet writes it: sorted `key="value"` lines. */
export function formatMap(map: Readonly<Record<string, string>>): string {
  return Object.keys(map)
    .sort()
    .map((k) => `${k}=${JSON.stringify(map[k])}`)
    .join("\n");
}

/** Resolves a `resourceFieldRef` (limits.cpu, requests.memory, ...) against `container`:
 * ceil(value / divisor); an absent limit falls back to the node's capacity, as Kubernetes
 * falls back to the node's allocatable. */
export function resolveResourceField(
  ref: ResourceFieldRefView,
  container: ContainerView,
  nodeCapacity: NodeCapacity,
): Resolved {
  const m = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/.exec(ref.resource ?? "");
  if (!m) return { ok: false, error: `unsupported resourceFieldRef resource "${ref.resource ?? ""}"` };
  const kind = m[1] as "limits" | "requests";
  const resource = m[2] as "cpu" | "memory" | "ephemeral-storage";
  const text = quantityText(container.resources?.[kind]?.[resource]);
  let value = text === undefined ? undefined : parseQuantity(text);
  if (value === undefined) value = kind === "limits" ? nodeCapacity[resource] : 0;
  const divisorText = quantityText(ref.divisor);
  const divisor = divisorText === undefined ? 1 : parseQuantity(divisorText);
  if (!divisor) return { ok: false, error: `invalid resourceFieldRef divisor "${divisorText ?? ""}"` };
  // Round before ceil so 0.1/0.001 = 100.00000000000001 counts as 100.
  return { ok: true, value: String(Math.ceil(Number((value / divisor).toPrecision(12)))) };
}
