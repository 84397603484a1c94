import { resolveFieldPath, resolveResourceField, type NodeCapacity, type PodFacts } from "./downward-api.js";
import type { ContainerView, EnvVarView } from "./pod-runtime.js";
import { expandVars } from "./var-expansion.js";

export type ContainerEnvResult =
  | { readonly ok: true; readonly env: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly error: string };

/**
 * The environment a container defines, as the kubelet computes it: the container's `env` in
 * order, then `extraEnv` (Armada's ARMADA_* variables, appended for names the container does
 * not define). Each `value` is `$(VAR)`-expanded against the variables defined before it;
 * `fieldRef` / `resourceFieldRef` values come from the downward API and are not expanded.
 * A later entry with the same name replaces an earlier one.
 */
export function containerEnv(
  container: ContainerView,
  pod: PodFacts,
  extraEnv: Readonly<Record<string, string>>,
  node: NodeCapacity,
): ContainerEnvResult {
  if (container.envFrom && container.envFrom.length > 0) {
    return { ok: false, error: "envFrom (ConfigMaps, Secrets) is not supported by armada-spark dev" };
  }
  const env = new Map<string, string>();
  const defined = new Set((container.env ?? []).map((e) => e.name ?? ""));
  const entries: EnvVarView[] = [
    ...(container.env ?? []),
    ...Object.entries(extraEnv)
      .filter(([name]) => !defined.has(name))
      .map(([name, value]) => ({ name, value })),
  ];
  for (const entry of entries) {
    const name = entry.name ?? "";
    if (name === "") return { ok: false, error: "an env entry has no name" };
    const from = entry.valueFrom;
    if (from?.fieldRef) {
      const resolved = resolveFieldPath(from.fieldRef.fieldPath ?? "", pod, false);
      if (!resolved.ok) return { ok: false, error: `env ${name}: ${resolved.error}` };
      env.set(name, resolved.value);
    } else if (from?.resourceFieldRef) {
      const resolved = resolveResourceField(from.resourceFieldRef, container, node);
      if (!resolved.ok) return { ok: false, error: `env ${name}: ${resolved.error}` };
      env.set(name, resolved.value);
    } else if (from?.configMapKeyRef || from?.secretKeyRef) {
      const ref = from.configMapKeyRef ?? from.secretKeyRef;
      if (ref?.optional) continue;
      const kind = from.configMapKeyRef ? "configMapKeyRef" : "secretKeyRef";
      return { ok: false, error: `env ${name}: ${kind} is not supported by armada-spark dev` };
    } else {
      env.set(
        name,
        expandVars(entry.value ?? "", (v) => env.get(v)),
      );
    }
  }
  return { ok: true, env };
}
