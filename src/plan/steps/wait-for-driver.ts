// Executors fetch their configuration from the driver as they start, so each executor pod first
// waits until the driver's port answers (contract D: a small Java class in our jar, run through
// the image entrypoint's plain-command mode), for at most spark.armada.executor.connectionTimeout.
import type { Container } from "../model.js";
import { oncePerContext, withPodSpec, type PlanStep } from "./step.js";

const waitScript =
  'exec java -Xmx32m -cp "${SPARK_HOME:-/opt/spark}/jars/*:${ARMADA_SPARK_JARS:-}" ' +
  'io.armadaproject.spark.WaitForDriver "$@"';

export const waitForDriver: PlanStep = (item, target, ctx) => {
  if (target.role !== "executor") return item;
  const container = waitContainer(ctx);
  return withPodSpec(item, (spec) => ({
    ...spec,
    initContainers: [...(spec.initContainers ?? []), container],
  }));
};

// The same for every executor of a plan.
const waitContainer = oncePerContext((ctx): Container => {
  const init = ctx.executor.initContainer;
  const size = { cpu: init.cpu, memory: init.memory };
  return {
    name: "wait-for-driver",
    image: init.image,
    args: [
      "bash",
      "-c",
      waitScript,
      "wait-for-driver",
      ctx.driverServiceName,
      String(ctx.ports.driver),
      String(init.timeoutSeconds),
    ],
    resources: { requests: { ...size }, limits: { ...size } },
  };
});
