// A plan step applies one concern to a job item for a driver or an executor, as Spark's Kubernetes
// feature steps do for pods. Steps are pure: they return a new item and never read configuration.
import type { Container, EnvVar, JobSubmitRequestItem, PodSpec } from "../model.js";
import type { PlanContext, PodTarget } from "../plan-context.js";

export type PlanStep = (
  item: JobSubmitRequestItem,
  target: PodTarget,
  ctx: PlanContext,
) => JobSubmitRequestItem;

export function withPodSpec(item: JobSubmitRequestItem, f: (spec: PodSpec) => PodSpec): JobSubmitRequestItem {
  const [spec, ...rest] = item.podSpecs;
  return { ...item, podSpecs: [f(spec ?? { containers: [] }), ...rest] };
}

/** Applies `f` to the Spark container (the first one; templates may add sidecars after it). */
export function withSparkContainer(
  item: JobSubmitRequestItem,
  f: (c: Container) => Container,
): JobSubmitRequestItem {
  return withPodSpec(item, (spec) => {
    const [main, ...rest] = spec.containers;
    if (!main) throw new Error("plan step order: the Spark container must exist before it is configured");
    return { ...spec, containers: [f(main), ...rest] };
  });
}

export function addEnv(c: Container, env: readonly EnvVar[]): Container {
  return { ...c, env: [...(c.env ?? []), ...env] };
}

export function envValue(name: string, value: string): EnvVar {
  return { name, value };
}

/** Kubernetes downward API: the pod's own IP, name or labels, known only once it runs. */
export function envField(name: string, fieldPath: string): EnvVar {
  return { name, valueFrom: { fieldRef: { fieldPath } } };
}

/**
 * `build` run once per plan context and its result shared by every item of that plan: executors
 * share what does not depend on their id (plan objects are never mutated).
 */
export function oncePerContext<T>(build: (ctx: PlanContext) => T): (ctx: PlanContext) => T {
  const cache = new WeakMap<PlanContext, T>();
  return (ctx) => {
    let value = cache.get(ctx);
    if (value === undefined) {
      value = build(ctx);
      cache.set(ctx, value);
    }
    return value;
  };
}
