// The driver's headless service: executors reach the driver's RPC and block manager ports, and
// users the UI, by a stable name. With a custom name (spark.armada.driver.serviceNamePrefix) the
// name is ours; otherwise Armada names it armada-<driverJobId>-0-service-0.
import type { PlanStep } from "./step.js";

export const driverService: PlanStep = (item, target, ctx) => {
  if (target.role !== "driver") return item;
  const ports = [
    ctx.ports.driver,
    ctx.ports.blockManager,
    ...(ctx.ports.ui !== undefined ? [ctx.ports.ui] : []),
  ];
  return {
    ...item,
    services: [
      ...(item.services ?? []),
      {
        type: "Headless",
        ports,
        ...(ctx.customServiceName !== undefined ? { name: ctx.customServiceName } : {}),
      },
    ],
  };
};

/** The name Armada gives the first service of a job's pod. */
export function armadaServiceName(jobId: string): string {
  return `armada-${jobId}-0-service-0`;
}
