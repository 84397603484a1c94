// Container resources for the role, already sized (see sizing.ts and settle-context.ts).
import { withSparkContainer, type PlanStep } from "./step.js";

export const podResources: PlanStep = (item, target, ctx) => {
  const r = ctx.resources[target.role];
  return withSparkContainer(item, (c) => ({
    ...c,
    resources: { requests: { ...r.requests }, limits: { ...r.limits } },
  }));
};
