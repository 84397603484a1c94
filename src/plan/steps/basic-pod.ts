// The skeleton of every item: client id, namespace, one pod with the Spark container running the
// image's entrypoint (no `command`), restartPolicy Never and the image's Spark user.
import type { PlanStep } from "./step.js";

export const basicPod: PlanStep = (item, target, ctx) => {
  const clientId =
    target.role === "driver"
      ? `${ctx.submissionId}-driver`
      : `${ctx.submissionId}-executor-${target.executorId}`;
  return {
    ...item,
    clientId,
    namespace: ctx.namespace,
    podSpecs: [
      {
        restartPolicy: "Never",
        securityContext: { runAsUser: ctx.runAsUser },
        containers: [{ name: target.role, image: ctx.image }],
      },
    ],
  };
};
