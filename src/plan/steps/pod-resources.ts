// Container resources for the role, already sized (see settle-resources.ts and sizing.ts).
import { withSparkContainer, type PlanStep } from "./step.js";

// The object is shared by every pod of the role: plan objects are never mutated.
export const podResources: PlanStep = (item, target, ctx) =>
  withSparkContainer(item, (c) => ({ ...c, resources: ctx.resources[target.role] }));
