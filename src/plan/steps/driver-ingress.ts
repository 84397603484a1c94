// An ingress for the driver UI when spark.armada.driver.ingress.enabled.
import type { IngressConfig } from "../model.js";
import type { PlanStep } from "./step.js";

export const driverIngress: PlanStep = (item, target, ctx) => {
  if (target.role !== "driver" || ctx.ingress === undefined) return item;
  const i = ctx.ingress;
  const config: IngressConfig = { ports: [i.port], tlsEnabled: i.tlsEnabled };
  if (i.certName !== undefined) config.certName = i.certName;
  if (Object.keys(i.annotations).length > 0) config.annotations = { ...i.annotations };
  return { ...item, ingress: [...(item.ingress ?? []), config] };
};
