// Where and how urgently Armada schedules the pod: priority, priority class, node selectors.
import { withPodSpec, type PlanStep } from "./step.js";

export const scheduling: PlanStep = (item, _target, ctx) => {
  const withPriority = ctx.priority === undefined ? item : { ...item, priority: ctx.priority };
  return withPodSpec(withPriority, (spec) => ({
    ...spec,
    ...(ctx.priorityClassName !== undefined ? { priorityClassName: ctx.priorityClassName } : {}),
    ...(Object.keys(ctx.nodeSelector).length > 0 ? { nodeSelector: { ...ctx.nodeSelector } } : {}),
  }));
};
