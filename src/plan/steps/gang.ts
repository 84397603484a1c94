// One gang per application: Armada places the driver and all executors together or not at all,
// and, with a node-uniformity label, on nodes sharing one value of it (one cluster).
import type { PlanStep } from "./step.js";

export const gangIdAnnotation = "armadaproject.io/gangId";
export const gangCardinalityAnnotation = "armadaproject.io/gangCardinality";
export const gangNodeUniformityAnnotation = "armadaproject.io/gangNodeUniformityLabel";

export const gang: PlanStep = (item, _target, ctx) => ({
  ...item,
  annotations: {
    ...item.annotations,
    [gangIdAnnotation]: ctx.gangId,
    [gangCardinalityAnnotation]: String(ctx.executorCount + 1),
    ...(ctx.nodeUniformityLabel !== undefined
      ? { [gangNodeUniformityAnnotation]: ctx.nodeUniformityLabel }
      : {}),
  },
});
