// Executors get spark.armada.executor.preemptionGracePeriod to finish (decommission) when
// Armada preempts them; the driver keeps Armada's default.
import { withPodSpec, type PlanStep } from "./step.js";

export const preemptionGrace: PlanStep = (item, target, ctx) =>
  target.role !== "executor"
    ? item
    : withPodSpec(item, (spec) => ({
        ...spec,
        terminationGracePeriodSeconds: ctx.executor.terminationGracePeriodSeconds,
      }));
