// The executor container: the image entrypoint's `executor` mode, configured entirely through
// the environment it reads (spark-contract.md §3): where the driver is, who this executor is,
// its size, and the JVM options it needs before it can fetch the rest from the driver.
import type { EnvVar } from "../model.js";
import { envField, envValue, addEnv, oncePerContext, withSparkContainer, type PlanStep } from "./step.js";

export function driverUrl(driverServiceName: string, driverPort: number): string {
  return `spark://CoarseGrainedScheduler@${driverServiceName}:${driverPort}`;
}

export const executorEnvironment: PlanStep = (item, target, ctx) => {
  if (target.role !== "executor") return item;
  const shared = sharedEnv(ctx);
  return withSparkContainer(item, (c) =>
    addEnv({ ...c, args: ["executor"] }, [
      shared.driverUrl,
      envValue("SPARK_EXECUTOR_ID", String(target.executorId)),
      ...shared.rest,
    ]),
  );
};

// The same for every executor of a plan.
const sharedEnv = oncePerContext((ctx): { driverUrl: EnvVar; rest: EnvVar[] } => {
  const e = ctx.executor;
  return {
    driverUrl: envValue("SPARK_DRIVER_URL", driverUrl(ctx.driverServiceName, ctx.ports.driver)),
    rest: [
      envValue("SPARK_EXECUTOR_CORES", e.cores),
      envValue("SPARK_EXECUTOR_MEMORY", `${e.heapMiB}m`),
      envValue("SPARK_APPLICATION_ID", ctx.appId),
      envField("SPARK_EXECUTOR_POD_IP", "status.podIP"),
      envField("SPARK_EXECUTOR_POD_NAME", "metadata.name"),
      envValue("SPARK_RESOURCE_PROFILE_ID", "0"),
      ...e.javaOptions.map((opt, i) => envValue(`SPARK_JAVA_OPT_${i}`, opt)),
      ...e.env.map((v) => envValue(v.name, v.value)),
    ],
  };
});
