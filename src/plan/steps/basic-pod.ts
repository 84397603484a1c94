// The skeleton of every item: client id, namespace, one pod with the Spark container running the
// image's entrypoint (no `command`), restartPolicy Never and the image's Spark user.
import type { JobSubmitRequestItem } from "../model.js";
import type { PlanStep } from "./step.js";

export const basicPod: PlanStep = (item, target, ctx) => {
  const name = target.role === "driver" ? "driver" : "executor";
  const clientId =
    target.role === "driver"
      ? `${ctx.submissionId}-driver`
      : `${ctx.submissionId}-executor-${target.executorId}`;
  const built: JobSubmitRequestItem = {
    ...item,
    clientId,
    namespace: ctx.namespace,
    podSpecs: [
      {
        restartPolicy: "Never",
        securityContext: { runAsUser: ctx.runAsUser },
        containers: [{ name, image: ctx.image }],
      },
    ],
  };
  return built;
};
