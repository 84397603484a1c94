// The driver container: the image entrypoint's `driver` mode (spark-submit in client mode inside
// the pod, master spark+armada://), its bind address from the pod IP, and the declared ports that
// Armada's headless service exposes.
import type { ContainerPort } from "../model.js";
import { addEnv, envField, envValue, withSparkContainer, type PlanStep } from "./step.js";

export const driverCommand: PlanStep = (item, target, ctx) => {
  if (target.role !== "driver") return item;
  const ports: ContainerPort[] = [
    { name: "driver-rpc-port", containerPort: ctx.ports.driver, protocol: "TCP" },
    { name: "blockmanager", containerPort: ctx.ports.blockManager, protocol: "TCP" },
  ];
  if (ctx.ports.ui !== undefined)
    ports.push({ name: "spark-ui", containerPort: ctx.ports.ui, protocol: "TCP" });
  // Armada only routes ports a container declares.
  const ingressPort = ctx.ingress?.port;
  if (ingressPort !== undefined && !ports.some((p) => p.containerPort === ingressPort)) {
    ports.push({ name: "ingress", containerPort: ingressPort, protocol: "TCP" });
  }
  return withSparkContainer(item, (c) =>
    addEnv({ ...c, args: [...ctx.driverArgs], ports }, [
      envValue("SPARK_APPLICATION_ID", ctx.appId),
      envField("SPARK_DRIVER_BIND_ADDRESS", "status.podIP"),
      ...ctx.driverEnv.map((e) =>
        e.fieldPath !== undefined ? envField(e.name, e.fieldPath) : envValue(e.name, e.value ?? ""),
      ),
    ]),
  );
};
