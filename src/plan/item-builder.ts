// Runs the plan steps, in order, to build one job item for the driver or an executor, then merges
// it over the role's template. Adding a feature means adding a step to this list.
import type { ResolvedConf } from "../conf/resolved-conf.js";
import type { JobSubmitRequestItem, JsonObject } from "./model.js";
import type { PlanContext, PodTarget } from "./plan-context.js";
import { applyItemTemplate } from "./templates.js";
import { basicPod } from "./steps/basic-pod.js";
import { driverCommand } from "./steps/driver-command.js";
import { driverIngress } from "./steps/driver-ingress.js";
import { driverService } from "./steps/driver-service.js";
import { executorEnvironment } from "./steps/executor-environment.js";
import { gang } from "./steps/gang.js";
import { labels } from "./steps/labels.js";
import { podResources } from "./steps/pod-resources.js";
import { preemptionGrace } from "./steps/preemption-grace.js";
import { scheduling } from "./steps/scheduling.js";
import type { PlanStep } from "./steps/step.js";
import { waitForDriver } from "./steps/wait-for-driver.js";

export const planSteps: readonly PlanStep[] = [
  basicPod,
  driverCommand,
  executorEnvironment,
  podResources,
  waitForDriver,
  scheduling,
  preemptionGrace,
  labels,
  gang,
  driverService,
  driverIngress,
];

export function buildItem(
  target: PodTarget,
  ctx: PlanContext,
  template: JsonObject | undefined,
  conf: ResolvedConf,
): JobSubmitRequestItem {
  const empty: JobSubmitRequestItem = { clientId: "", namespace: "", podSpecs: [] };
  const planned = planSteps.reduce((item, step) => step(item, target, ctx), empty);
  if (template === undefined) return planned;
  // The merged item may carry any template field; its shape is the same message.
  return applyItemTemplate(
    planned as unknown as JsonObject,
    template,
    target.role,
    conf,
  ) as unknown as JobSubmitRequestItem;
}
